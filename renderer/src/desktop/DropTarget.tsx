/**
 * Desktop-only pieces of the UI, self-contained so they mount with one line each:
 * - `<DropTarget />` (mount once, anywhere under the app): a folder or `.db` dragged over the window
 *   shows a hint; dropped, it is opened as a store. Paths come from the Electron preload
 *   (`window.runlensDesktop`, which asks `webUtils.getPathForFile`); a page never sees them, and in
 *   a browser (no preload) this renders nothing and leaves drops alone.
 * - `useConnectToServerCommand(open)`: File ▸ Connect to Server… in the desktop menu calls `open`
 *   (mount in the component that owns the connect dialog).
 * The main process answers the drop by opening the stores, announcing them (storesChanged) and
 * showing a dialog for any it could not open, as File ▸ Open does.
 */
import { useEffect, useState } from 'react';

import './desktopBridge';

/** True when a drag carries files from the OS (not text or a link dragged inside the page). */
export function isFileDrag(types: readonly string[] | null | undefined): boolean {
  return !!types && Array.from(types).includes('Files');
}

export function DropTarget() {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    const desktop = window.runlensDesktop;
    if (!desktop) return undefined;
    // dragenter/dragleave fire for every child element; counting keeps the hint steady.
    let depth = 0;
    const enter = (event: DragEvent) => {
      if (!isFileDrag(event.dataTransfer?.types)) return;
      depth += 1;
      setDragging(true);
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const over = (event: DragEvent) => {
      if (!isFileDrag(event.dataTransfer?.types)) return;
      event.preventDefault(); // allows the drop
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const drop = (event: DragEvent) => {
      depth = 0;
      setDragging(false);
      const files = event.dataTransfer?.files;
      if (!files || files.length === 0) return;
      event.preventDefault(); // no navigation to file://
      desktop.openDroppedFiles(files).catch((err: unknown) => {
        console.error('runlens: could not open the dropped files:', err);
      });
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);
  if (!dragging) return null;
  return (
    <div
      className="drop-target"
      role="status"
      style={{
        position: 'fixed',
        inset: 0,
        zIndex: 1000,
        display: 'grid',
        placeItems: 'center',
        pointerEvents: 'none',
        background: 'color-mix(in srgb, var(--bg) 80%, transparent)',
        border: '3px dashed var(--accent)',
        color: 'var(--text)',
        fontSize: '1.1rem',
      }}
    >
      Drop an mlruns folder or an MLflow .db file to open it
    </div>
  );
}

/** Calls `open` when the desktop menu's File ▸ Connect to Server… is chosen (no-op in a browser). */
export function useConnectToServerCommand(open: () => void): void {
  useEffect(() => {
    const desktop = window.runlensDesktop;
    if (!desktop) return undefined;
    return desktop.onCommand((command) => {
      if (command.type === 'connectToServer') open();
    });
  }, [open]);
}

/**
 * `window.runlensDesktop`, as the page sees it: set by the Electron preload (electron/desktopBridge.ts
 * defines it), absent in a browser. Desktop-only UI checks for it and renders nothing without it.
 */
export interface DesktopBridge {
  openDroppedFiles(files: ArrayLike<File>): Promise<{ opened: number; failed: number }>;
  onCommand(callback: (command: { type: string }) => void): () => void;
  /** Prints the report HTML to PDF after a save dialog (main process); absent in older builds. */
  exportPdf?(request: {
    html: string;
    fileName: string;
  }): Promise<{ saved: boolean; fileName?: string; error?: string }>;
}

declare global {
  interface Window {
    runlensDesktop?: DesktopBridge;
  }
}

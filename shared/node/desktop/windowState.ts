/**
 * The main window's size and position, remembered across launches in `window-state.json`.
 *
 * A saved position is only reused when the window would still be visible: displays change (a laptop
 * undocked), and a window restored onto a screen that is gone cannot be found by the user. Then the
 * saved size is kept (clamped to the largest display) and the OS places the window.
 */
import { join } from 'node:path';
import { readStateFile, writeStateFile } from './stateFile';

export const WINDOW_STATE_FILE = 'window-state.json';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
  fullScreen: boolean;
}

/** What BrowserWindow's constructor takes; x/y absent means "let the OS place it". */
export interface InitialBounds {
  width: number;
  height: number;
  x?: number;
  y?: number;
  maximized: boolean;
  fullScreen: boolean;
}

export const DEFAULT_SIZE = { width: 1280, height: 820 };
export const MIN_SIZE = { width: 720, height: 480 };
/** How much of the title bar must lie on a display for a saved position to be reused. */
const VISIBLE_MARGIN = 48;

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function parseWindowState(value: unknown): WindowState | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as {
    bounds?: Record<string, unknown>;
    maximized?: unknown;
    fullScreen?: unknown;
  };
  const b = v.bounds;
  if (!b || !finite(b.x) || !finite(b.y) || !finite(b.width) || !finite(b.height)) return null;
  if (b.width <= 0 || b.height <= 0) return null;
  return {
    bounds: { x: b.x, y: b.y, width: b.width, height: b.height },
    maximized: v.maximized === true,
    fullScreen: v.fullScreen === true,
  };
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/** The bounds to open the window with, given what was saved and the displays' work areas now. */
export function initialBounds(
  saved: WindowState | null,
  workAreas: readonly Rect[],
): InitialBounds {
  if (saved === null || workAreas.length === 0) {
    return { ...DEFAULT_SIZE, maximized: false, fullScreen: false };
  }
  const largest = workAreas.reduce((a, b) => (a.width * a.height >= b.width * b.height ? a : b));
  const width = Math.max(MIN_SIZE.width, Math.min(saved.bounds.width, largest.width));
  const height = Math.max(MIN_SIZE.height, Math.min(saved.bounds.height, largest.height));
  const titleBar: Rect = { x: saved.bounds.x, y: saved.bounds.y, width, height: VISIBLE_MARGIN };
  const visible = workAreas.some((area) => {
    const o = overlap(titleBar, area);
    return o.width >= VISIBLE_MARGIN && o.height >= VISIBLE_MARGIN / 2;
  });
  const base = { width, height, maximized: saved.maximized, fullScreen: saved.fullScreen };
  return visible ? { ...base, x: saved.bounds.x, y: saved.bounds.y } : base;
}

export class WindowStateFile {
  readonly path: string;

  constructor(userDataDir: string) {
    this.path = join(userDataDir, WINDOW_STATE_FILE);
  }

  read(): WindowState | null {
    return parseWindowState(readStateFile(this.path));
  }

  write(state: WindowState): void {
    writeStateFile(this.path, state);
  }
}

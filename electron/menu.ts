/**
 * The application menu. Built as a plain template (only types from 'electron') so main.ts stays a
 * composition root and the template can be checked in a test.
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  openFolder: () => void;
  openDatabase: () => void;
}

export interface MenuOptions {
  isMac: boolean;
  /** Adds View > Toggle Developer Tools. */
  isDev: boolean;
}

export function buildMenuTemplate(
  actions: MenuActions,
  options: MenuOptions,
): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Open Folder…', accelerator: 'CmdOrCtrl+O', click: () => actions.openFolder() },
      {
        label: 'Open Database…',
        accelerator: 'CmdOrCtrl+Shift+O',
        click: () => actions.openDatabase(),
      },
      { type: 'separator' },
      options.isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  // Without an Edit menu, copy and paste shortcuts do not work on macOS.
  const edit: MenuItemConstructorOptions = { role: 'editMenu' };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'reload' },
      ...(options.isDev ? [{ role: 'toggleDevTools' } as const] : []),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const template: MenuItemConstructorOptions[] = [file, edit, view, { role: 'windowMenu' }];
  return options.isMac ? [{ role: 'appMenu' }, ...template] : template;
}

/**
 * The application menu. Built as a plain template (only types from 'electron') so main stays a
 * composition root and the whole template is checked in a test (a snapshot of labels, roles and
 * accelerators). Standard items use Electron's roles, which bring the platform's own labels,
 * accelerators and behaviour (Edit's copy/paste, Window's minimize/zoom, macOS's app menu).
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { RecentStoreEntry } from '../shared/node/desktop/recentStores';

export type ThemeSource = 'system' | 'light' | 'dark';
export const THEME_SOURCES: readonly ThemeSource[] = ['system', 'light', 'dark'];

export interface MenuActions {
  openFolder: () => void;
  openDatabase: () => void;
  connectToServer: () => void;
  openRecent: (location: string) => void;
  clearRecent: () => void;
  closeStore: () => void;
  setTheme: (theme: ThemeSource) => void;
  openDocs: () => void;
  showAbout: () => void;
}

export interface MenuOptions {
  isMac: boolean;
  /** Adds View > Toggle Developer Tools. */
  isDev: boolean;
  recent: readonly RecentStoreEntry[];
  theme: ThemeSource;
}

export const DOCS_URL = 'https://mlflow.org/docs/latest/ml/tracking/';

function recentMenu(actions: MenuActions, recent: readonly RecentStoreEntry[]) {
  const items: MenuItemConstructorOptions[] = recent.map((entry) => ({
    // The location tells two stores of the same folder name apart; a missing one cannot be opened.
    label: `${entry.displayName} — ${entry.location}${entry.missing ? ' (missing)' : ''}`,
    enabled: !entry.missing,
    click: () => actions.openRecent(entry.location),
  }));
  if (items.length === 0) items.push({ label: 'No Recent Stores', enabled: false });
  items.push(
    { type: 'separator' },
    { label: 'Clear Recent', enabled: recent.length > 0, click: () => actions.clearRecent() },
  );
  return items;
}

const THEME_LABELS: Record<ThemeSource, string> = {
  system: 'Follow System',
  light: 'Light',
  dark: 'Dark',
};

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
      {
        label: 'Connect to Server…',
        accelerator: 'CmdOrCtrl+Shift+K',
        click: () => actions.connectToServer(),
      },
      { label: 'Open Recent', submenu: recentMenu(actions, options.recent) },
      { type: 'separator' },
      { label: 'Close Store', click: () => actions.closeStore() },
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
      { role: 'forceReload' },
      ...(options.isDev ? [{ role: 'toggleDevTools' } as const] : []),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      {
        label: 'Theme',
        submenu: THEME_SOURCES.map((theme) => ({
          label: THEME_LABELS[theme],
          type: 'radio' as const,
          checked: options.theme === theme,
          click: () => actions.setTheme(theme),
        })),
      },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      { label: 'MLflow Tracking Documentation', click: () => actions.openDocs() },
      ...(options.isMac
        ? []
        : [
            { type: 'separator' } as const,
            { label: 'About Runlens', click: () => actions.showAbout() },
          ]),
    ],
  };
  const template: MenuItemConstructorOptions[] = [file, edit, view, { role: 'windowMenu' }, help];
  if (!options.isMac) return template;
  // macOS: About lives in the app menu, with the versions in the native About panel's detail.
  const appMenu: MenuItemConstructorOptions = {
    label: 'Runlens',
    submenu: [
      { label: 'About Runlens', click: () => actions.showAbout() },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };
  return [appMenu, ...template];
}

export interface Versions {
  app: string;
  electron: string;
  chrome: string;
  node: string;
}

/** The About box's text: what a bug report needs. */
export function aboutDetail(versions: Versions): string {
  return [
    `Runlens ${versions.app}`,
    `Electron ${versions.electron}`,
    `Chromium ${versions.chrome}`,
    `Node ${versions.node}`,
    '',
    'Read-only viewer for MLflow tracking data.',
  ].join('\n');
}

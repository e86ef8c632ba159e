import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { aboutDetail, buildMenuTemplate, type MenuActions, type MenuOptions } from './menu';

function find(
  items: MenuItemConstructorOptions[],
  label: string,
): MenuItemConstructorOptions | undefined {
  for (const item of items) {
    if (item.label === label) return item;
    if (Array.isArray(item.submenu)) {
      const inner = find(item.submenu, label);
      if (inner) return inner;
    }
  }
  return undefined;
}

const roles = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);

/** The template as text: label or role, accelerator, state; submenus indented. */
function outline(items: MenuItemConstructorOptions[], depth = 0): string[] {
  return items.flatMap((item) => {
    const name = item.type === 'separator' ? '---' : (item.label ?? `(${item.role})`);
    const extras = [
      item.accelerator ? `[${String(item.accelerator)}]` : '',
      item.enabled === false ? 'disabled' : '',
      item.type === 'radio' ? (item.checked ? '(•)' : '( )') : '',
    ].filter((e) => e !== '');
    const line = `${'  '.repeat(depth)}${[name, ...extras].join(' ')}`;
    return [line, ...(Array.isArray(item.submenu) ? outline(item.submenu, depth + 1) : [])];
  });
}

function actions(): MenuActions {
  return {
    openFolder: vi.fn(),
    openDatabase: vi.fn(),
    connectToServer: vi.fn(),
    openRecent: vi.fn(),
    clearRecent: vi.fn(),
    closeStore: vi.fn(),
    setTheme: vi.fn(),
    openDocs: vi.fn(),
    showAbout: vi.fn(),
  };
}

const base: MenuOptions = { isMac: false, isDev: false, recent: [], theme: 'system' };
const recent = [
  { location: '/data/mlruns', displayName: 'mlruns', openedAt: 't', missing: false },
  { location: '/old/mlflow.db', displayName: 'mlflow.db', openedAt: 't', missing: true },
];

describe('buildMenuTemplate', () => {
  it('has the standard menus with their roles and accelerators (snapshot)', () => {
    expect(outline(buildMenuTemplate(actions(), { ...base, recent, theme: 'dark' })))
      .toMatchInlineSnapshot(`
        [
          "File",
          "  Open Folder… [CmdOrCtrl+O]",
          "  Open Database… [CmdOrCtrl+Shift+O]",
          "  Connect to Server… [CmdOrCtrl+Shift+K]",
          "  Open Recent",
          "    mlruns — /data/mlruns",
          "    mlflow.db — /old/mlflow.db (missing) disabled",
          "    ---",
          "    Clear Recent",
          "  ---",
          "  Close Store",
          "  ---",
          "  (quit)",
          "(editMenu)",
          "View",
          "  (reload)",
          "  (forceReload)",
          "  ---",
          "  (resetZoom)",
          "  (zoomIn)",
          "  (zoomOut)",
          "  ---",
          "  Theme",
          "    Follow System ( )",
          "    Light ( )",
          "    Dark (•)",
          "  ---",
          "  (togglefullscreen)",
          "(windowMenu)",
          "(help)",
          "  MLflow Tracking Documentation",
          "  ---",
          "  About Runlens",
        ]
      `);
  });

  it('has the macOS app menu, and no Quit in File there', () => {
    const template = buildMenuTemplate(actions(), { ...base, isMac: true });
    expect(template[0]?.label).toBe('Runlens');
    expect(outline(template).slice(0, 3)).toEqual(['Runlens', '  About Runlens', '  ---']);
    const file = template.find((m) => m.label === 'File');
    expect(roles(file?.submenu as MenuItemConstructorOptions[])).toEqual(['close']);
  });

  it('wires every item to its action', () => {
    const a = actions();
    const template = buildMenuTemplate(a, { ...base, recent });
    const click = (label: string) => (find(template, label)?.click as (() => void) | undefined)?.();
    click('Open Folder…');
    click('Open Database…');
    click('Connect to Server…');
    click('mlruns — /data/mlruns');
    click('Clear Recent');
    click('Close Store');
    click('Light');
    click('MLflow Tracking Documentation');
    click('About Runlens');
    expect(a.openFolder).toHaveBeenCalledOnce();
    expect(a.openDatabase).toHaveBeenCalledOnce();
    expect(a.connectToServer).toHaveBeenCalledOnce();
    expect(a.openRecent).toHaveBeenCalledWith('/data/mlruns');
    expect(a.clearRecent).toHaveBeenCalledOnce();
    expect(a.closeStore).toHaveBeenCalledOnce();
    expect(a.setTheme).toHaveBeenCalledWith('light');
    expect(a.openDocs).toHaveBeenCalledOnce();
    expect(a.showAbout).toHaveBeenCalledOnce();
  });

  it('offers DevTools only in development', () => {
    expect(roles(buildMenuTemplate(actions(), base))).not.toContain('toggleDevTools');
    expect(roles(buildMenuTemplate(actions(), { ...base, isDev: true }))).toContain(
      'toggleDevTools',
    );
  });

  it('says so when there is nothing recent', () => {
    const lines = outline(buildMenuTemplate(actions(), base));
    expect(lines).toContain('    No Recent Stores disabled');
    expect(lines).toContain('    Clear Recent disabled');
  });
});

describe('aboutDetail', () => {
  it('names the versions a bug report needs', () => {
    expect(aboutDetail({ app: '0.1.0', electron: '45.5.0', chrome: '142.0', node: '22.20.0' }))
      .toMatchInlineSnapshot(`
        "Runlens 0.1.0
        Electron 45.5.0
        Chromium 142.0
        Node 22.20.0

        Read-only viewer for MLflow tracking data."
      `);
  });
});

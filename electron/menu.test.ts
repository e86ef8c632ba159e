import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate } from './menu';

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

describe('buildMenuTemplate', () => {
  it('wires File > Open Folder… and Open Database… to the actions', () => {
    const actions = { openFolder: vi.fn(), openDatabase: vi.fn() };
    const template = buildMenuTemplate(actions, { isMac: false, isDev: false });
    const click = (label: string) => (find(template, label)?.click as (() => void) | undefined)?.();
    click('Open Folder…');
    click('Open Database…');
    expect(actions.openFolder).toHaveBeenCalledOnce();
    expect(actions.openDatabase).toHaveBeenCalledOnce();
    expect(roles(template)).toContain('quit');
  });

  it('offers DevTools only in development, and the app menu only on macOS', () => {
    const actions = { openFolder: vi.fn(), openDatabase: vi.fn() };
    expect(roles(buildMenuTemplate(actions, { isMac: false, isDev: false }))).not.toContain(
      'toggleDevTools',
    );
    expect(roles(buildMenuTemplate(actions, { isMac: false, isDev: true }))).toContain(
      'toggleDevTools',
    );
    expect(roles(buildMenuTemplate(actions, { isMac: true, isDev: false }))).toContain('appMenu');
    expect(roles(buildMenuTemplate(actions, { isMac: false, isDev: false }))).not.toContain(
      'appMenu',
    );
  });
});

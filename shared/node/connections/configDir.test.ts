import { describe, expect, it } from 'vitest';
import { defaultConfigDir } from './configDir';

describe('defaultConfigDir', () => {
  it('prefers RUNLENS_CONFIG_DIR, then an absolute XDG_CONFIG_HOME, then ~/.config', () => {
    expect(
      defaultConfigDir({ RUNLENS_CONFIG_DIR: '/etc/rl', XDG_CONFIG_HOME: '/x' }, '/home/a'),
    ).toBe('/etc/rl');
    expect(defaultConfigDir({ XDG_CONFIG_HOME: '/x' }, '/home/a')).toBe('/x/runlens');
    expect(defaultConfigDir({ XDG_CONFIG_HOME: 'relative' }, '/home/a')).toBe(
      '/home/a/.config/runlens',
    );
    expect(defaultConfigDir({}, '/home/a')).toBe('/home/a/.config/runlens');
  });
});

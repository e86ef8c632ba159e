/**
 * The folder Runlens keeps its own settings in (connection profiles) when it runs as the CLI or the
 * web host: RUNLENS_CONFIG_DIR, else $XDG_CONFIG_HOME/runlens, else ~/.config/runlens. The Electron
 * app uses its userData folder instead. Nothing is ever written inside a user's store.
 */
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

export function defaultConfigDir(
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  const explicit = env.RUNLENS_CONFIG_DIR?.trim();
  if (explicit) return explicit;
  const xdg = env.XDG_CONFIG_HOME?.trim();
  // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  if (xdg && isAbsolute(xdg)) return join(xdg, 'runlens');
  return join(home, '.config', 'runlens');
}

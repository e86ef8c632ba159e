/**
 * Where the Electron executable is, found the way electron/index.js does it but without requiring
 * 'electron': that module downloads the binary on first use and blocks for a minute offline.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

function executableName(): string {
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (process.platform === 'win32') return 'electron.exe';
  return 'electron';
}

/** The executable's path when it is installed, else undefined. */
export function electronBinaryPath(): string | undefined {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return undefined;
  }
  const pathTxt = join(packageDir, 'path.txt');
  const executable = existsSync(pathTxt) ? readFileSync(pathTxt, 'utf8').trim() : executableName();
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? join(override, executable) : join(packageDir, 'dist', executable);
  return existsSync(binary) ? binary : undefined;
}

export function electronBinaryAvailable(): boolean {
  return electronBinaryPath() !== undefined;
}

/** Linux needs a display server (xvfb-run on CI); macOS and Windows always have one. */
export function displayAvailable(): boolean {
  if (process.platform === 'darwin' || process.platform === 'win32') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

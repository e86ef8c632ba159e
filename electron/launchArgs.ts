/**
 * What the desktop shell opens at launch: stores (paths or server URLs) and `runlens://` links.
 *
 * Development (`electron dist/electron/main.cjs -- ./mlruns`, as `runlens [STORE…]` runs it): the
 * targets are the arguments after the first `--`, which keeps them apart from the switches Chromium,
 * Node or Playwright put before the script. Packaged (`Runlens ./mlruns`, or the OS opening a `.db`
 * or a link with the app): every argument after the executable that is not a `-`switch, and all after
 * a `--`. Paths are made absolute against the launching directory; URLs are kept as given.
 */
import { resolve } from 'node:path';
import { isDeepLinkArg } from '../shared/node/desktop/deepLink';

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;

export interface LaunchTargets {
  stores: string[];
  links: string[];
}

export function normalizeStoreLocation(location: string, cwd: string): string {
  return URL_LIKE.test(location) ? location : resolve(cwd, location);
}

function targetArgs(argv: readonly string[], packaged: boolean): string[] {
  const separator = argv.indexOf('--');
  if (!packaged) return separator === -1 ? [] : argv.slice(separator + 1);
  const before = (separator === -1 ? argv.slice(1) : argv.slice(1, separator)).filter(
    (arg) => !arg.startsWith('-'),
  );
  return separator === -1 ? before : [...before, ...argv.slice(separator + 1)];
}

export function launchTargets(
  argv: readonly string[],
  cwd: string,
  packaged: boolean,
): LaunchTargets {
  const targets: LaunchTargets = { stores: [], links: [] };
  for (const arg of targetArgs(argv, packaged)) {
    if (arg.trim() === '') continue;
    if (isDeepLinkArg(arg)) targets.links.push(arg);
    else targets.stores.push(normalizeStoreLocation(arg, cwd));
  }
  return targets;
}

/** What a second launch hands to the first through `requestSingleInstanceLock(additionalData)`. */
export type SecondInstanceData = LaunchTargets;

/** Reads the data of a second launch defensively: it comes from another process. */
export function targetsFromSecondInstance(data: unknown): LaunchTargets {
  const strings = (value: unknown): string[] =>
    Array.isArray(value)
      ? value.filter((s): s is string => typeof s === 'string' && s.trim() !== '')
      : [];
  if (typeof data !== 'object' || data === null) return { stores: [], links: [] };
  const { stores, links } = data as { stores?: unknown; links?: unknown };
  return { stores: strings(stores), links: strings(links).filter(isDeepLinkArg) };
}

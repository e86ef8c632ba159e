/**
 * What a viewer on another machine may do beyond reading (browser mode bound to a non-loopback
 * address). The token lets anyone who holds the printed URL in; it must not also let them make this
 * machine open arbitrary files or reach arbitrary URLs for them, nor learn its folder layout:
 * - `openStore` takes only an existing folder or a .db/.sqlite/.sqlite3 file given as a plain path
 *   (no devices, FIFOs or sockets, no URL of any scheme: a remote server is opened through a
 *   profile the local user saved, with `connect`);
 * - `saveConnection` and `testConnection` are refused: they would point this machine at any URL;
 * - answers carry no folder above an open store: in store locations, problem paths, artifact
 *   locations and error messages, the folder holding a store is cut to `…` (`…/mlruns/1/meta.yaml`);
 *   any other absolute path is cut to its last component (remotePaths.ts).
 * A loopback viewer is the local user (or a program they run, which could read the files anyway)
 * and keeps everything, paths included, like the CLI and the desktop app.
 */
import { statSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { isAbsolute, resolve } from 'node:path';
import type { RunlensEvent } from '../../common/contract';
import type { Result } from '../../common/errors';
import { cutLocalPaths, foldersAbove } from './remotePaths';

export function isLoopbackViewer(req: IncomingMessage): boolean {
  const address = req.socket.remoteAddress ?? '';
  return address === '::1' || /^(::ffff:)?127\./.test(address);
}

const SQLITE_NAME = /\.(db|sqlite|sqlite3)$/i;
/** A scheme (`http:`, `sqlite:`, `file:`…) but not a Windows drive letter. */
const URI = /^[a-z][a-z0-9+.-]+:/i;

/** Why a remote viewer may not make this call, or undefined when it may. */
export function remoteRefusal(method: string, request: unknown, cwd: string): string | undefined {
  if (method === 'saveConnection' || method === 'testConnection')
    return 'Server profiles can be changed only on the machine running Runlens';
  if (method !== 'openStore') return undefined;
  const location = (request as { location?: unknown } | null)?.location;
  if (typeof location !== 'string' || location === '') return undefined; // the contract answers
  if (URI.test(location) || location.startsWith('~'))
    return 'From another machine, open a folder or .db file by its path, or a saved server profile';
  const path = isAbsolute(location) ? location : resolve(cwd, location);
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return 'No such folder or .db file on the machine running Runlens';
  }
  if (stats.isDirectory() || (stats.isFile() && SQLITE_NAME.test(path))) return undefined;
  return 'From another machine, only folders and .db/.sqlite/.sqlite3 files can be opened';
}

export { withoutAbsolutePaths } from './remotePaths';

/**
 * The result as a remote viewer sees it: without the folders above `storeLocations` (every open store's)
 * nor any other absolute path, in error messages (the call's, or a store's) and in path fields.
 */
export function forRemoteViewer(
  result: Result<unknown>,
  storeLocations: readonly string[],
): Result<unknown> {
  return cutLocalPaths(result, foldersAbove(storeLocations)) as Result<unknown>;
}

/** An event as a remote viewer sees it: pushed store lists cut as listStores answers are. */
export function eventForRemoteViewer(event: RunlensEvent): RunlensEvent {
  if (event.type !== 'storesChanged') return event;
  const folders = foldersAbove(event.stores.map((s) => s.location));
  return cutLocalPaths(event, folders) as RunlensEvent;
}

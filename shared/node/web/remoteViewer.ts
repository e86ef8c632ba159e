/**
 * What a viewer on another machine may do beyond reading (browser mode bound to a non-loopback
 * address). The token lets anyone who holds the printed URL in; it must not also let them make this
 * machine open arbitrary files or reach arbitrary URLs for them, nor learn its folder layout:
 * - `openStore` takes only an existing folder or a .db/.sqlite/.sqlite3 file given as a plain path
 *   (no devices, FIFOs or sockets, no URL of any scheme: a remote server is opened through a
 *   profile the local user saved, with `connect`);
 * - `saveConnection` and `testConnection` are refused: they would point this machine at any URL;
 * - absolute paths in error messages are cut to their last component.
 * A loopback viewer is the local user (or a program they run, which could read the files anyway)
 * and keeps everything, paths included, like the CLI and the desktop app.
 */
import { statSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { isAbsolute, resolve } from 'node:path';
import type { Result } from '../../common/errors';

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

/** `/home/ann/proj/mlflow.db` → `…/mlflow.db`: the name helps, the folder layout stays private. */
export function withoutAbsolutePaths(message: string): string {
  return message.replace(
    /(^|[\s'"`(=:])(?:\/|[a-zA-Z]:\\)[^\s'"`)]*?([^/\\\s'"`)]+)(?=$|[\s'"`),:;.](?:\s|$)|[\s'"`),;])/g,
    (_m, lead: string, name: string) => `${lead}…/${name}`,
  );
}

/** The result as a remote viewer sees it: error messages (the call's, or a store's) without paths. */
export function forRemoteViewer(result: Result<unknown>): Result<unknown> {
  if (!result.ok)
    return {
      ok: false,
      error: { ...result.error, message: withoutAbsolutePaths(result.error.message) },
    };
  // A batch (getMetricSeriesBatch) carries one Result per item: its failures are errors too.
  if (Array.isArray(result.value))
    return {
      ok: true,
      value: result.value.map((v: unknown) => (isFailure(v) ? forRemoteViewer(v) : v)),
    };
  const value = result.value as { error?: { message?: unknown } } | null;
  if (value && typeof value === 'object' && typeof value.error?.message === 'string') {
    const error = { ...value.error, message: withoutAbsolutePaths(value.error.message) };
    return { ok: true, value: { ...value, error } };
  }
  return result;
}

function isFailure(v: unknown): v is Result<unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as { ok?: unknown; error?: { message?: unknown } };
  return r.ok === false && typeof r.error?.message === 'string';
}

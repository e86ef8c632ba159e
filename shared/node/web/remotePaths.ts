/**
 * Cutting this machine's folder layout out of what a remote viewer is sent (remoteViewer.ts). A store
 * opened at `/home/ann/proj/mlruns` is shown as `…/mlruns`, its problems as `…/mlruns/1/meta.yaml` and
 * its runs' artifacts as `file://…/mlruns/1/<run>/artifacts`: enough to find them on the machine, not
 * who or where it is. Any other absolute path is cut to its last component.
 *
 * Only path fields (location, path, artifactUri, artifactLocation) and error messages are changed:
 * params, tags, metrics and other data are the store's content, sent as they are.
 */
import { dirname, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';

const PATH_FIELDS: ReadonlySet<string> = new Set([
  'location',
  'path',
  'artifactUri',
  'artifactLocation',
]);
/** Store content, never walked: a param named `path` is data, not a path of this machine. */
const DATA_FIELDS: ReadonlySet<string> = new Set([
  'data',
  'params',
  'tags',
  'metrics',
  'requestMetadata',
]);

/** `/home/ann/proj/mlflow.db` → `…/mlflow.db`: the name helps, the folder layout stays private. */
export function withoutAbsolutePaths(message: string): string {
  return message.replace(
    /(^|[\s'"`(=:])(?:\/|[a-zA-Z]:\\)[^\s'"`)]*?([^/\\\s'"`)]+)(?=$|[\s'"`),:;.](?:\s|$)|[\s'"`),;])/g,
    (_m, lead: string, name: string) => `${lead}…/${name}`,
  );
}

function localPath(location: string): string | undefined {
  if (location.startsWith('file:')) {
    try {
      return fileURLToPath(location);
    } catch {
      return undefined;
    }
  }
  return isAbsolute(location) ? location : undefined;
}

/** The folders holding the stores at `locations` (absolute paths or file: URIs), longest first. */
export function foldersAbove(locations: readonly string[]): string[] {
  const folders = new Set<string>();
  for (const location of locations) {
    const path = localPath(location);
    const parent = path === undefined ? undefined : dirname(path);
    // The root itself hides nothing and would turn every `/` into `…`.
    if (parent !== undefined && dirname(parent) !== parent) folders.add(parent);
  }
  return [...folders].sort((a, b) => b.length - a.length);
}

function withoutFolders(text: string, folders: readonly string[]): string {
  let out = text;
  for (const folder of folders) {
    for (const sep of ['/', '\\']) out = out.split(`${folder}${sep}`).join(`…${sep}`);
    if (out === folder) out = '…';
  }
  return out;
}

/** A path field: under a store's folder from `…` on, else when still absolute its last component. */
function cutPathField(value: string, folders: readonly string[]): string {
  const out = withoutFolders(value, folders);
  const scheme = /^file:\/\//.exec(out)?.[0] ?? '';
  const rest = out.slice(scheme.length);
  if (!(rest.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(rest))) return out;
  const name =
    rest
      .replace(/[\\/]+$/, '')
      .split(/[\\/]/)
      .pop() ?? '';
  return `${scheme}…/${name}`;
}

/** `value` with its path fields and messages cut (a copy; `value` is not changed). */
export function cutLocalPaths(value: unknown, folders: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => cutLocalPaths(v, folders));
  if (!value || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (typeof field === 'string' && PATH_FIELDS.has(key)) out[key] = cutPathField(field, folders);
    else if (typeof field === 'string' && key === 'message')
      out[key] = withoutAbsolutePaths(withoutFolders(field, folders));
    else if (DATA_FIELDS.has(key)) out[key] = field;
    else out[key] = cutLocalPaths(field, folders);
  }
  return out;
}

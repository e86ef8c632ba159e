/**
 * `runlens://` links and the renderer routes they lead to.
 *
 * A link names a store by its location (store ids such as `s1` live only as long as one app session):
 *   runlens://open?store=/data/mlruns                       opens the store
 *   runlens://open?store=/data/mlflow.db&experiment=3       … and shows that experiment's runs
 *   runlens://open?store=https://mlflow.example&run=ab12…   … and shows that run
 * The main process opens the store, then points the renderer at the hash route of the same view the
 * renderer's own URLs use (`#/run/$storeId/$runId`, `#/runs?e=storeId:experimentId`).
 *
 * A link comes from anywhere (a web page, a chat), so it is parsed strictly: only an absolute local
 * path or an http(s) URL without credentials, never a Windows UNC path (opening `\\host\share` would
 * send the user's NTLM credentials to that host), and ids of plain characters only.
 */
import { isAbsolute } from 'node:path';

export const LINK_PROTOCOL = 'runlens';

export interface DeepLink {
  location: string;
  runId?: string;
  experimentId?: string;
}

const ID = /^[\w.-]{1,256}$/;

export function isDeepLinkArg(arg: string): boolean {
  return arg.toLowerCase().startsWith(`${LINK_PROTOCOL}:`);
}

function acceptableLocation(location: string): boolean {
  if (location.includes('\0')) return false;
  if (/^https?:\/\//i.test(location)) {
    try {
      const url = new URL(location);
      return url.username === '' && url.password === '';
    } catch {
      return false;
    }
  }
  if (location.startsWith('\\\\') || location.startsWith('//')) return false;
  return isAbsolute(location) || /^[a-zA-Z]:[\\/]/.test(location);
}

/** The link's target, or null when it is not a well-formed `runlens://open` link. */
export function parseDeepLink(link: string): DeepLink | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  if (url.protocol !== `${LINK_PROTOCOL}:` || url.host !== 'open') return null;
  if (url.pathname !== '' && url.pathname !== '/') return null;
  const location = url.searchParams.get('store');
  if (location === null || !acceptableLocation(location)) return null;
  const out: DeepLink = { location };
  const run = url.searchParams.get('run');
  const experiment = url.searchParams.get('experiment');
  if (run !== null) {
    if (!ID.test(run)) return null;
    out.runId = run;
  }
  if (experiment !== null) {
    if (!ID.test(experiment)) return null;
    out.experimentId = experiment;
  }
  return out;
}

/** The link for a view, e.g. for "Copy link" (the inverse of parseDeepLink). */
export function formatDeepLink(link: DeepLink): string {
  const params = new URLSearchParams({ store: link.location });
  if (link.experimentId !== undefined) params.set('experiment', link.experimentId);
  if (link.runId !== undefined) params.set('run', link.runId);
  return `${LINK_PROTOCOL}://open?${params.toString()}`;
}

/** The renderer's hash route for the link's view once its store is open as `storeId`; null: none. */
export function routeHashFor(link: DeepLink, storeId: string): string | null {
  const id = encodeURIComponent;
  if (link.runId !== undefined) return `#/run/${id(storeId)}/${id(link.runId)}`;
  if (link.experimentId !== undefined) return `#/runs?e=${id(`${storeId}:${link.experimentId}`)}`;
  return null;
}

/** A hash the renderer may be sent to: one of its own routes, nothing that could be a script. */
export function isRouteHash(hash: string): boolean {
  return /^#\/[\w\-./?=&%:~+]*$/.test(hash) && hash.length <= 4096;
}

/**
 * The stores the window shows now, read from its URL's hash route (`#/run/s1/…`, `#/runs?e=s1:0`,
 * `#/models/s1`, …): the store File ▸ Close Store closes.
 */
export function storeIdsInRoute(url: string): string[] {
  const hashAt = url.indexOf('#');
  if (hashAt === -1) return [];
  const hash = url.slice(hashAt + 1);
  const [path = '', query = ''] = hash.split('?', 2);
  const found = new Set<string>();
  const segments = path.split('/').filter((s) => s !== '');
  const withStore = ['run', 'models', 'logged-models', 'traces'];
  if (segments.length >= 2 && withStore.includes(segments[0] ?? '')) {
    found.add(decodeURIComponent(segments[1] ?? ''));
  }
  const params = new URLSearchParams(query);
  for (const key of ['e', 'runs', 'sel', 'store']) {
    for (const raw of params.getAll(key)) {
      // TanStack Router writes arrays as JSON; a single value may be plain.
      let values: unknown = raw;
      try {
        values = JSON.parse(raw);
      } catch {
        // plain string
      }
      for (const value of Array.isArray(values) ? values : [values]) {
        if (typeof value !== 'string' || value === '') continue;
        found.add(key === 'store' ? value : (value.split(':')[0] ?? value));
      }
    }
  }
  found.delete('');
  return [...found];
}

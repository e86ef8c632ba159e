/**
 * Link builders for the screens of issue 10 (run, artifacts, registry, logged models, traces).
 *
 * Each returns the `{ to, params, search }` object TanStack Router's `<Link {...x}>` and `navigate(x)`
 * take, with the paths of the route map (renderer.md). Keeping them in one place makes the route wiring a
 * one-file change and keeps every screen's links consistent.
 */
export const RUN_TABS = [
  'overview',
  'metrics',
  'params',
  'artifacts',
  'tags',
  'datasets',
  'models',
] as const;
export type RunTab = (typeof RUN_TABS)[number];

export interface RunSearch {
  tab?: RunTab;
  path?: string;
  metric?: string;
}

export function isRunTab(value: unknown): value is RunTab {
  return typeof value === 'string' && (RUN_TABS as readonly string[]).includes(value);
}

export function runLink(storeId: string, runId: string, search: RunSearch = {}) {
  return {
    to: '/run/$storeId/$runId',
    params: { storeId, runId },
    search: dropUndefined(search),
  } as const;
}

/** The run page's artifacts tab with one artifact (or folder) selected. */
export function artifactLink(storeId: string, runId: string, path: string) {
  return runLink(storeId, runId, { tab: 'artifacts', path: path || undefined });
}

/** Where a metric's chart opens: the run page's metrics tab with `metric` set (charts read it). */
export function metricLink(storeId: string, runId: string, metric: string) {
  return runLink(storeId, runId, { tab: 'metrics', metric });
}

export function modelsLink(storeId: string) {
  return { to: '/models/$storeId', params: { storeId }, search: {} } as const;
}

export function modelLink(storeId: string, name: string) {
  return { to: '/models/$storeId/$name', params: { storeId, name }, search: {} } as const;
}

export function modelVersionLink(storeId: string, name: string, version: string) {
  return {
    to: '/models/$storeId/$name/$version',
    params: { storeId, name, version },
    search: {},
  } as const;
}

export function loggedModelLink(storeId: string, modelId: string) {
  return {
    to: '/logged-models/$storeId/$modelId',
    params: { storeId, modelId },
    search: {},
  } as const;
}

export function traceLink(storeId: string, traceId: string) {
  return { to: '/traces/$storeId/$traceId', params: { storeId, traceId }, search: {} } as const;
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && v !== ''),
  ) as Partial<T>;
}

/**
 * One benchmark measurement in a fresh process (bundled by run.mjs to `dist/bench-child.mjs`, beside
 * `dist/cli.cjs`, so that anything the CLI bundle resolves relative to itself resolves the same here).
 *
 * `node dist/bench-child.mjs '<json Task>'` prints one JSON line: `{ timings, counts, notes, maxRssKb }`
 * (milliseconds). It exits 1 with a one-line reason on stderr when a call fails. Timings cover only the
 * calls named, after the modules are loaded: what a user of the running app waits for.
 */
import { createRequire } from 'node:module';
import { contract, validateRequest } from '../../shared/common/contract';
import type { Result } from '../../shared/common/errors';
import { encodePageToken } from '../../shared/common/search/index';
import { InspectorService } from '../../shared/node/service/InspectorService';
import { FILTER, FILTER_ORDER } from './filterCase';

export type Scenario = 'list' | 'queries' | 'history' | 'sqlite' | 'serve' | 'keys';

export interface Task {
  scenario: Scenario;
  /** Path of the store to open. */
  store: string;
  /** history: the run and metric with the long history. */
  runId?: string;
  key?: string;
  /** sqlite: number of runs (the deep page is page 1,000, or the last page of a smaller store). */
  runs?: number;
}

export interface ChildResult {
  timings: Record<string, number>;
  counts: Record<string, number>;
  notes: string[];
  maxRssKb: number;
}

const SCREENFUL = { maxResults: 100, orderBy: ['attributes.start_time DESC'] };
/** Chart width a series is asked for, in points. */
const CHART_POINTS = 1000;

const result: ChildResult = { timings: {}, counts: {}, notes: [], maxRssKb: 0 };

async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const value = await work();
  result.timings[name] = performance.now() - started;
  return value;
}

function value<T>(outcome: Result<T>, what: string): T {
  if (!outcome.ok) throw new Error(`${what}: ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.value;
}

async function open(service: InspectorService, store: string): Promise<string> {
  const info = value(
    await timed('open', () => service.openStore({ location: store })),
    'openStore',
  );
  if (info.state !== 'ready') throw new Error(`openStore: ${info.error?.message ?? 'not ready'}`);
  return info.storeId;
}

/** `runlens runs STORE --json` through the built CLI's own main(): open, every page, MLflow JSON. */
async function listThroughCli(task: Task): Promise<void> {
  // Loaded as Node loads it: only main() is timed, so the code cache bin/runlens.js uses does not count.
  const cli = createRequire(import.meta.url)('./cli.cjs') as {
    main(argv: string[], io: object): Promise<number>;
  };
  const out: string[] = [];
  const errors: string[] = [];
  const io = {
    stdout: (t: string) => void out.push(t),
    stderr: (t: string) => void errors.push(t),
  };
  const code = await timed('total', () => cli.main(['runs', task.store, '--json'], io));
  if (code !== 0) throw new Error(`runlens runs exited ${code}: ${errors.join('').trim()}`);
  result.counts.runs = (JSON.parse(out.join('')) as { runs?: unknown[] }).runs?.length ?? 0;
}

async function allRuns(service: InspectorService, storeId: string): Promise<number> {
  let count = 0;
  let pageToken: string | undefined;
  do {
    const page = value(
      await service.searchRuns({ storeId, maxResults: 1000, ...(pageToken ? { pageToken } : {}) }),
      'searchRuns',
    );
    count += page.runs.length;
    pageToken = page.nextPageToken;
  } while (pageToken);
  return count;
}

async function screenfulAndFilter(service: InspectorService, storeId: string): Promise<void> {
  const first = value(
    await timed('firstPage', () => service.searchRuns({ storeId, ...SCREENFUL })),
    'first page',
  );
  result.counts.firstPage = first.runs.length;
  const filtered = value(
    await timed('filterSort', () =>
      service.searchRuns({ storeId, filter: FILTER, orderBy: FILTER_ORDER, maxResults: 50_000 }),
    ),
    'filter + sort',
  );
  result.counts.filterSort = filtered.runs.length;
}

/** The request getMetricSeries accepts (its shape is checked against the contract, not assumed). */
function seriesRequest(storeId: string, runId: string, key: string): object | undefined {
  if (!Object.prototype.hasOwnProperty.call(contract, 'getMetricSeries')) return undefined;
  const base = { storeId, runId, key };
  const candidates = ['maxPoints', 'points', 'buckets', 'maxBuckets', 'width', 'targetPoints'].map(
    (f) => ({ ...base, [f]: CHART_POINTS }),
  );
  for (const request of [...candidates, base]) {
    try {
      validateRequest('getMetricSeries' as keyof typeof contract, request);
      return request;
    } catch {
      // not this shape; try the next
    }
  }
  return undefined;
}

/** Length of the first array found in a response (the series' points, whatever the field is named). */
function pointCount(response: unknown): number {
  if (Array.isArray(response)) return response.length;
  if (typeof response === 'object' && response !== null) {
    for (const v of Object.values(response)) {
      const n = pointCount(v);
      if (n > 0) return n;
    }
  }
  return 0;
}

async function history(service: InspectorService, task: Task): Promise<void> {
  const storeId = await open(service, task.store);
  const runId = task.runId ?? '';
  const key = task.key ?? '';
  const request = seriesRequest(storeId, runId, key);
  if (request) {
    const call = (service as unknown as Record<string, (r: object) => Promise<Result<unknown>>>)
      .getMetricSeries;
    if (!call) throw new Error('the contract has getMetricSeries but the service does not');
    const series = value(
      await timed('series', () => call.call(service, request)),
      'getMetricSeries',
    );
    result.counts.points = pointCount(series);
    result.notes.push(
      `getMetricSeries(${
        Object.keys(request)
          .filter((k) => !(k in { storeId, runId, key }))
          .join(', ') || 'no size'
      })`,
    );
  } else {
    const points = value(
      await timed('series', () => service.getMetricHistory({ storeId, runId, key })),
      'getMetricHistory',
    );
    result.counts.points = points.length;
    result.notes.push('no sampled series yet: full getMetricHistory');
  }
}

async function sqlite(service: InspectorService, task: Task): Promise<void> {
  const storeId = await open(service, task.store);
  const query = { storeId, orderBy: ['metrics.m0 DESC'], maxResults: 100 };
  const first = value(await timed('firstPage', () => service.searchRuns(query)), 'first page');
  result.counts.firstPage = first.runs.length;
  const again = value(
    await timed('firstPageAgain', () => service.searchRuns(query)),
    'first page again',
  );
  result.counts.firstPageAgain = again.runs.length;
  const offset = Math.max(0, Math.min(99_900, (task.runs ?? 0) - 100));
  const deep = value(
    await timed('deepPage', () =>
      service.searchRuns({ ...query, pageToken: encodePageToken(offset) }),
    ),
    'deep page',
  );
  result.counts.deepPage = deep.runs.length;
  result.counts.deepPageOffset = offset;
}

/**
 * Issue 11 (limits): a store with many distinct metric keys opened as the app opens it: open, the first
 * screenful, the run count. Counts the screenful's distinct keys (the columns the table offers).
 */
async function keys(service: InspectorService, task: Task): Promise<void> {
  const storeId = await open(service, task.store);
  const first = value(
    await timed('firstPage', () => service.searchRuns({ storeId, ...SCREENFUL })),
    'first page',
  );
  result.counts.firstPage = first.runs.length;
  result.counts.firstPageKeys = new Set(
    first.runs.flatMap((r) => Object.keys(r.data.metrics)),
  ).size;
  const count = value(await timed('count', () => service.countRuns({ storeId })), 'countRuns');
  result.counts.runs = count.total ?? -1;
}

async function serve(service: InspectorService, task: Task): Promise<void> {
  const storeId = await open(service, task.store);
  result.counts.runs = await timed('allRuns', () => allRuns(service, storeId));
  await screenfulAndFilter(service, storeId);
}

async function runTask(task: Task): Promise<void> {
  if (task.scenario === 'list') return listThroughCli(task);
  const service = new InspectorService();
  try {
    if (task.scenario === 'queries')
      await screenfulAndFilter(service, await open(service, task.store));
    else if (task.scenario === 'history') await history(service, task);
    else if (task.scenario === 'sqlite') await sqlite(service, task);
    else if (task.scenario === 'keys') await keys(service, task);
    else await serve(service, task);
  } finally {
    await service.dispose();
  }
}

try {
  await runTask(JSON.parse(process.argv[2] ?? '{}') as Task);
  result.maxRssKb = process.resourceUsage().maxRSS;
  process.stdout.write(`${JSON.stringify(result)}\n`);
} catch (err) {
  process.stderr.write(
    `${err instanceof Error ? err.message : String(err)}\n`.replace(/\s*\n(?=.)/g, ' '),
  );
  process.exitCode = 1;
}

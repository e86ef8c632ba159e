/**
 * The methods the sidebar and the runs table use to browse (countRuns, getMetricRanges, completePath),
 * on the real MLflow fixtures: a count equals the length of the search it counts, on every store kind
 * and filter; a range equals the min/max of the full history.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunlensHandlers } from '../../common/contract';
import type { Result } from '../../common/errors';
import { InspectorService } from './InspectorService';
import { allRunPages, valueOf } from '../../../test/support/serviceCalls';

const FIXTURES = resolve(import.meta.dirname, '../../../test/fixtures');
const STORES = [
  ['file', 'mlflow-3.1.2.dev0/mlruns'],
  ['sqlite', 'mlflow-3.1.2.dev0/mlflow.db'],
  ['file', 'mlflow-2.12.2.dev0/mlruns'],
  ['sqlite', 'mlflow-2.12.2.dev0/mlflow.db'],
] as const;

const value = <T>(result: Result<T>): T => valueOf(result);

/** Every run `req` finds, in pages of 3 (so paging is exercised too). */
const allRuns = (service: RunlensHandlers, storeId: string, req: object) =>
  allRunPages(service, { storeId, ...req }, 3);

describe.each(STORES)('%s store %s', (_kind, path) => {
  const service = new InspectorService();
  let storeId = '';
  beforeAll(async () => {
    storeId = value(await service.openStore({ location: join(FIXTURES, path) })).storeId;
  });
  afterAll(() => service.dispose());

  it.each([
    [{}],
    [{ viewType: 'ALL' as const }],
    [{ viewType: 'DELETED_ONLY' as const }],
    [{ filter: 'metrics.f1 > 0.8' }],
    [{ filter: "params.seasonality = 'additive' and tags.model_type = 'arima'" }],
    [{ filter: "attributes.status = 'FAILED' OR metrics.rmse > 1", viewType: 'ALL' as const }],
  ])('countRuns %j equals the length of the search', async (req) => {
    const runs = await allRuns(service, storeId, req);
    const count = value(await service.countRuns({ storeId, ...req }));
    expect(count.total).toBe(runs.length);
    const perExperiment: Record<string, number> = {};
    for (const run of runs)
      perExperiment[run.info.experimentId] = (perExperiment[run.info.experimentId] ?? 0) + 1;
    expect(count.byExperiment).toEqual(perExperiment);
  });

  it('countRuns rejects a bad filter as the search does', async () => {
    const count = await service.countRuns({ storeId, filter: 'not a filter' });
    expect(count.ok).toBe(false);
    if (!count.ok) expect(count.error.code).toBe('INVALID_ARGUMENT');
  });

  it('getMetricRanges gives the min and max of each whole history', async () => {
    const runs = (await allRuns(service, storeId, {})).slice(0, 6);
    const keys = [...new Set(runs.flatMap((r) => Object.keys(r.data.metrics)))].slice(0, 4);
    const ranges = value(
      await service.getMetricRanges({ storeId, runIds: runs.map((r) => r.info.runId), keys }),
    );
    let checked = 0;
    for (const run of runs) {
      for (const key of keys) {
        const history = value(
          await service.getMetricHistory({ storeId, runId: run.info.runId, key }),
        );
        const range = ranges.find((r) => r.runId === run.info.runId && r.key === key);
        if (history.length === 0) {
          expect(range).toBeUndefined();
          continue;
        }
        const finite = history.map((m) => m.value).filter(Number.isFinite);
        expect(range).toEqual({
          runId: run.info.runId,
          key,
          min: finite.length ? Math.min(...finite) : null,
          max: finite.length ? Math.max(...finite) : null,
          points: history.length,
        });
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('getMetricRanges skips runs that do not exist', async () => {
    expect(
      value(await service.getMetricRanges({ storeId, runIds: ['nope'], keys: ['loss'] })),
    ).toEqual([]);
  });
});

describe('completePath', () => {
  const service = new InspectorService();
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'runlens-complete-'));
    mkdirSync(join(dir, 'project', 'mlruns'), { recursive: true });
    mkdirSync(join(dir, 'plain'));
    mkdirSync(join(dir, 'renamed', '0'), { recursive: true });
    writeFileSync(join(dir, 'renamed', '0', 'meta.yaml'), 'name: Default\n');
    mkdirSync(join(dir, 'dbproject'));
    writeFileSync(join(dir, 'dbproject', 'mlflow.db'), '');
    writeFileSync(join(dir, 'points.db'), 'SQLite format 3\0');
    writeFileSync(join(dir, 'notes.txt'), 'secret');
    mkdirSync(join(dir, '.hidden'));
  });
  afterAll(async () => {
    await service.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists folders and SQLite files with the store each would open, names only', async () => {
    const answer = value(await service.completePath({ prefix: dir + sep }));
    expect(answer.dir).toBe(dir);
    expect(answer.truncated).toBe(false);
    expect(answer.entries).toEqual([
      { name: 'dbproject', path: join(dir, 'dbproject') + sep, isDir: true, store: 'sqlite' },
      { name: 'plain', path: join(dir, 'plain') + sep, isDir: true, store: null },
      { name: 'points.db', path: join(dir, 'points.db'), isDir: false, store: 'sqlite' },
      { name: 'project', path: join(dir, 'project') + sep, isDir: true, store: 'file' },
      { name: 'renamed', path: join(dir, 'renamed') + sep, isDir: true, store: 'file' },
    ]);
    expect(JSON.stringify(answer)).not.toContain('secret');
  });

  it('completes the name being typed, case-insensitively; dot names only when typed', async () => {
    const typed = value(await service.completePath({ prefix: join(dir, 'P') }));
    expect(typed.entries.map((e) => e.name)).toEqual(['plain', 'points.db', 'project']);
    const hidden = value(await service.completePath({ prefix: join(dir, '.h') }));
    expect(hidden.entries.map((e) => e.name)).toEqual(['.hidden']);
  });

  it('gives nothing for a folder that does not exist', async () => {
    const answer = value(await service.completePath({ prefix: join(dir, 'nope', 'x') }));
    expect(answer.entries).toEqual([]);
  });
});

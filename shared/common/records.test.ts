import { describe, expect, it } from 'vitest';
import { fromWireJson, toWireJson } from './wire';
import { ownValue, setOwn } from './records';
import { evaluateExpr, parsePolicyExpr } from './governance/expression';
import { runFromJson } from './mlflowJson';
import { compareRuns, parseRunOrderBy, searchRuns } from './search/index';
import type { Metric, Run } from './types';

/** A run whose params, tags and metrics hold exactly these keys (set as the stores set them). */
function run(id: string, keys: string[]): Run {
  const params: Record<string, string> = {};
  const tags: Record<string, string> = {};
  const metrics: Record<string, Metric> = {};
  for (const key of keys) {
    setOwn(params, key, `p-${key}`);
    setOwn(tags, key, `t-${key}`);
    setOwn(metrics, key, { key, value: key.length, timestamp: 0, step: 0 });
  }
  return {
    info: {
      runId: id,
      runName: id,
      experimentId: '1',
      userId: 'alice',
      status: 'FINISHED',
      startTime: 1,
      endTime: 2,
      artifactUri: '',
      lifecycleStage: 'active',
    },
    data: { params, tags, metrics },
    inputs: { datasetInputs: [] },
    outputs: { modelOutputs: [] },
  };
}

describe('records keyed by names from the data', () => {
  it('setOwn adds __proto__ as a key and leaves the prototype alone', () => {
    const record: Record<string, string> = {};
    setOwn(record, '__proto__', 'x');
    setOwn(record, 'constructor', 'y');
    expect(Object.keys(record)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(ownValue(record, '__proto__')).toBe('x');
    expect(ownValue(record, 'constructor')).toBe('y');
    // Kept across the wire and a structured clone (workers, Electron's IPC).
    const back = fromWireJson(toWireJson(record)) as Record<string, string>;
    expect(ownValue(back, '__proto__')).toBe('x');
    expect(ownValue(structuredClone(record), '__proto__')).toBe('x');
  });

  it('ownValue never answers with a member of Object.prototype', () => {
    const record: Record<string, string> = { a: '1' };
    for (const name of ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'])
      expect(ownValue(record, name)).toBeUndefined();
    expect(ownValue(record, 'a')).toBe('1');
  });

  it('the in-memory search (RUN_READER) reads those names as any other key', () => {
    const runs = [
      run('has', ['constructor', '__proto__', 'toString']),
      run('plain', ['lr']),
      run('none', []),
    ];
    const ids = (filter: string, orderBy: string[] = []) =>
      searchRuns(runs, { filter, orderBy }).runs.map((r) => r.info.runId);
    expect(ids("params.constructor = 'p-constructor'")).toEqual(['has']);
    expect(ids("params.__proto__ = 'p-__proto__'")).toEqual(['has']);
    expect(ids("tags.toString LIKE 't-%'")).toEqual(['has']);
    expect(ids('metrics.constructor = 11')).toEqual(['has']);
    expect(ids('params.constructor IS NULL').sort()).toEqual(['none', 'plain']);
    expect(ids("params.hasOwnProperty != 'x'")).toEqual([]);
    expect(ids('metrics.valueOf >= 0')).toEqual([]);
    expect(ids('', ['params.__proto__ DESC'])[0]).toBe('has');
    const byCtor = compareRuns(parseRunOrderBy(['metrics.constructor ASC']));
    expect([...runs].reverse().sort(byCtor)[0]?.info.runId).toBe('has');
  });

  it('a server’s run JSON keeps them (RestStore reads runs through runFromJson)', () => {
    const r = runFromJson({
      info: { run_id: 'r', experiment_id: '1', status: 'FINISHED', lifecycle_stage: 'active' },
      data: {
        params: [{ key: '__proto__', value: 'p' }],
        tags: [{ key: '__proto__', value: 't' }],
        metrics: [{ key: '__proto__', value: 1, timestamp: 0, step: 0 }],
      },
    });
    expect(ownValue(r.data.params, '__proto__')).toBe('p');
    expect(ownValue(r.data.tags, '__proto__')).toBe('t');
    expect(ownValue(r.data.metrics, '__proto__')?.value).toBe(1);
    expect(Object.getPrototypeOf(r.data.params)).toBe(Object.prototype);
  });

  it('a governance policy’s clause reads them as any other key', () => {
    const has = run('has', ['constructor']);
    const none = run('none', []);
    const expr = parsePolicyExpr("run.params.constructor = 'p-constructor'", ['run']);
    expect(evaluateExpr(expr, { run: has })).toBe(true);
    expect(evaluateExpr(expr, { run: none })).toBe(false);
    const missing = parsePolicyExpr('run.params.toString IS NULL', ['run']);
    expect(evaluateExpr(missing, { run: none })).toBe(true);
  });
});

/**
 * Counterexamples the fuzzers found (minimized by fast-check), kept as plain cases so they run on every
 * test run whatever the seed. Each names the fix it guards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDamage, baselineListing } from './fileStoreCase';

let baseline: Awaited<ReturnType<typeof baselineListing>>;
beforeAll(async () => {
  baseline = await baselineListing();
});
afterAll(() => baseline.dispose());

describe('fuzz counterexamples (FileStore)', () => {
  it('a step beyond int64 is a reported bad line, not a silently rounded step (metricFile.ts)', async () => {
    await checkDamage(
      {
        kind: 'odd steps',
        file: '0/047d579d58df40d0bd8773fc1777882a/metrics/score',
        steps: ['99999999999999999999999'],
      },
      baseline.runs,
    );
  });

  it('a meta.yaml naming another run id is reported, and the run stays under its folder name (readRunSync.ts)', async () => {
    const outcome = await checkDamage(
      {
        kind: 'wrong type',
        file: '877658890741933408/8abcc9925a43472b9cfe48e042564f59/meta.yaml',
        field: 'run_id',
        value: '0',
      },
      baseline.runs,
    );
    expect(outcome).toBe('wrong type → reported');
  });
});

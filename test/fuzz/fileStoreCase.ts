/**
 * Test helper: one fuzz case over a FileStore copy — the damage applied to a fresh copy of the fixture,
 * the store read as the app reads it, and the invariants of issue 11 (part 2, item 1) checked against
 * the undamaged copy's listing. Shared by the fuzz property and its regression cases (counterexamples
 * the fuzzer found, kept as plain tests). Only tests import this file.
 */
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { StoreError } from '../../shared/common/errors';
import type { Run, StoreProblem } from '../../shared/common/types';
import { FileStore } from '../../shared/node/stores/file/FileStore';
import { copyFixture } from '../support/fileStoreCopies';
import { withDeadline } from './fuzzBudget';
import { applyDamage, damagedUnit, type Damage } from './storeDamage';

export const VERSION = 'mlflow-2.12.2.dev0';

interface ListedRun {
  unit: string;
  /** The run as JSON with the store root replaced by `<root>` (so copies compare equal). */
  json: string;
  metricKeys: string[];
}

export interface Listing {
  runs: Map<string, ListedRun>;
  problems: StoreProblem[];
  store: FileStore;
}

export async function listAll(root: string): Promise<Listing> {
  const store = new FileStore(root);
  await store.open();
  const experiments = await store.listExperiments();
  const runs = await store.listRuns(experiments.map((e) => e.experimentId));
  const byId = new Map<string, ListedRun>();
  for (const run of runs) byId.set(run.info.runId, listed(run, root));
  return { runs: byId, problems: store.problems(), store };
}

function listed(run: Run, root: string): ListedRun {
  return {
    unit: `${run.info.experimentId}/${run.info.runId}`,
    json: JSON.stringify(run).split(root).join('<root>'),
    metricKeys: Object.keys(run.data.metrics),
  };
}

/** The undamaged copy's runs (and its root, kept for storeFiles; remove with `dispose`). */
export async function baselineListing(): Promise<{
  root: string;
  runs: Map<string, ListedRun>;
  dispose: () => void;
}> {
  const root = copyFixture(VERSION);
  const listing = await listAll(root);
  await listing.store.close();
  expect(listing.problems).toEqual([]);
  return {
    root,
    runs: listing.runs,
    dispose: () => rmSync(dirname(root), { recursive: true, force: true }),
  };
}

function isInt64Text(text: string): boolean {
  if (!/^[+-]?\d+$/.test(text)) return false;
  const n = BigInt(text);
  return n >= -(2n ** 63n) && n < 2n ** 63n;
}

/** Damages after which a run legitimately reads differently with nothing to report. */
function mayChangeSilently(damage: Damage): boolean {
  if (damage.file.includes('/params/') || damage.file.includes('/tags/')) return true;
  if (damage.kind === 'symlink loop') return false;
  // A field of another type is read the way the field readers accept every shape MLflow ever wrote
  // (meta.ts): a new value, or none; the run itself must still be listed or explained.
  if (damage.kind === 'wrong type') return true;
  // Appended lines whose steps are all int64 integers are new points (MLflow's step is an int64).
  if (damage.kind === 'odd steps') return damage.steps.every(isInt64Text);
  // A metric file cut at a line end, or deleted, is a shorter (or no) history: nothing is wrong in it.
  return (
    !damage.file.endsWith('meta.yaml') && (damage.kind === 'truncate' || damage.kind === 'deleted')
  );
}

/**
 * Applies `damage` to a fresh copy and checks the invariants; resolves an outcome label for the tally
 * (whether the store reported problems). Throws (an assertion) when an invariant breaks.
 */
export async function checkDamage(
  damage: Damage,
  baseline: ReadonlyMap<string, ListedRun>,
): Promise<string> {
  const root = copyFixture(VERSION);
  let store: FileStore | undefined;
  try {
    applyDamage(root, damage);
    const listing = await withDeadline(`listing after ${damage.kind}`, listAll(root));
    store = listing.store;
    const unit = damagedUnit(damage);
    const unitPath = join(root, unit);
    for (const p of listing.problems) {
      expect(p.path.startsWith(root), `problem outside the store: ${p.path}`).toBe(true);
      expect(p.message.trim(), `problem without reason: ${p.path}`).not.toBe('');
    }
    const explained = listing.problems.some(
      (p) => p.path === unitPath || p.path.startsWith(`${unitPath}/`),
    );
    let hidden = 0;
    for (const [id, before] of baseline) {
      const after = listing.runs.get(id);
      const inUnit = before.unit === unit || before.unit.startsWith(`${unit}/`);
      if (!inUnit) {
        expect(after?.json, `intact run ${id} changed after ${damage.kind} ${damage.file}`).toBe(
          before.json,
        );
        continue;
      }
      if (after?.json === before.json) continue;
      if (after === undefined || !mayChangeSilently(damage)) hidden += explained ? 0 : 1;
    }
    expect(hidden, `${damage.kind} ${damage.file}: changed with no problem reported`).toBe(0);
    // The damaged run read alone, as the run page does: an answer or a StoreError, never a crash.
    const runId = unit.split('/')[1];
    if (runId !== undefined) {
      const s = store;
      const reads = [
        s.getRun(runId),
        s.listArtifacts(runId, ''),
        ...(baseline.get(runId)?.metricKeys ?? []).map((k) => s.getMetricHistory(runId, k)),
      ];
      for (const outcome of await withDeadline('run reads', Promise.allSettled(reads)))
        if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(StoreError);
    }
    return `${damage.kind} → ${listing.problems.length > 0 ? 'reported' : 'read without a problem'}`;
  } finally {
    await store?.close();
    rmSync(dirname(root), { recursive: true, force: true });
  }
}

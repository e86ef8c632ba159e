/**
 * A run whose parent cannot be read (issue 11, part 2, item 1): the sweep parent of the 2.12 fixture is
 * damaged in every way that drops it from the listing; its children must still be listed, with their
 * parent tag, the problem must name the parent's folder, and the runs table (runTree.ts) must show them
 * under a placeholder for that parent — never re-parented, never moved to the top level.
 */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FileStore } from '../../shared/node/stores/file/FileStore';
import { nestRuns, problemFor, PARENT_RUN_TAG } from '../../renderer/src/runs/runTree';
import { copyFixture, fixtureIds } from '../support/fileStoreCopies';
import { runProperty, withDeadline } from './fuzzBudget';
import { applyDamage, type Damage } from './storeDamage';
import { VERSION } from './fileStoreCase';

const IDS = fixtureIds(VERSION);
const PARENT = IDS.runs['sweep-parent'] as string;
const EXPERIMENT = IDS.experiments.iris as string;
const META = `${EXPERIMENT}/${PARENT}/meta.yaml`;

const killsParent: fc.Arbitrary<Damage> = fc.oneof(
  fc.constant<Damage>({ kind: 'deleted', file: META }),
  fc.constant<Damage>({ kind: 'yaml bomb', file: META }),
  fc.constant<Damage>({ kind: 'folder instead of file', file: META }),
  fc.constant<Damage>({ kind: 'truncate', file: META, keep: 0 }),
  fc
    .uint8Array({ minLength: 1, maxLength: 256 })
    // Bytes that happen to be a YAML mapping keep the parent readable; those are not this test.
    .filter((b) => b.includes(0))
    .map((bytes): Damage => ({ kind: 'binary', file: META, bytes })),
);

describe('a run whose parent is unreadable', () => {
  it('is listed and shown under a placeholder parent, with the reason', async () => {
    const property = fc.asyncProperty(killsParent, async (damage) => {
      const root = copyFixture(VERSION);
      const store = new FileStore(root);
      try {
        applyDamage(root, damage);
        await store.open();
        const runs = await withDeadline(
          damage.kind,
          store.listRuns((await store.listExperiments()).map((e) => e.experimentId)),
        );
        expect(runs.map((r) => r.info.runId)).not.toContain(PARENT);
        const children = runs.filter((r) => r.data.tags[PARENT_RUN_TAG] === PARENT);
        expect(children).toHaveLength(4);
        const reason = problemFor(store.problems(), PARENT);
        expect(reason, `${damage.kind}: no problem names the parent`).not.toBeNull();
        const rows = nestRuns(
          runs.map((run) => ({ storeId: 's', run })),
          new Set(),
          (_storeId, runId) => problemFor(store.problems(), runId),
        );
        const at = rows.findIndex((r) => r.kind === 'missing-parent' && r.runId === PARENT);
        expect(at).toBeGreaterThanOrEqual(0);
        expect(rows[at]).toMatchObject({ childCount: 4, reason });
        // The placeholder's subtree: every row after it until the next top-level row.
        const end = rows.findIndex((r, i) => i > at && r.depth === 0);
        const subtree = rows.slice(at + 1, end < 0 ? undefined : end);
        const direct = subtree.filter((r) => r.depth === 1);
        expect(direct.map((r) => (r.kind === 'run' ? r.run.info.runId : r.kind)).sort()).toEqual(
          children.map((c) => c.info.runId).sort(),
        );
      } finally {
        await store.close();
        rmSync(dirname(root), { recursive: true, force: true });
      }
    });
    const ran = await runProperty('unreadable parent', property, {
      numRuns: 8,
      timeLimitMs: 5_000,
    });
    expect(ran).toBeGreaterThanOrEqual(3);
  }, 30_000);
});

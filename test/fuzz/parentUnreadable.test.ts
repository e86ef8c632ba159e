/**
 * A run whose parent cannot be read (issue 11, part 2, item 1): the sweep parent of the 2.12 fixture is
 * damaged in each way that drops it from the listing (a fixed list, so every way runs under any load); its children must still be listed, with their
 * parent tag, the problem must name the parent's folder, and the runs table (runTree.ts) must show them
 * under a placeholder for that parent — never re-parented, never moved to the top level.
 */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileStore } from '../../shared/node/stores/file/FileStore';
import { nestRuns, problemFor, PARENT_RUN_TAG } from '../../renderer/src/runs/runTree';
import { copyFixture, fixtureIds } from '../support/fileStoreCopies';
import { withDeadline } from './fuzzBudget';
import { applyDamage, type Damage } from './storeDamage';
import { VERSION } from './fileStoreCase';

const IDS = fixtureIds(VERSION);
const PARENT = IDS.runs['sweep-parent'] as string;
const EXPERIMENT = IDS.experiments.iris as string;
const META = `${EXPERIMENT}/${PARENT}/meta.yaml`;

/** Every way of losing the parent's meta.yaml; each case is run, whatever the machine's load. */
const KILLS_PARENT: Damage[] = [
  { kind: 'deleted', file: META },
  { kind: 'yaml bomb', file: META },
  { kind: 'folder instead of file', file: META },
  { kind: 'truncate', file: META, keep: 0 },
  { kind: 'binary', file: META, bytes: Uint8Array.from([0, 0xff, 0x1b, 0x3a, 0x0a, 0x7b]) },
];

describe('a run whose parent is unreadable', () => {
  it.each(KILLS_PARENT.map((d) => [d.kind, d] as const))(
    'is listed and shown under a placeholder parent, with the reason (parent meta.yaml: %s)',
    async (_kind, damage) => {
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
    },
    30_000,
  );
});

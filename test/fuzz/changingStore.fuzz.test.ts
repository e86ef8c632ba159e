/**
 * Files deleted or growing while read (issue 11, part 2, item 1): while a fresh FileStore lists a copy of
 * the 2.12 fixture, a few "victim" runs change under it — metric files grow, files and whole run folders
 * are deleted, meta.yaml is rewritten in place (truncated first, as MLflow's write_yaml does). Invariants:
 * the listing answers (no throw, no hang), every other run is listed exactly as before, a victim is
 * listed, gone with its folder, or explained by a problem in its folder. Then a refresh() sees the end
 * state. Budget: 6 s of cases (at most 60), seed in fuzzBudget.ts.
 */
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileStore } from '../../shared/node/stores/file/FileStore';
import { copyFixture } from '../support/fileStoreCopies';
import { baselineListing, listAll, VERSION } from './fileStoreCase';
import { SEED, Tally, runProperty, withDeadline } from './fuzzBudget';
import { storeFiles } from './storeDamage';

type Change = 'grow metric' | 'delete file' | 'delete run folder' | 'rewrite meta';

let baseline: Awaited<ReturnType<typeof baselineListing>>;
beforeAll(async () => {
  baseline = await baselineListing();
});
afterAll(() => baseline.dispose());

function change(root: string, runFolder: string, what: Change, files: string[]): void {
  const dir = join(root, runFolder);
  if (!existsSync(dir)) return;
  const inRun = files.filter((f) => f.startsWith(`${runFolder}/`) && existsSync(join(root, f)));
  switch (what) {
    case 'grow metric': {
      const metric = inRun.find((f) => f.includes('/metrics/'));
      if (metric) appendFileSync(join(root, metric), `${Date.now()} 0.5 9\n`.repeat(200));
      return;
    }
    case 'delete file': {
      const victim = inRun.find((f) => !f.endsWith('meta.yaml'));
      if (victim) rmSync(join(root, victim), { force: true });
      return;
    }
    case 'delete run folder':
      rmSync(dir, { recursive: true, force: true });
      return;
    case 'rewrite meta': {
      const meta = join(dir, 'meta.yaml');
      if (!existsSync(meta)) return;
      const text = readFileSync(meta);
      writeFileSync(meta, '');
      writeFileSync(meta, text);
      return;
    }
  }
}

describe('fuzz: a FileStore changing while it is read', () => {
  it('answers, keeps every untouched run, and explains or drops only the changed ones', async () => {
    const files = storeFiles(baseline.root);
    const all = [...files.runMeta, ...files.metrics, ...files.paramsAndTags];
    const tally = new Tally();
    const plan = fc.array(
      fc.tuple(
        fc.constantFrom(...files.runFolders),
        fc.constantFrom<Change>('grow metric', 'delete file', 'delete run folder', 'rewrite meta'),
        fc.nat(3),
      ),
      { minLength: 1, maxLength: 6 },
    );
    const property = fc.asyncProperty(plan, async (steps) => {
      const root = copyFixture(VERSION);
      let store: FileStore | undefined;
      try {
        // Each change waits `delay` turns of the event loop, so they land while the listing reads.
        const changes = (async () => {
          for (const [runFolder, what, delay] of steps) {
            for (let i = 0; i < delay; i++) await new Promise((r) => setImmediate(r));
            change(root, runFolder, what, all);
          }
        })();
        const listing = await withDeadline('listing while changing', listAll(root));
        store = listing.store;
        await changes;
        const victims = new Set(steps.map(([runFolder]) => runFolder.split('/')[1]));
        for (const [id, before] of baseline.runs) {
          const after = listing.runs.get(id);
          if (!victims.has(id)) {
            expect(after?.json, `untouched run ${id}`).toBe(before.json);
            continue;
          }
          const dir = join(root, before.unit);
          const explained = listing.problems.some((p) => p.path.startsWith(dir));
          expect(
            after !== undefined || explained || !existsSync(dir),
            `run ${id} vanished with its folder still there and no problem`,
          ).toBe(true);
        }
        // Once the changes are done, a refresh sees the end state: no run whose folder is gone.
        await withDeadline('refresh', store.refresh());
        const gone = steps
          .filter(([runFolder]) => !existsSync(join(root, runFolder)))
          .map(([runFolder]) => runFolder.split('/')[1]);
        const ids = (
          await store.listRuns((await store.listExperiments()).map((e) => e.experimentId))
        ).map((r) => r.info.runId);
        for (const id of gone) expect(ids, `deleted run ${id} still listed`).not.toContain(id);
        for (const [, what] of steps) tally.add(what);
        tally.add(
          listing.problems.length > 0 ? 'listing with problems' : 'listing without problems',
        );
      } finally {
        await store?.close();
        rmSync(dirname(root), { recursive: true, force: true });
      }
    });
    const ran = await runProperty('changing FileStore', property, {
      numRuns: 60,
      timeLimitMs: 6_000,
    });
    console.log(
      `fuzz changing FileStore (seed ${SEED}): ${ran} cases\n${tally.lines().join('\n')}`,
    );
    expect(ran).toBeGreaterThanOrEqual(1);
  }, 40_000);
});

/**
 * Fuzzing the FileStore reader (issue 11, part 2, item 1): a temp copy of the 2.12 fixture gets one
 * damage (storeDamage.ts) per case, then is opened and read as the app reads it (fileStoreCase.ts):
 * no crash, no hang (a deadline per case), nothing hidden (a missing or changed run is explained by a
 * problem in its folder), every intact run listed exactly as before, bounded RSS growth.
 * Budget: 12 s of cases (at most 200), seed in fuzzBudget.ts; the counts found are printed.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDamage, baselineListing } from './fileStoreCase';
import { RssWatch, SEED, Tally, runProperty } from './fuzzBudget';
import { damageArbitrary, storeFiles } from './storeDamage';

const BUDGET = { numRuns: 200, timeLimitMs: 12_000 };
/** Growth allowed over all cases: several 10 MB lines are read, nothing may accumulate beyond that. */
const RSS_GROWTH_LIMIT_MB = 400;

let baseline: Awaited<ReturnType<typeof baselineListing>>;
beforeAll(async () => {
  baseline = await baselineListing();
});
afterAll(() => baseline.dispose());

describe('fuzz: a damaged FileStore copy', () => {
  it('never crashes, hangs or hides a run; intact runs stay listed', async () => {
    const tally = new Tally();
    const rss = new RssWatch();
    const property = fc.asyncProperty(damageArbitrary(storeFiles(baseline.root)), async (d) => {
      tally.add(await checkDamage(d, baseline.runs));
      rss.sample();
    });
    const ran = await runProperty('FileStore damage', property, BUDGET);
    const growth = rss.growthMb();
    console.log(
      `fuzz FileStore (seed ${SEED}): ${ran} cases, RSS growth ${growth.toFixed(0)} MB\n` +
        tally.lines().join('\n'),
    );
    // A loaded machine runs fewer cases in the same time (the count is printed); at least one ran.
    expect(ran).toBeGreaterThanOrEqual(1);
    expect(growth).toBeLessThan(RSS_GROWTH_LIMIT_MB);
  }, 60_000);
});

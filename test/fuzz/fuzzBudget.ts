/**
 * Test helper for the fuzz suites (issue 11, part 2): one fixed seed, fixed case counts and time limits,
 * a per-case deadline, a tally of what the cases found, and RSS sampling. Only tests import this file.
 *
 * Budget (this machine: 2 cores shared by ~8 processes): every property stops at its time limit even
 * when its case count is not reached — FileStore damage 12 s, SQLite damage 8 s, permission denied
 * 8 s, changing store 6 s: 34 s, plus fixed cases (unreadable parent, read-only, regressions) and
 * set-up, ~20 s on a quiet machine (more under load). The counts that ran are printed, with the seed,
 * so a failure can be replayed (`RUNLENS_FUZZ_SEED=<seed>`).
 */
import fc from 'fast-check';

/** The seed of every fuzz property; override to explore further, failures print it. */
export const SEED = Number(process.env.RUNLENS_FUZZ_SEED ?? 20_261_204);

/** A case that takes longer than this is a hang. */
export const CASE_DEADLINE_MS = 15_000;

/** Rejects with `label` when `task` has not settled within `ms`; the timer never keeps Node alive. */
export async function withDeadline<T>(
  label: string,
  task: Promise<T>,
  ms = CASE_DEADLINE_MS,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hang: ${label} took over ${ms} ms`)), ms);
    timer.unref();
  });
  try {
    return await Promise.race([task, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Counts per outcome (e.g. "binary meta.yaml → run skipped with a problem"), printed after a run. */
export class Tally {
  private readonly counts = new Map<string, number>();
  add(outcome: string): void {
    this.counts.set(outcome, (this.counts.get(outcome) ?? 0) + 1);
  }
  lines(): string[] {
    return [...this.counts].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `  ${n} × ${k}`);
  }
}

/** Highest RSS seen by `sample()` above the RSS at construction, in MB. */
export class RssWatch {
  private readonly start = process.memoryUsage().rss;
  private peak = this.start;
  sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage().rss);
  }
  growthMb(): number {
    this.sample();
    return (this.peak - this.start) / 2 ** 20;
  }
}

/**
 * Runs an async property with the fixed seed and budget; throws fast-check's report (counterexample,
 * seed and path to replay) on failure, else returns how many cases ran.
 */
export async function runProperty<Ts extends [unknown, ...unknown[]]>(
  name: string,
  property: fc.IAsyncPropertyWithHooks<Ts>,
  budget: { numRuns: number; timeLimitMs: number },
): Promise<number> {
  const details = await fc.check(property, {
    seed: SEED,
    numRuns: budget.numRuns,
    interruptAfterTimeLimit: budget.timeLimitMs,
    endOnFailure: false,
    includeErrorInReport: true,
  });
  if (details.failed) throw new Error(`${name}: ${fc.defaultReportMessage(details) ?? 'failed'}`);
  return details.numRuns;
}

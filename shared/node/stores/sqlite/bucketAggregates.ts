/**
 * The fast plan for step 2 of metricSeries.ts: the candidate rows of a long series in two plain scans of
 * the run's rows in the `metrics` key index, with no per-row CASE expression and no join.
 *
 * Measured on a 1M-point history (2 shared, loaded cores): SQLite spends most of a scan evaluating
 * per-row expressions, so the former single statement (classify each row as finite/NaN/±inf with a CASE,
 * group, then join every row back to its bucket) cost ~1.4 s, while a bare GROUP BY (bucket, is-NaN) with
 * min/max/count costs ~0.35–0.6 s and the filtered candidate scan ~0.19 s (~0.9 s in all, with the count). Infinity is stored clamped to
 * ±DBL_MAX, so a non-NaN group whose min or max reaches ±DBL_MAX holds an infinity: those (rare) histories
 * take the exact CASE plan instead (`undefined` here), which can tell finite extremes from infinite ones.
 * Doing the bucketing in JS over an ordered scan is slower still: better-sqlite3 hands over ~1.3 M rows/s
 * even as raw arrays (0.75 s for 1M rows), since every row crosses into JS.
 *
 * Why ~0.9 s and not ≤ 0.5 s (issue 8): re-measured on the bench's 1M-point run (SQLite 3.53, 2 cores
 * under load 6–10, ms): the bare covering scan of the rows costs 75–86, count/min/max(step) 137–167,
 * the same scan computing the bucket expression 127–166, but GROUP BY bucket 500–700 — SQLite has no
 * hash aggregate, so ~400 of those go to sorting 1M rows into groups. MLflow's schema leaves no plan
 * without that sort: the primary key (key, timestamp, step, run_uuid, value, is_nan) orders a key's rows
 * by timestamp, not step, with the run only after them, so neither "this run's rows" nor "step order" is
 * an index range, and SQLite cannot know that a training loop's steps rise with its timestamps; the
 * only other index, index_metrics_run_uuid, does not cover (290 ms just to count through it). We may not
 * add an index (the store is read-only to us). The alternatives measured were all slower: rows into
 * JS with iterate()+raw() 0.9–1.5 s, all()+raw() 5–6 s, a JS aggregate function (better-sqlite3 only)
 * 445 with an empty body, json_group_array 580–660, PRAGMA threads = 2 no gain; group_concat (200–250)
 * is lossy (REAL as 15-digit text), so it cannot feed exact buckets.
 */
import { DBL_MAX } from '../../../common/metrics';
import type { Bindable } from './driver/types';
import type { SqliteConnection } from './SqliteConnection';

interface GroupRow {
  isNan: number;
  n: number;
  vmin: number | null;
  vmax: number | null;
  sfirst: number;
  slast: number;
}

export interface FastCandidates<Row> {
  rows: Row[];
  /** NaN points in range (there is no ±inf, or the plan would not apply). */
  nan: number;
}

export interface BucketPlan {
  /** SQL of the step column (`ifnull(step, 0)` or `0`), the NaN test, the WHERE clause and its params. */
  step: string;
  nan: string;
  where: string;
  whereParams: readonly Bindable[];
  /**
   * x0 and width of the buckets (downsample.ts's arithmetic). Rows at the range's last step get a group
   * of their own (bucketing folds them into the last bucket): their extremes are only extra candidates.
   */
  bucketParams: readonly [number, number];
  /** The row SELECT of metricSeries.ts (columns id, step, timestamp, value, kind) and its params. */
  select: string;
  selectParams: readonly Bindable[];
}

/** Candidates and the NaN count, or undefined when the range holds ±inf (use the exact plan). */
export function readCandidatesFast<Row>(
  conn: SqliteConnection,
  plan: BucketPlan,
): FastCandidates<Row> | undefined {
  const groups = conn.all<GroupRow>(
    `SELECT CAST((${plan.step} - ?) / ? AS INTEGER) AS b, ${plan.nan} AS isNan, count(*) AS n, ` +
      `min(value) AS vmin, max(value) AS vmax, min(${plan.step}) AS sfirst, max(${plan.step}) AS slast ` +
      `FROM metrics WHERE ${plan.where} GROUP BY b, isNan`,
    [...plan.bucketParams, ...plan.whereParams],
  );
  const steps = new Set<number>();
  const values = new Set<number>();
  let nan = 0;
  for (const g of groups) {
    if (g.isNan) {
      nan += g.n;
      steps.add(g.sfirst);
      continue;
    }
    const lo = Number(g.vmin);
    const hi = Number(g.vmax);
    if (lo <= -DBL_MAX || hi >= DBL_MAX) return undefined;
    steps.add(g.sfirst).add(g.slast);
    values.add(lo).add(hi);
  }
  // JSON arrays bind as one text parameter whatever their length (no SQLITE_MAX_VARIABLE_NUMBER limit);
  // JSON.stringify writes doubles exactly and json_each reads them back as the same REAL. A row chosen
  // by another bucket's step or value is a harmless extra: a step belongs to one bucket, and within its
  // own bucket such a row is never preferred to a true candidate (the argument of metricSeries.ts).
  // `plan.select` ends with its WHERE; NaN or ±inf rows that match a value are extras too.
  const rows = conn.all<Row>(
    `${plan.select} AND (${plan.step} IN (SELECT value FROM json_each(?)) ` +
      'OR value IN (SELECT value FROM json_each(?)))',
    [...plan.selectParams, JSON.stringify([...steps]), JSON.stringify([...values])],
  );
  return { rows, nan };
}

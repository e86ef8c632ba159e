/**
 * What a chart says when it has nothing to draw: a metric whose every value is NaN or ±inf (or ≤ 0 on a
 * log scale) would otherwise show an empty frame with no text, as if the data were still loading or
 * lost. The counts are the chart's own not-drawn tally, worded as the caption's note words them.
 */
import { notDrawnNote, type NotDrawn } from '../../../shared/common/charts/chartData';

const SUFFIX = ' not drawn';

/** "Nothing to draw: 3 NaN, 1 +inf" when no point is drawable; undefined when something is drawn. */
export function nothingToDraw(
  pointCount: number,
  notDrawn: NotDrawn,
  metricKey: string,
): string | undefined {
  if (pointCount > 0) return undefined;
  const note = notDrawnNote(notDrawn);
  const counts = note.endsWith(SUFFIX) ? note.slice(0, -SUFFIX.length) : note;
  return counts
    ? `Nothing to draw: ${counts}`
    : `Nothing to draw: these runs logged no value of ${metricKey}`;
}

/**
 * When every drawn point of every line sits at one x: that x, each line's last value there, and
 * whether a line holds different values at it. Undefined when the points spread over x.
 *
 * A metric logged once per run (a final score: auc, f1, train time), or logged again with the same
 * value, would draw as one dot, or nothing, on an axis of one tick: the chart shows the numbers instead.
 * Different values at one step are a stacked column (system metrics are logged at step 0, one every
 * few seconds): the chart spreads them over time since the run started instead.
 */
export function atOneX(
  lines: readonly { xs: Float64Array; ys: Float64Array }[],
): { x: number; values: (number | undefined)[]; varies: boolean } | undefined {
  let x: number | undefined;
  let varies = false;
  for (const line of lines) {
    for (const v of line.xs) {
      if (x === undefined) x = v;
      else if (v !== x) return undefined;
    }
    for (const y of line.ys) if (y !== line.ys[0]) varies = true;
  }
  if (x === undefined) return undefined;
  return { x, values: lines.map((l) => l.ys[l.ys.length - 1]), varies };
}

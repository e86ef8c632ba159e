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

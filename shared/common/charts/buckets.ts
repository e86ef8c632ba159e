/**
 * How many buckets to ask getMetricSeries for: one per ~2 horizontal pixels of the plot, within the
 * contract's bounds, so that the renderer never gets many more points than it can show.
 */
export function bucketsForWidth(plotWidthPx: number): number {
  if (!Number.isFinite(plotWidthPx) || plotWidthPx <= 0) return 300;
  return Math.min(10_000, Math.max(50, Math.round(plotWidthPx / 2)));
}

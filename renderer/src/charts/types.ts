/** A run as the charts need it: identity (its colour comes from it), a label, and when it started. */
export interface ChartRun {
  storeId: string;
  runId: string;
  name: string;
  startTime?: number;
}

export const runKey = (r: { storeId: string; runId: string }): string => `${r.storeId}:${r.runId}`;

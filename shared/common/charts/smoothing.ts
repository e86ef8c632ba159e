/**
 * Exponential moving average for metric charts, debiased at the start as TensorBoard does: the running
 * average starts at 0 and is divided by (1 - weight^n) after n finite points, so the first points are not
 * pulled toward 0. NaN and ±inf are not averaged in (they would poison every later point): they stay
 * as they are, and the average carries on over them.
 */
export function emaSmooth(values: readonly number[], weight: number): number[] {
  const w = Math.min(Math.max(weight, 0), 0.999);
  const out = new Array<number>(values.length);
  if (w === 0) {
    for (let i = 0; i < values.length; i++) out[i] = values[i] as number;
    return out;
  }
  let last = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) {
      out[i] = v;
      continue;
    }
    last = last * w + (1 - w) * v;
    n++;
    out[i] = last / (1 - Math.pow(w, n));
  }
  return out;
}

/**
 * One colour per run, the same wherever the run appears (runs table, chart legend, compare page): a
 * pure function of the run's identity, so no component has to hand colours around. 20 hues chosen to
 * stay distinct on light and dark backgrounds; FNV-1a of "storeId:runId" picks one.
 */
export const RUN_PALETTE: readonly string[] = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
  '#3366cc',
  '#dc3912',
  '#109618',
  '#990099',
  '#0099c6',
  '#dd4477',
  '#66aa00',
  '#b82e2e',
  '#316395',
  '#e6a700',
];

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function runColor(storeId: string, runId: string): string {
  return RUN_PALETTE[fnv1a(`${storeId}:${runId}`) % RUN_PALETTE.length] as string;
}

/**
 * One colour per run, the same wherever the run appears (runs table, chart legend, compare page): a
 * pure function of the run's identity, so no component has to hand colours around. 20 colours (matplotlib's
 * tab10 and ten darker hues) readable on light and dark backgrounds; FNV-1a of "storeId:runId" picks one.
 */
export const RUN_PALETTE: readonly string[] = [
  '#1f77b4', // blue
  '#ff7f0e', // orange
  '#2ca02c', // green
  '#d62728', // red
  '#9467bd', // purple
  '#8c564b', // brown
  '#e377c2', // pink
  '#7f7f7f', // grey
  '#bcbd22', // olive
  '#17becf', // cyan
  '#393b79', // indigo
  '#637939', // moss
  '#8c6d31', // ochre
  '#843c39', // maroon
  '#7b4173', // plum
  '#3182bd', // sky
  '#e6550d', // rust
  '#31a354', // emerald
  '#756bb1', // lavender
  '#636363', // charcoal
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

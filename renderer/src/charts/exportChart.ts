/**
 * Exports of a chart: the drawn SVG as a standalone file (styles the page gives through CSS are written
 * onto the elements, so the file looks the same outside the app), a PNG rendered from that SVG at 2×,
 * and CSV of points. CSV numbers are written exactly (shortest round-trip form; NaN/Infinity/-Infinity
 * spelled out), so a CSV read back gives the same doubles.
 */
import type { Metric } from '../../../shared/common/types';
import { csvField } from '../runs/csv';

const SVG_NS = 'http://www.w3.org/2000/svg';
const INLINED = [
  'fill',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'fill-opacity',
  'opacity',
  'font-size',
  'font-family',
];

/** A standalone copy of `svg`, computed styles inlined, with a background. */
export function svgMarkup(svg: SVGSVGElement, background: string): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const src = svg.querySelectorAll<SVGElement>('*');
  const dst = clone.querySelectorAll<SVGElement>('*');
  src.forEach((el, i) => {
    const target = dst[i];
    if (!target) return;
    const style = getComputedStyle(el);
    for (const prop of INLINED) {
      const v = style.getPropertyValue(prop);
      if (v) target.setAttribute(prop, v);
    }
  });
  const { width, height } = svg.getBoundingClientRect();
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('width', String(Math.round(width)));
  clone.setAttribute('height', String(Math.round(height)));
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', background);
  clone.insertBefore(bg, clone.firstChild);
  return new XMLSerializer().serializeToString(clone);
}

export async function pngBlob(markup: string, width: number, height: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * 2);
    canvas.height = Math.round(height * 2);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('No 2D canvas');
    ctx.scale(2, 2);
    ctx.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const csvNumber = (v: number): string => String(v);

/** Long-format CSV (one line per point): run, step, timestamp, value; run names that look like formulas neutralised. */
export function pointsCsv(series: readonly { run: string; points: readonly Metric[] }[]): string {
  const lines = ['run,step,timestamp,value'];
  for (const s of series) {
    const run = csvField(s.run);
    for (const p of s.points) lines.push(`${run},${p.step},${p.timestamp},${csvNumber(p.value)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A safe file name from a metric key ("val/loss" → "val_loss"). */
export function fileStem(text: string): string {
  return text.replace(/[^\w.-]+/g, '_').slice(0, 80) || 'chart';
}

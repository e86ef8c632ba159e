import { describe, expect, it } from 'vitest';
import { seriesOfHistory } from '../metricSeries';
import type { Metric } from '../types';
import { buildChartData, nearestIndex, notDrawnNote } from './chartData';
import { bestIndex, guessDirection } from './direction';
import { outlierRange, percentile } from './percentile';
import { RUN_PALETTE, runColor, RunColorRegistry, type ColorStore } from './runColor';
import { emaSmooth } from './smoothing';
import { parseXAxisMode, formatXAxisMode, xValues } from './xAxis';
import { bucketsForWidth } from './buckets';

const pt = (step: number, value: number, timestamp = 1000 + step): Metric => ({
  key: 'm',
  step,
  value,
  timestamp,
});

describe('emaSmooth (TensorBoard debiasing)', () => {
  it('debiases the start: a constant series stays constant', () => {
    expect(emaSmooth([5, 5, 5, 5], 0.9)).toEqual([5, 5, 5, 5].map(() => expect.closeTo(5, 12)));
  });
  it('matches the hand-computed debiased average', () => {
    const [a, b] = emaSmooth([1, 3], 0.5);
    expect(a).toBeCloseTo(1, 12);
    // last = 0.5*0.5 + 0.5*3 = 1.75; debias 1 - 0.25 = 0.75
    expect(b).toBeCloseTo(1.75 / 0.75, 12);
  });
  it('keeps NaN/inf in place without poisoning later points; weight 0 is the raw series', () => {
    const s = emaSmooth([1, NaN, Infinity, 1], 0.6);
    expect(s[1]).toBeNaN();
    expect(s[2]).toBe(Infinity);
    expect(s[3]).toBeCloseTo(1, 12);
    expect(emaSmooth([1, 2, 3], 0)).toEqual([1, 2, 3]);
  });
});

describe('percentiles', () => {
  it('interpolates between ranks like numpy and ignores non-finite values', () => {
    expect(percentile([1, 2, 3, 4, 5], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4], 25)).toBeCloseTo(1.75, 12);
    expect(percentile([NaN, Infinity, 10], 95)).toBe(10);
    expect(percentile([], 5)).toBeUndefined();
  });
  it('clips a spike out of the 5–95 range', () => {
    const values = Array.from({ length: 100 }, (_, i) => i);
    values[50] = 1e9;
    const [lo, hi] = outlierRange(values) as [number, number];
    expect(lo).toBeCloseTo(4.95, 6);
    expect(hi).toBeLessThan(100);
  });
});

describe('runColor', () => {
  it('is stable, from the palette, and depends on the store as well as the run', () => {
    expect(runColor('s1', 'abc')).toBe(runColor('s1', 'abc'));
    expect(RUN_PALETTE).toContain(runColor('s1', 'abc'));
    const colours = new Set(Array.from({ length: 200 }, (_, i) => runColor('store', `run${i}`)));
    // On its own, a run takes one of the ten most distinct colours.
    expect(colours).toEqual(new Set(RUN_PALETTE.slice(0, 10)));
    const differs = Array.from({ length: 50 }, (_, i) => `r${i}`).some(
      (r) => runColor('a', r) !== runColor('b', r),
    );
    expect(differs).toBe(true);
  });
});

describe('RunColorRegistry', () => {
  const refs = (n: number, prefix = 'run') =>
    Array.from({ length: n }, (_, i) => ({ storeId: 's1', runId: `${prefix}${i}` }));
  const coloursOf = (reg: RunColorRegistry, runs: { storeId: string; runId: string }[]) => {
    const colorOf = reg.colorsOf(runs);
    return runs.map((r) => colorOf(r.storeId, r.runId));
  };

  it('gives the runs of a first view distinct colours, the ten most distinct first', () => {
    const reg = new RunColorRegistry();
    expect(coloursOf(reg, refs(10))).toEqual(RUN_PALETTE.slice(0, 10));
  });

  it('keeps a run its colour in every later view, whatever the order or company', () => {
    const reg = new RunColorRegistry();
    const first = coloursOf(reg, refs(10));
    const subset = [...refs(10)].reverse().filter((_r, i) => i % 3 === 0);
    const byRun = new Map(refs(10).map((r, i) => [r.runId, first[i]]));
    expect(coloursOf(reg, subset)).toEqual(subset.map((r) => byRun.get(r.runId)));
    // New runs beside known ones take colours no run of the view has.
    const mixed = [...refs(4), ...refs(6, 'new')];
    const colours = coloursOf(reg, mixed);
    expect(new Set(colours).size).toBe(10);
    expect(colours.slice(0, 4)).toEqual(first.slice(0, 4));
  });

  it('gives a second experiment the least used colours, so the two compare apart', () => {
    const reg = new RunColorRegistry();
    coloursOf(reg, refs(10, 'a'));
    expect(coloursOf(reg, refs(10, 'b'))).toEqual(RUN_PALETTE.slice(10, 20));
    const both = [...refs(10, 'a'), ...refs(10, 'b')];
    expect(new Set(coloursOf(reg, both)).size).toBe(20);
  });

  it('past 20 runs in a view, still gives every run a palette colour', () => {
    const colours = coloursOf(new RunColorRegistry(), refs(45));
    for (const c of colours) expect(RUN_PALETTE).toContain(c);
    expect(new Set(colours.slice(0, 20)).size).toBe(20);
  });

  it('remembers colours through its store, ignores what is not a colour, forgets the oldest', () => {
    let saved: [string, number][] = [
      ['old', 3],
      ['bad', 99],
      ['worse', -1],
    ];
    const store: ColorStore = { load: () => saved, save: (e) => (saved = e) };
    const reg = new RunColorRegistry(store, 4);
    expect(reg.colorsOf([{ storeId: 's9', runId: 'old' }])('s9', 'old')).toBe(RUN_PALETTE[3]);
    const first = coloursOf(reg, refs(3));
    expect(first).not.toContain(RUN_PALETTE[3]);
    expect(coloursOf(new RunColorRegistry(store, 4), refs(3))).toEqual(first);
    coloursOf(reg, refs(1, 'later'));
    expect(saved.map(([run]) => run)).toEqual(['run0', 'run1', 'run2', 'later0']);
    // A run nobody has coloured: its colour by identity.
    expect(reg.colorsOf([])('s1', 'ghost')).toBe(runColor('s1', 'ghost'));
  });
});

describe('x axis transforms', () => {
  const pts = [pt(0, 1, 5000), pt(1, 2, 6500), pt(2, 3, 8000)];
  it('step, wall time and time since run start', () => {
    expect(xValues(pts, { kind: 'step' })).toEqual([0, 1, 2]);
    expect(xValues(pts, { kind: 'wall' })).toEqual([5000, 6500, 8000]);
    expect(xValues(pts, { kind: 'relative' }, { runStartTime: 4000 })).toEqual([1, 2.5, 4]);
    expect(xValues(pts, { kind: 'relative' })).toEqual([0, 1.5, 3]);
  });
  it('another metric: its value at the same step, undefined where it was not logged', () => {
    const other = new Map([
      [0, 0.1],
      [2, NaN],
    ]);
    expect(xValues(pts, { kind: 'metric', key: 'lr' }, { other })).toEqual([
      0.1,
      undefined,
      undefined,
    ]);
  });
  it('round-trips its URL form', () => {
    for (const t of ['step', 'wall', 'relative', 'metric:val/loss'])
      expect(formatXAxisMode(parseXAxisMode(t))).toBe(t);
    expect(parseXAxisMode('bogus')).toEqual({ kind: 'step' });
  });
});

describe('direction guess', () => {
  it('minimises losses and errors, maximises the rest', () => {
    for (const k of ['loss', 'val_loss', 'eval/rmse', 'MAPE', 'error_rate', 'train.mae'])
      expect(guessDirection(k)).toBe('min');
    for (const k of ['accuracy', 'f1', 'auc', 'r2', 'precision', 'lr'])
      expect(guessDirection(k)).toBe('max');
  });
  it('finds the best finite value', () => {
    expect(bestIndex([3, NaN, 1, undefined, 2], 'min')).toBe(2);
    expect(bestIndex([3, Infinity, 1], 'max')).toBe(0);
    expect(bestIndex([undefined], 'max')).toBe(-1);
  });
});

describe('chart data', () => {
  it('a single spike in a 1,000,000-point history survives bucketing into the recharts line', () => {
    const n = 1_000_000;
    const history: Metric[] = new Array(n);
    for (let i = 0; i < n; i++) history[i] = pt(i, Math.sin(i / 5000));
    history[654_321] = pt(654_321, 1e6);
    const buckets = bucketsForWidth(800);
    const series = seriesOfHistory('m', history, { buckets });
    expect(series.sampled).toBe(true);
    expect(series.points.length).toBeLessThanOrEqual(4 * buckets);
    const { lines, pointCount } = buildChartData([{ points: series.points }], { kind: 'step' });
    const drawn = lines[0]?.points ?? [];
    expect(pointCount).toBe(drawn.length);
    // ≤ 2 points per pixel of the 800 px plot the buckets were sized for.
    expect(drawn.length).toBeLessThanOrEqual(2 * 800);
    expect(Math.max(...drawn.map((p) => p.y))).toBe(1e6);
    expect(drawn.find((p) => p.y === 1e6)?.x).toBe(654_321);
  });
  it('never draws NaN/inf as 0: left out, counted, marked', () => {
    const pts = [pt(0, 1), pt(1, NaN), pt(2, Infinity), pt(3, -Infinity), pt(4, 2), pt(5, NaN)];
    const d = buildChartData([{ points: pts }], { kind: 'step' });
    expect(d.lines[0]?.points.map((p) => p.x)).toEqual([0, 4]);
    expect(d.notDrawn).toMatchObject({ nan: 2, posInf: 1, negInf: 1 });
    expect(d.markers.map((m) => m.kind)).toEqual(['nan', '+inf', '-inf', 'nan']);
    expect(notDrawnNote(d.notDrawn)).toBe('2 NaN, 1 +inf, 1 −inf not drawn');
  });
  it('uses the whole-history counts of a sampled series for the note', () => {
    const d = buildChartData(
      [{ points: [pt(0, NaN), pt(1, 1)], nonFinite: { nan: 3, posInf: 1, negInf: 0 } }],
      { kind: 'step' },
    );
    expect(notDrawnNote(d.notDrawn)).toBe('3 NaN, 1 +inf not drawn');
  });
  it('keeps both points of a duplicated step, one line per run, skips ≤ 0 on log scale', () => {
    const a = [pt(0, 1), pt(1, 0.5), pt(1, 0.25), pt(2, 0.1)];
    const b = [pt(1, 3), pt(2, 0)];
    const d = buildChartData([{ points: a }, { points: b }], { kind: 'step' }, { logScale: true });
    expect(d.lines.map((l) => l.points)).toEqual([
      [
        { x: 0, y: 1, s: 1 },
        { x: 1, y: 0.5, s: 0.5 },
        { x: 1, y: 0.25, s: 0.25 },
        { x: 2, y: 0.1, s: 0.1 },
      ],
      [{ x: 1, y: 3, s: 3 }],
    ]);
    expect(Array.from(d.lines[1]?.xs ?? [])).toEqual([1]);
    expect(Array.from(d.lines[1]?.ys ?? [])).toEqual([3]);
    expect(Array.from(d.lines[0]?.ys ?? [])).toEqual([1, 0.5, 0.25, 0.1]);
    expect(d.pointCount).toBe(5);
    expect(d.notDrawn.nonPositive).toBe(1);
  });
  it('sorts a line by x when the x axis is another metric, ties kept in order', () => {
    const other = new Map([
      [0, 3],
      [1, 1],
      [2, 3],
      [3, 2],
    ]);
    const pts = [pt(0, 10), pt(1, 11), pt(2, 12), pt(3, 13)];
    const d = buildChartData([{ points: pts, other }], { kind: 'metric', key: 'o' });
    expect(d.lines[0]?.points.map((p) => [p.x, p.y])).toEqual([
      [1, 11],
      [2, 13],
      [3, 10],
      [3, 12],
    ]);
    // The columns follow the sorted points (the hover lookup searches xs).
    expect(Array.from(d.lines[0]?.xs ?? [])).toEqual([1, 2, 3, 3]);
    expect(Array.from(d.lines[0]?.ys ?? [])).toEqual([11, 13, 10, 12]);
    expect(Array.from(d.lines[0]?.smoothed ?? [])).toEqual([11, 13, 10, 12]);
  });
  it('finds the nearest drawn point for the tooltip', () => {
    const xs = Float64Array.from([0, 10, 20]);
    expect(nearestIndex(xs, 4)).toBe(0);
    expect(nearestIndex(xs, 6)).toBe(1);
    expect(nearestIndex(xs, 99)).toBe(2);
    expect(nearestIndex(new Float64Array(), 1)).toBe(-1);
  });
  it('asks for ~1 bucket per 2 px within the contract bounds', () => {
    expect(bucketsForWidth(800)).toBe(400);
    expect(bucketsForWidth(1e6)).toBe(10_000);
    expect(bucketsForWidth(0)).toBe(300);
  });
});

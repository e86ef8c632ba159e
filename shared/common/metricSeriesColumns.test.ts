/**
 * MetricSeries ⇄ columns: a round trip gives back the same series (NaN and ±inf included); through the
 * wire JSON that carries the batch, columns give what the point objects gave; columns that do not line
 * up are refused.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MetricSeries, MetricSeriesColumns } from './contract';
import { fromSeriesColumns, toSeriesColumns } from './metricSeriesColumns';
import { fromWireJson, toWireJson } from './wire';

const value = fc.oneof(
  fc.double(),
  fc.constantFrom(NaN, Infinity, -Infinity, 0, -0, Number.MAX_VALUE),
);
const seriesArb = fc.record({
  key: fc.string(),
  totalPoints: fc.nat(),
  sampled: fc.boolean(),
  points: fc.array(
    fc
      .record({ value, timestamp: fc.integer(), step: fc.integer() })
      .map((p) => ({ key: '', ...p })),
  ),
  nonFinite: fc.record({ nan: fc.nat(), posInf: fc.nat(), negInf: fc.nat() }),
});

function withKey(s: MetricSeries): MetricSeries {
  return { ...s, points: s.points.map((p) => ({ ...p, key: s.key })) };
}

describe('metric series as columns', () => {
  it('round-trips every series, also through the wire JSON', () => {
    fc.assert(
      fc.property(seriesArb, (raw) => {
        const series = withKey(raw);
        expect(fromSeriesColumns(toSeriesColumns(series))).toEqual(series);
        // Over the wire, columns give exactly what the points gave (JSON has no -0 either way).
        const viaColumns = fromWireJson(toWireJson(toSeriesColumns(series))) as MetricSeriesColumns;
        expect(fromSeriesColumns(viaColumns)).toEqual(fromWireJson(toWireJson(series)));
      }),
      { numRuns: 300, seed: 8 },
    );
  });

  it('keeps one number array per field, in point order', () => {
    const columns = toSeriesColumns({
      key: 'loss',
      totalPoints: 9,
      sampled: true,
      points: [
        { key: 'loss', value: 0.5, timestamp: 10, step: 1 },
        { key: 'loss', value: -Infinity, timestamp: 11, step: 4 },
      ],
      nonFinite: { nan: 0, posInf: 0, negInf: 1 },
    });
    expect(columns).toEqual({
      key: 'loss',
      totalPoints: 9,
      sampled: true,
      steps: [1, 4],
      values: [0.5, -Infinity],
      timestamps: [10, 11],
      nonFinite: { nan: 0, posInf: 0, negInf: 1 },
    });
  });

  it('refuses columns of different lengths', () => {
    const columns = {
      key: 'loss',
      totalPoints: 1,
      sampled: false,
      steps: [1],
      values: [],
      timestamps: [],
      nonFinite: { nan: 0, posInf: 0, negInf: 0 },
    };
    expect(() => fromSeriesColumns(columns)).toThrow(/1 steps, 0 values and 0 timestamps/);
  });
});

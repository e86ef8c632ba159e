import { describe, expect, it } from 'vitest';
import { formatMetric } from './formatMetric';
import { formatDateTime, formatDuration } from './formatTime';

describe('formatMetric', () => {
  it.each([
    [NaN, 'NaN'],
    [Infinity, '\u221e'],
    [-Infinity, '\u2212\u221e'],
    [0, '0'],
    [42, '42'],
    [-3, '\u22123'],
    [0.912345, '0.9123'],
    [0.5, '0.5'],
    [123.456789, '123.4568'],
    [1.5, '1.5'],
    [0.00123456, '0.001235'],
    [0.0000123, '1.23e-5'],
    [1.5e12, '1.5e12'],
    [-0.25, '\u22120.25'],
  ])('%s -> %s', (value, expected) => {
    expect(formatMetric(value)).toBe(expected);
  });
});

describe('formatDuration', () => {
  it.each([
    [850, '850ms'],
    [12_400, '12s'],
    [4_250, '4.3s'],
    [187_000, '3m 07s'],
    [7_500_000, '2h 05m'],
    [273_600_000, '3d 4h'],
    [-1, ''],
  ])('%s -> %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });
});

describe('formatDateTime', () => {
  it('formats local time with fixed width', () => {
    const ms = new Date(2024, 5, 1, 9, 5, 3).getTime();
    expect(formatDateTime(ms)).toBe('2024-06-01 09:05:03');
  });
  it('is empty for unknown times', () => {
    expect(formatDateTime(null)).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import type { LoadProgressEvent, RunlensEvent } from '../../../shared/common/contract';
import { nextProgress, progressFraction, progressLabel } from './useLoadProgress';

const p = (over: Partial<LoadProgressEvent> = {}): LoadProgressEvent => ({
  type: 'loadProgress',
  storeId: 's1',
  what: 'index',
  loaded: 10,
  total: 100,
  done: false,
  ...over,
});

describe('nextProgress', () => {
  it('follows the reports of its store and ends with done', () => {
    const steps: RunlensEvent[] = [
      p({ loaded: 10 }),
      p({ loaded: 60 }),
      p({ loaded: 100, done: true }),
    ];
    const seen: (number | null)[] = [];
    let current: LoadProgressEvent | null = null;
    for (const event of steps) {
      current = nextProgress(current, event, 's1');
      seen.push(current?.loaded ?? null);
    }
    expect(seen).toEqual([10, 60, null]);
  });

  it('ignores other stores and other events', () => {
    const current = p({ loaded: 5 });
    expect(nextProgress(current, p({ storeId: 's2', loaded: 50 }), 's1')).toBe(current);
    expect(nextProgress(current, p({ storeId: 's2', done: true }), 's1')).toBe(current);
    expect(
      nextProgress(
        current,
        {
          type: 'storeChanged',
          storeId: 's1',
          experimentIds: null,
          runIds: null,
          experimentsChanged: false,
        },
        's1',
      ),
    ).toBe(current);
  });

  it('keeps a load shown when another kind of load of the store ends', () => {
    const runs = p({ what: 'runs', total: null, loaded: 2000 });
    expect(nextProgress(runs, p({ what: 'index', done: true }), 's1')).toBe(runs);
    expect(nextProgress(runs, p({ what: 'runs', total: null, done: true }), 's1')).toBeNull();
    expect(nextProgress(null, p({ done: true }), 's1')).toBeNull();
  });
});

describe('progressLabel and progressFraction', () => {
  it.each([
    [{ loaded: 12_000, total: 30_000 }, 'Loading runs… 12,000 of 30,000', 0.4],
    [{ loaded: 12_000, total: null }, 'Loading runs… 12,000 runs so far', null],
    [{ loaded: 1, total: null }, 'Loading runs… 1 run so far', null],
    [{ loaded: 0, total: 0 }, 'Loading runs… 0 of 0', null],
  ])('%j → %s', (progress, label, fraction) => {
    expect(progressLabel(progress)).toBe(label);
    expect(progressFraction(progress)).toBe(fraction);
  });
});

import { describe, expect, it } from 'vitest';
import type { Experiment } from '../../../shared/common/types';
import { countLabel, experimentLabel } from './RunsHeader';

describe('experimentLabel', () => {
  it('is the name when the experiment is known', () => {
    expect(experimentLabel('s1:3', { name: 'iris' } as Experiment)).toBe('iris');
  });

  it('names an unreadable or loading experiment by its id, not by the internal reference', () => {
    expect(experimentLabel('s1:3', undefined)).toBe('Experiment 3');
    // MLflow 3 experiment ids are numbers, but an id may hold colons: only the store part goes.
    expect(experimentLabel('s12:a:b', undefined)).toBe('Experiment a:b');
    expect(experimentLabel('broken', undefined)).toBe('Experiment broken');
  });
});

describe('countLabel', () => {
  it('says the true total, or what is loaded with a plus while more pages exist', () => {
    expect(countLabel(1, 1, false)).toBe('1 run');
    expect(countLabel(null, 250, true)).toBe('250+ runs');
    expect(countLabel(null, 3, false)).toBe('3 runs');
  });
});

import { describe, expect, it } from 'vitest';
import { brokenExperiments } from './brokenExperiments';

const location = '/tmp/x/mlruns';
// The service's own wording (FileStore, an experiment whose meta.yaml is invalid YAML).
const problem = {
  path: '/tmp/x/mlruns/784481848334759391/meta.yaml',
  message:
    'Experiment folder skipped: /tmp/x/mlruns/784481848334759391/meta.yaml: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 2, column 1:',
};

describe('brokenExperiments', () => {
  it('names the experiment of an unreadable <id>/meta.yaml, once', () => {
    expect(brokenExperiments(location, [problem, problem])).toEqual([
      { experimentId: '784481848334759391', problem },
    ]);
    expect(brokenExperiments(`${location}/`, [problem])).toHaveLength(1);
  });

  it('leaves out runs, trash, other stores and Windows paths of other folders', () => {
    const other = (path: string) => ({ path, message: 'x' });
    expect(
      brokenExperiments(location, [
        other('/tmp/x/mlruns/1/abc/meta.yaml'),
        other('/tmp/x/mlruns/.trash/5/meta.yaml'),
        other('/tmp/y/mlruns/7/meta.yaml'),
        other('/tmp/x/mlruns2/7/meta.yaml'),
        other('/tmp/x/mlruns/7/tags/x'),
      ]),
    ).toEqual([]);
    expect(
      brokenExperiments('C:\\m\\mlruns', [other('C:\\m\\mlruns\\12\\meta.yaml')]).map(
        (b) => b.experimentId,
      ),
    ).toEqual(['12']);
  });
});

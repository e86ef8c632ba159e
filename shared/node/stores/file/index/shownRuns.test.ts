import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../runSummary';
import type { Entry } from './cachedFolders';
import { ShownRuns } from './shownRuns';

function entry(runId: string, runName: string, deletedInMeta = false): Entry {
  const summary: RunSummary = {
    ok: true,
    info: {
      runId,
      runName,
      userId: 'u',
      status: 'FINISHED',
      startTime: 1,
      endTime: 2,
      artifactUri: '',
    },
    deletedInMeta,
    params: {},
    tags: {},
    metrics: {},
    datasetInputs: [],
    modelOutputs: [],
    problems: [],
  };
  return { runDir: `/s/1/${runId}`, summary, fingerprint: { paths: '', hash: '' } };
}

const broken: Entry = {
  runDir: '/s/1/broken',
  summary: { ok: false, problems: [] },
  fingerprint: { paths: '', hash: '' },
};

describe('ShownRuns', () => {
  it('reports runs read again only when what they show differs, and runs gone', () => {
    const same = entry('a', 'A');
    const before = new ShownRuns();
    for (const e of [same, entry('b', 'B'), entry('c', 'C'), entry('d', 'D'), broken])
      before.add(e, '1', false);
    const after = new ShownRuns();
    after.add(same, '1', false); // the same entry: fingerprint matched
    after.add(entry('b', 'B'), '1', false); // read again, shows the same
    after.add(entry('c', 'C renamed'), '1', false); // read again, shows otherwise
    after.add(entry('e', 'E'), '1', false); // new
    expect(before.changesTo(after)).toEqual({ changedRunIds: ['c', 'e'], removedRunIds: ['d'] });
  });

  it('counts a change of the experiment only where the run shows it', () => {
    const kept = entry('a', 'A');
    const deletedAnyway = entry('b', 'B', true);
    const before = new ShownRuns();
    before.add(kept, '1', false);
    before.add(deletedAnyway, '1', false);
    const after = new ShownRuns();
    after.add(kept, '1', true);
    after.add(deletedAnyway, '1', true);
    expect(before.changesTo(after)).toEqual({ changedRunIds: ['a'], removedRunIds: [] });
  });
});

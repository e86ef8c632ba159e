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
    metricKeys: [],
    metricPoints: [],
    datasetInputs: [],
    modelOutputs: [],
    problems: [],
  };
  const made = { summary, fingerprint: { paths: '', hash: '' } };
  folders.set(made, `1/${runId}`);
  return made;
}

/** Each entry's run folder (the index's key). */
const folders = new Map<Entry, string>();

const broken: Entry = {
  summary: { ok: false, problems: [] },
  fingerprint: { paths: '', hash: '' },
};
folders.set(broken, '1/broken');

function add(shown: ShownRuns, e: Entry, experimentDeleted: boolean, experimentId = '1'): void {
  shown.add(folders.get(e) as string, e, experimentId, experimentDeleted);
}

describe('ShownRuns', () => {
  it('reports runs read again only when what they show differs, and runs gone', () => {
    const same = entry('a', 'A');
    const before = new ShownRuns();
    for (const e of [same, entry('b', 'B'), entry('c', 'C'), entry('d', 'D'), broken])
      add(before, e, false);
    const after = new ShownRuns();
    add(after, same, false); // the same entry: fingerprint matched
    add(after, entry('b', 'B'), false); // read again, shows the same
    add(after, entry('c', 'C renamed'), false); // read again, shows otherwise
    add(after, entry('e', 'E'), false); // new
    expect(before.changesTo(after)).toEqual({
      changedRunIds: ['c', 'e'],
      removedRunIds: ['d'],
      experimentIds: ['1'],
    });
  });

  it('counts a change of the experiment only where the run shows it', () => {
    const kept = entry('a', 'A');
    const deletedAnyway = entry('b', 'B', true);
    const before = new ShownRuns();
    add(before, kept, false);
    add(before, deletedAnyway, false);
    const after = new ShownRuns();
    add(after, kept, true);
    add(after, deletedAnyway, true);
    expect(before.changesTo(after)).toEqual({
      changedRunIds: ['a'],
      removedRunIds: [],
      experimentIds: ['1'],
    });
  });

  it('names the experiments of the runs reported, where they are and where they were', () => {
    const moved = entry('a', 'A');
    const gone = entry('b', 'B');
    const before = new ShownRuns();
    add(before, moved, false, '1');
    add(before, gone, false, '3');
    add(before, entry('c', 'C'), false, '4');
    const after = new ShownRuns();
    add(after, moved, false, '2'); // the same entry, now listed in another experiment
    add(after, entry('c', 'C'), false, '4'); // shows the same: its experiment is no news
    add(after, entry('n', 'N'), false, '5'); // new
    expect(before.changesTo(after)).toEqual({
      changedRunIds: ['a', 'n'],
      removedRunIds: ['b'],
      experimentIds: ['1', '2', '3', '5'],
    });
  });
});

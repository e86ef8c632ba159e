/**
 * What a refresh reports (RunIndex.refresh): the runs whose assembled Run changed or went away, found
 * by comparing what each run showed before the refresh with what it shows after.
 */
import { encodeSummary } from '../runSummary';
import type { Entry } from './cachedFolders';

/** What the assembled Run depends on: so a change of the experiment's state alone counts only when it shows. */
interface Shown {
  entry: Entry;
  experimentId: string;
  deleted: boolean;
}

export interface RunChanges {
  changedRunIds: string[];
  removedRunIds: string[];
}

export class ShownRuns {
  private readonly byKey = new Map<string, Shown>();

  /** `folder`: the run folder, relative to the store (the index's key). */
  add(folder: string, entry: Entry, experimentId: string, experimentDeleted: boolean): void {
    const deleted = experimentDeleted || (entry.summary.ok && entry.summary.deletedInMeta);
    this.byKey.set(runKey(folder, entry), { entry, experimentId, deleted });
  }

  /**
   * The runs of `after` that show otherwise than here, and the runs here that `after` has no more.
   * Keys of folders without a readable meta.yaml are not run ids: never reported.
   */
  changesTo(after: ShownRuns): RunChanges {
    const changedRunIds = [...after.byKey]
      .filter(([key, now]) => !key.startsWith('\0') && !sameShown(this.byKey.get(key), now))
      .map(([key]) => key);
    const removedRunIds = [...this.byKey.keys()].filter(
      (key) => !after.byKey.has(key) && !key.startsWith('\0'),
    );
    return { changedRunIds, removedRunIds };
  }
}

/** Identity of a run across refreshes: its id, or its folder when it has no readable meta.yaml. */
function runKey(folder: string, entry: Entry): string {
  return entry.summary.ok ? entry.summary.info.runId : `\0${folder}`;
}

/**
 * Whether a run shows the same before and after a refresh. An entry whose fingerprint matched is the
 * same object; one read again is compared by its summary's text, made here for the few runs read
 * rather than kept for every run (that text was ~1.2 kB a run in memory: issue 11).
 */
function sameShown(before: Shown | undefined, after: Shown): boolean {
  if (!before || before.experimentId !== after.experimentId || before.deleted !== after.deleted)
    return false;
  return (
    before.entry === after.entry ||
    encodeSummary(before.entry.summary) === encodeSummary(after.entry.summary)
  );
}

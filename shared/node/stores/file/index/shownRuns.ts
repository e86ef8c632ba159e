/**
 * What a refresh reports (RunIndex.refresh): the runs whose assembled Run changed or went away, found
 * by comparing what each run showed before the refresh with what it shows after, and the experiments
 * they are in: a refresh of every run (no changed paths to tell them) must still name the experiments
 * whose run lists changed, or a runs table would not know to refetch.
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
  /** The experiments those runs are in, or were in before (a run moved or gone): sorted. */
  experimentIds: string[];
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
    const experimentIds = new Set<string>();
    const changedRunIds: string[] = [];
    for (const [key, now] of after.byKey) {
      const before = this.byKey.get(key);
      if (key.startsWith('\0') || sameShown(before, now)) continue;
      changedRunIds.push(key);
      experimentIds.add(now.experimentId);
      if (before) experimentIds.add(before.experimentId);
    }
    const removedRunIds: string[] = [];
    for (const [key, before] of this.byKey) {
      if (after.byKey.has(key) || key.startsWith('\0')) continue;
      removedRunIds.push(key);
      experimentIds.add(before.experimentId);
    }
    return { changedRunIds, removedRunIds, experimentIds: [...experimentIds].sort() };
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

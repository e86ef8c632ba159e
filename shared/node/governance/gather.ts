/**
 * Gathers what the governance engine reads from any TrackingStore (FileStore, SQLite, remote):
 * experiments, every run, the registry, logged models, and the top-level artifact names of the runs
 * behind model versions (for model-card files). Read-only, like everything else.
 */
import type { GovernanceInput } from '../../common/governance/types';
import type { TrackingStore } from '../stores/TrackingStore';

export async function gatherGovernanceInput(
  store: TrackingStore,
  signal?: AbortSignal,
): Promise<GovernanceInput> {
  const experiments = await store.listExperiments(signal);
  const [runs, registeredModels, modelVersions, loggedModels] = await Promise.all([
    store.listRuns(
      experiments.map((e) => e.experimentId),
      signal,
    ),
    store.listRegisteredModels(signal),
    store.listModelVersions(signal),
    store.listLoggedModels(undefined, signal),
  ]);
  const known = new Set(runs.map((r) => r.info.runId));
  const backing = [
    ...new Set(modelVersions.flatMap((v) => (v.runId && known.has(v.runId) ? [v.runId] : []))),
  ].sort();
  const artifactPaths: Record<string, string[]> = {};
  const unreadable: string[] = [];
  for (const runId of backing) {
    try {
      artifactPaths[runId] = (await store.listArtifacts(runId, '', signal)).map((f) => f.path);
    } catch {
      // A run whose artifacts are elsewhere (another machine) still has its metadata checked.
      unreadable.push(runId);
    }
  }
  return {
    experiments,
    runs,
    registeredModels,
    modelVersions,
    loggedModels,
    artifactPaths,
    unreadable: { runArtifacts: unreadable },
  };
}

/** getObservedHistory: record the registry state seen now, then answer the chain status and timeline. */
import { snapshotOf, timeline } from '../../common/governance/lifecycle';
import type { ObservedHistory } from '../../common/governance/types';
import type { TrackingStore } from '../stores/TrackingStore';
import { logPathFor, recordObservation, verifyChain } from './observedLog';

export async function observeAndDescribe(
  store: TrackingStore,
  dataDir: string,
  model: string | undefined,
  now: Date,
  signal?: AbortSignal,
): Promise<ObservedHistory> {
  const [models, versions] = await Promise.all([
    store.listRegisteredModels(signal),
    store.listModelVersions(signal),
  ]);
  const logPath = logPathFor(dataDir, store.location);
  const entries = recordObservation(logPath, snapshotOf(models, versions), now);
  return { logPath, chain: verifyChain(entries), events: timeline(entries, model) };
}

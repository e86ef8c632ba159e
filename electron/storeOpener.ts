/**
 * Opens stores on behalf of the main process (command line, File menu, second launch, dropped
 * folder) and builds the `storesChanged` notice for the renderer. Failures are collected, not
 * thrown, so one bad path does not stop the others from opening.
 */
import type { RunlensHandlers } from '../shared/common/contract';
import type { StoresChangedEvent } from './bridge';

export interface OpenFailure {
  location: string;
  message: string;
}

export interface OpenOutcome {
  /** Null when listing the stores failed too (nothing to tell the renderer). */
  event: StoresChangedEvent | null;
  failures: OpenFailure[];
}

export async function openLocations(
  service: Pick<RunlensHandlers, 'openStore' | 'listStores'>,
  locations: readonly string[],
): Promise<OpenOutcome> {
  const failures: OpenFailure[] = [];
  let openedStoreId: string | undefined;
  for (const location of locations) {
    const result = await service.openStore({ location });
    if (!result.ok) failures.push({ location, message: result.error.message });
    else if (result.value.state === 'error') {
      // Listed (so the sidebar can show and close it) but unreadable: the user must hear why.
      failures.push({
        location,
        message: result.value.error?.message ?? 'The store cannot be read.',
      });
    } else openedStoreId = result.value.storeId;
  }
  const list = await service.listStores({});
  if (!list.ok) {
    failures.push({ location: '(all stores)', message: list.error.message });
    return { event: null, failures };
  }
  const event: StoresChangedEvent = { stores: list.value };
  if (openedStoreId !== undefined) event.openedStoreId = openedStoreId;
  return { event, failures };
}

/** One readable paragraph for an error dialog or stderr. */
export function describeFailures(failures: readonly OpenFailure[]): string {
  return failures.map((failure) => `${failure.location}: ${failure.message}`).join('\n');
}

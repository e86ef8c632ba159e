/**
 * The calls every launch of the app makes before it can show anything: the open stores, the saved
 * server profiles and each ready store's experiments (the sidebar). The web host answers them while
 * it serves the page and embeds the answers in it (bootData.ts in shared/node/web), so the sidebar
 * needs no round trip; the renderer seeds its query cache with them under the same keys it would
 * fetch (api/bootData.ts). One definition of the requests keeps the two sides' keys identical.
 */
import type { MethodName, RequestOf, ResponseOf, StoreInfo } from './contract';

/** Every experiment of a store, active and deleted, in one answer (the contract's largest page). */
export function experimentsRequest(storeId: string): RequestOf<'searchExperiments'> {
  return { storeId, viewType: 'ALL', maxResults: 50_000 };
}

/** One answered call, as embedded in the page. */
export interface BootAnswer<M extends MethodName = MethodName> {
  method: M;
  request: RequestOf<M>;
  value: ResponseOf<M>;
}

/** The id of the `<script type="application/json">` element that carries the answers. */
export const BOOT_DATA_ELEMENT_ID = 'runlens-boot';

/** The calls that need no earlier answer. */
export const FIRST_CALLS = [
  { method: 'listStores', request: {} },
  { method: 'listConnections', request: {} },
] as const satisfies readonly { method: MethodName; request: object }[];

/** The calls that follow from the store list: one experiment list per ready store. */
export function callsForStores(
  stores: readonly StoreInfo[],
): { method: 'searchExperiments'; request: RequestOf<'searchExperiments'> }[] {
  return stores
    .filter((s) => s.state === 'ready')
    .map((s) => ({ method: 'searchExperiments' as const, request: experimentsRequest(s.storeId) }));
}

/**
 * Renders the app's shell and sidebar for these answers as HTML for its root element: what the
 * renderer's prerender bundle exports (renderer/src/prerender/renderShell.tsx), run by the web host
 * in a worker (shared/node/web/shellPrerender.ts).
 */
export type RenderShell = (answers: readonly BootAnswer[]) => Promise<string>;

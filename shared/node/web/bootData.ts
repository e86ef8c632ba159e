/**
 * The first answers, embedded in the page the web host serves (see shared/common/firstScreen.ts):
 * without them the browser loads the page, evaluates the bundle, asks for the stores, waits, then asks
 * for their experiments and waits again before the sidebar can show anything (issue 12 measured each
 * round trip at 70–200 ms while the server is also warming its caches).
 *
 * The answers of local stores (folders and .db files: no network) are always waited for, since the
 * sidebar waits for them anyway; a remote server's only for a short budget, so a slow server never
 * holds the page back. Whatever is missing the renderer fetches as it always did. Answers for a viewer
 * on another machine are cut exactly as their API answers are (remoteViewer.ts).
 */
import {
  BOOT_DATA_ELEMENT_ID,
  FIRST_CALLS,
  callsForStores,
  type BootAnswer,
} from '../../common/firstScreen';
import type { MethodName, RequestOf, RunlensHandlers, StoreInfo } from '../../common/contract';
import type { Result } from '../../common/errors';
import { toWireJson } from '../../common/wire';
import { forRemoteViewer } from './remoteViewer';

/** How long the page may wait for a remote server's experiments. */
export const REMOTE_BUDGET_MS = 150;
/** A safety net only: local answers come from disk reads that have their own deadlines. */
export const LOCAL_BUDGET_MS = 5_000;

interface BootOptions {
  /** The viewer is on another machine: answers without local folders. */
  remote: boolean;
  remoteBudgetMs?: number;
  localBudgetMs?: number;
}

/** Resolves with the value, or undefined when `ms` pass first (the call goes on; nobody waits). */
function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * The first-screen calls that answered ok within the budget; none when anything goes wrong (the page
 * is served either way: the answers only save round trips).
 */
export async function bootAnswers(
  service: RunlensHandlers,
  options: BootOptions,
): Promise<BootAnswer[]> {
  try {
    return await answersWithin(service, options);
  } catch {
    return [];
  }
}

async function answersWithin(
  service: RunlensHandlers,
  { remote, remoteBudgetMs = REMOTE_BUDGET_MS, localBudgetMs = LOCAL_BUDGET_MS }: BootOptions,
): Promise<BootAnswer[]> {
  const started = Date.now();
  const cancel = new AbortController();
  const answers: BootAnswer[] = [];
  let locations: string[] = [];
  const call = async <M extends MethodName>(method: M, request: RequestOf<M>, budget: number) => {
    const handler = service[method] as (
      r: RequestOf<M>,
      ctx: { signal: AbortSignal },
    ) => Promise<Result<unknown>>;
    const result = await within(
      handler.call(service, request, { signal: cancel.signal }),
      Math.max(0, started + budget - Date.now()),
    );
    return result?.ok ? result.value : undefined;
  };
  const [stores, connections] = await Promise.all(
    FIRST_CALLS.map((c) => call(c.method, c.request, localBudgetMs)),
  );
  const storeList = Array.isArray(stores) ? (stores as StoreInfo[]) : [];
  if (Array.isArray(stores)) {
    locations = storeList.map((s) => s.location);
    answers.push({ method: 'listStores', request: {}, value: storeList });
  }
  if (connections !== undefined)
    answers.push({ method: 'listConnections', request: {}, value: connections as never });
  const follow = callsForStores(storeList);
  const kinds = new Map(storeList.map((s) => [s.storeId, s.kind]));
  const values = await Promise.all(
    follow.map((c) =>
      call(
        c.method,
        c.request,
        kinds.get(c.request.storeId) === 'rest' ? remoteBudgetMs : localBudgetMs,
      ),
    ),
  );
  follow.forEach((c, i) => {
    const value = values[i];
    if (value !== undefined) answers.push({ ...c, value: value as never });
  });
  // The page does not wait for late answers; their handlers need not go on for it.
  cancel.abort();
  if (!remote) return answers;
  return answers.map((a) => {
    const cut = forRemoteViewer({ ok: true, value: a.value }, locations);
    return { ...a, value: (cut.ok ? cut.value : undefined) as never };
  });
}

/**
 * The answers as a JSON data block (not a script: the CSP allows no inline script, and none is
 * needed); '' for none. `<` is escaped so that no value — an experiment named `</script><script>…` —
 * can end the block; JSON.parse reads `\u003c` back as `<`.
 */
export function bootDataBlock(answers: readonly BootAnswer[]): string {
  if (answers.length === 0) return '';
  const json = toWireJson(answers).replace(/</g, '\\u003c');
  return `<script type="application/json" id="${BOOT_DATA_ELEMENT_ID}">${json}</script>`;
}

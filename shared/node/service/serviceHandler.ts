/**
 * The wrapper every InspectorService method goes through: the request is validated, the work runs
 * under the call's cancel signal, and the answer is a `Result` — nothing is thrown. An error nobody
 * expected (INTERNAL) is logged with its stack; the caller sees only its short message. After a call,
 * the events learn that the set of stores or a store's problems may have changed.
 */
import {
  type CallContext,
  type MethodName,
  type RequestOf,
  type ResponseOf,
  type RunlensHandlers,
  validateRequest,
} from '../../common/contract';
import { toApiError } from '../../common/errors';
import { logInternalError, type LogSink } from '../log/errorLog';
import { startCall, type ServiceCall } from './callContext';
import type { CallActivity } from './callActivity';
import type { ServiceEvents } from './watch/ServiceEvents';

/** Methods after which the set of open stores may differ (storesChanged events). */
const STORE_SET_CHANGERS: ReadonlySet<string> = new Set(['openStore', 'closeStore', 'connect']);
/**
 * Methods that change something: a cancel is checked before they start, but once started they finish
 * and answer truly (a CANCELLED answer for a store that did open, or a profile that was saved, would lie).
 */
const RUN_TO_COMPLETION: ReadonlySet<string> = new Set([
  ...STORE_SET_CHANGERS,
  'saveConnection',
  'deleteConnection',
]);

/** What a handler reads at call time: the service's events, its log and its activity. */
export interface HandlerHost {
  readonly events: Pick<ServiceEvents, 'storesMaybeChanged' | 'problemsMaybeChanged'>;
  readonly errorLog: LogSink;
  /** Counts calls in flight, so background work can wait for a quiet moment. */
  readonly activity?: Pick<CallActivity, 'begin' | 'end'>;
}

/**
 * Turns one method's work into its contract handler. `host` is read at each call, not here: the
 * service builds its handlers as fields, before its constructor has made the events.
 */
export function serviceHandler<M extends MethodName>(
  name: M,
  work: (request: RequestOf<M>, call: ServiceCall) => Promise<ResponseOf<M>>,
  host: () => HandlerHost,
): RunlensHandlers[M] {
  const handle = async (request: unknown, ctx?: CallContext) => {
    const call = startCall(ctx);
    const activity = host().activity;
    activity?.begin();
    try {
      call.check();
      const working = work(validateRequest(name, request), call);
      const value = await (RUN_TO_COMPLETION.has(name) ? working : call.race(working));
      if (STORE_SET_CHANGERS.has(name)) host().events.storesMaybeChanged();
      return { ok: true as const, value };
    } catch (err) {
      const error = toApiError(err);
      // The caller sees a short message; the stack of what nobody expected goes to the host's log.
      if (error.code === 'INTERNAL') logInternalError(host().errorLog, name, err);
      return { ok: false as const, error };
    } finally {
      activity?.end();
      call.dispose();
      const storeId = (request as { storeId?: unknown } | null)?.storeId;
      if (typeof storeId === 'string') host().events.problemsMaybeChanged(storeId);
    }
  };
  return handle as RunlensHandlers[M];
}

/**
 * Serves the contract over Electron IPC: one `ipcMain.handle` per contract method, on the channel
 * `ipcChannel(name)`, derived from METHOD_NAMES so a new method is served without touching this file.
 *
 * Every call answers with a `Result` and never throws: Electron forwards only an error's message
 * across IPC, and the UI branches on `error.code`. Calls from a frame that is not the renderer's own
 * origin are refused (UNAUTHORIZED), and every request is validated before a handler sees it. A throw
 * that reaches this file becomes INTERNAL for the renderer and is logged, with its stack, to the
 * host's errorLog (the app's logs/runlens.log), as the web host does.
 *
 * Cancelling: IPC has no abort, so a call may carry `{ callId }` as its second argument, and a
 * one-way message on CANCEL_CHANNEL (`ipcRenderer.send`, not a contract method: it answers nothing and
 * has no HTTP twin, where closing the connection cancels) aborts that call's signal. The call then
 * answers CANCELLED. A cancel from an untrusted frame, or for a call that already answered, is ignored.
 */
import type {
  CallContext,
  MethodName,
  RequestOf,
  ResponseOf,
  RunlensHandlers,
} from '../shared/common/contract';
import { METHOD_NAMES, ipcChannel, validateRequest } from '../shared/common/contract';
import type { Result } from '../shared/common/errors';
import { toApiError } from '../shared/common/errors';
import { logInternalError, type LogSink } from '../shared/node/log/errorLog';
import { CANCEL_CHANNEL } from './bridge';

/**
 * The part of a sender frame the trust check needs (Electron's `WebFrameMain`, or null once gone):
 * its URL, and its parent (null for a window's main frame, a frame for an iframe).
 */
export type SenderFrameLike = { readonly url: string; readonly parent: unknown } | null;

export interface IpcInvokeEventLike {
  readonly senderFrame: SenderFrameLike;
}

type SendListener = (event: IpcInvokeEventLike, ...args: unknown[]) => void;

/** The part of Electron's `ipcMain` used here; a Map-backed fake in the tests. */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>,
  ): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: SendListener): void;
  removeListener(channel: string, listener: SendListener): void;
}

const MAX_CALL_ID = 128;

/** The call id of an invoke's second argument; anything else means "not cancellable". */
function callIdOf(arg: unknown): string | undefined {
  const id = (arg as { callId?: unknown } | null | undefined)?.callId;
  return typeof id === 'string' && id.length > 0 && id.length <= MAX_CALL_ID ? id : undefined;
}

async function answer<M extends MethodName>(
  handlers: RunlensHandlers,
  name: M,
  rawRequest: unknown,
  ctx: CallContext,
  errorLog: LogSink,
): Promise<Result<ResponseOf<M>>> {
  try {
    const request = validateRequest(name, rawRequest);
    // TypeScript cannot correlate `handlers[name]` with `RequestOf<M>` for a generic M.
    const handler = handlers[name] as unknown as (
      req: RequestOf<M>,
      ctx: CallContext,
    ) => Promise<Result<ResponseOf<M>>>;
    return await handler(request, ctx);
  } catch (err) {
    // Handlers should return Results; a throw is a bug, but it still must not cross IPC. The renderer
    // sees a short message; what became INTERNAL is logged with its stack (a bad request is not).
    const error = toApiError(err);
    if (error.code === 'INTERNAL') logInternalError(errorLog, `${name} (IPC)`, err);
    return { ok: false, error };
  }
}

/**
 * Registers a handler per contract method, and the cancel channel, and returns a function that removes
 * them all. `isTrustedSender` decides from the sender frame (see `isAppUrl`); a null frame is never trusted.
 * `errorLog` receives the INTERNAL errors thrown past the handlers.
 */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  handlers: RunlensHandlers,
  isTrustedSender: (frame: SenderFrameLike) => boolean,
  errorLog: LogSink,
): () => void {
  const trusted = (event: IpcInvokeEventLike): boolean =>
    event.senderFrame !== null && isTrustedSender(event.senderFrame);
  // Calls in flight that can be cancelled. Ids are made by the renderer (random UUIDs), so two windows
  // cannot name each other's calls by accident.
  const inFlight = new Map<string, AbortController>();
  const channels: string[] = [];
  for (const name of METHOD_NAMES) {
    const channel = ipcChannel(name);
    ipcMain.handle(channel, async (event, ...args) => {
      if (!trusted(event)) {
        const failure: Result<never> = {
          ok: false,
          error: {
            code: 'UNAUTHORIZED',
            message: `${name}: the caller is not the Runlens window.`,
          },
        };
        return failure;
      }
      const callId = callIdOf(args[1]);
      if (callId === undefined) return answer(handlers, name, args[0], {}, errorLog);
      const controller = new AbortController();
      inFlight.set(callId, controller);
      try {
        return await answer(handlers, name, args[0], { signal: controller.signal }, errorLog);
      } finally {
        if (inFlight.get(callId) === controller) inFlight.delete(callId);
      }
    });
    channels.push(channel);
  }
  const onCancel: SendListener = (event, callId) => {
    if (!trusted(event) || typeof callId !== 'string') return;
    inFlight.get(callId)?.abort();
  };
  ipcMain.on(CANCEL_CHANNEL, onCancel);
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
    ipcMain.removeListener(CANCEL_CHANNEL, onCancel);
    for (const controller of inFlight.values()) controller.abort();
    inFlight.clear();
  };
}

/**
 * Serves the contract over Electron IPC: one `ipcMain.handle` per contract method, on the channel
 * `ipcChannel(name)`, derived from METHOD_NAMES so a new method is served without touching this file.
 *
 * Every call answers with a `Result` and never throws: Electron forwards only an error's message
 * across IPC, and the UI branches on `error.code`. Calls from a frame that is not the renderer's own
 * origin are refused (UNAUTHORIZED), and every request is validated before a handler sees it.
 */
import type { MethodName, RequestOf, ResponseOf, RunlensHandlers } from '../shared/common/contract';
import { METHOD_NAMES, ipcChannel, validateRequest } from '../shared/common/contract';
import type { Result } from '../shared/common/errors';
import { toApiError } from '../shared/common/errors';

/** The part of a sender frame the trust check needs (Electron's `WebFrameMain`, or null once gone). */
export type SenderFrameLike = { readonly url: string } | null;

export interface IpcInvokeEventLike {
  readonly senderFrame: SenderFrameLike;
}

/** The part of Electron's `ipcMain` used here; a Map-backed fake in the tests. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

async function answer<M extends MethodName>(
  handlers: RunlensHandlers,
  name: M,
  rawRequest: unknown,
): Promise<Result<ResponseOf<M>>> {
  try {
    const request = validateRequest(name, rawRequest);
    // TypeScript cannot correlate `handlers[name]` with `RequestOf<M>` for a generic M.
    const handler = handlers[name] as unknown as (req: RequestOf<M>) => Promise<Result<ResponseOf<M>>>;
    return await handler(request);
  } catch (err) {
    // Handlers should return Results; a throw is a bug, but it still must not cross IPC.
    return { ok: false, error: toApiError(err) };
  }
}

/**
 * Registers a handler per contract method and returns a function that removes them all.
 * `isTrustedSender` decides from the sender frame (see `isAppUrl`); a null frame is never trusted.
 */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  handlers: RunlensHandlers,
  isTrustedSender: (frame: SenderFrameLike) => boolean,
): () => void {
  const channels: string[] = [];
  for (const name of METHOD_NAMES) {
    const channel = ipcChannel(name);
    ipcMain.handle(channel, async (event, ...args) => {
      if (event.senderFrame === null || !isTrustedSender(event.senderFrame)) {
        const failure: Result<never> = {
          ok: false,
          error: { code: 'UNAUTHORIZED', message: `${name}: the caller is not the Runlens window.` },
        };
        return failure;
      }
      return answer(handlers, name, args[0]);
    });
    channels.push(channel);
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

/**
 * One handler call's cancellation, as the service sees it: the host's signal (any AbortSignal-like
 * thing, see CancelSignal) linked to a Node AbortSignal that the stores accept, and the two ways the
 * service honours it — a check between steps, and a race so that a store which ignores the signal
 * (local stores read files or SQL that cannot be interrupted) still lets the caller go at once.
 */
import type { CallContext } from '../../common/contract';
import { StoreError } from '../../common/errors';

export interface ServiceCall {
  /** Aborts when the caller cancelled; undefined when the call cannot be cancelled. */
  readonly signal: AbortSignal | undefined;
  readonly onProgress: CallContext['onProgress'];
  /** Throws CANCELLED when the caller has gone; call between steps. */
  check(): void;
}

export function cancelled(): StoreError {
  return new StoreError('CANCELLED', 'The request was cancelled');
}

export function startCall(
  ctx: CallContext = {},
): ServiceCall & { race<T>(work: Promise<T>): Promise<T>; dispose(): void } {
  const source = ctx.signal;
  const controller = source ? new AbortController() : undefined;
  const forward = (): void => controller?.abort(cancelled());
  if (source?.aborted) forward();
  else source?.addEventListener('abort', forward, { once: true });
  const signal = controller?.signal;
  return {
    signal,
    onProgress: ctx.onProgress,
    check() {
      if (signal?.aborted) throw cancelled();
    },
    race<T>(work: Promise<T>): Promise<T> {
      if (!signal) return work;
      // The work goes on after a cancel (it may be shared, e.g. a FileStore's index): its outcome is
      // then nobody's, but must not become an unhandled rejection.
      work.catch(() => undefined);
      return new Promise<T>((resolve, reject) => {
        const stop = (): void => reject(cancelled());
        if (signal.aborted) stop();
        signal.addEventListener('abort', stop, { once: true });
        work.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
      });
    },
    dispose() {
      source?.removeEventListener('abort', forward);
    },
  };
}

import { useEffect, useEffectEvent, useState } from 'react';
import { asApiError, type ApiError } from '../api/ApiError';

export type QueryState<T> =
  | { status: 'idle' }
  | { status: 'loading'; previous: T | undefined }
  | { status: 'ready'; value: T }
  | { status: 'error'; error: ApiError };

type Settled<T> = { key: string; value: T } | { key: string; error: ApiError };

/**
 * Runs `load` whenever `key` changes (null: do nothing) and returns the outcome for the current key.
 * The state is derived from which key the last answer belongs to, so a slow answer to an old key never
 * shows up under a new one, and no effect has to reset state synchronously. `load` gets a signal that
 * aborts when the key changes or the component unmounts: pass it to the API calls, so the host stops
 * work nobody will look at (a remote listing, a cold index wait).
 */
export function useQuery<T>(
  key: string | null,
  load: (signal: AbortSignal) => Promise<T>,
): QueryState<T> {
  const [settled, setSettled] = useState<Settled<T> | null>(null);
  const [lastValue, setLastValue] = useState<T | undefined>(undefined);
  const start = useEffectEvent((signal: AbortSignal) => load(signal));

  useEffect(() => {
    if (key === null) return;
    let live = true;
    const controller = new AbortController();
    start(controller.signal).then(
      (value) => {
        if (!live) return;
        setSettled({ key, value });
        setLastValue(value);
      },
      (err: unknown) => {
        if (live) setSettled({ key, error: asApiError(err) });
      },
    );
    return () => {
      live = false;
      controller.abort();
    };
  }, [key]);

  if (key === null) return { status: 'idle' };
  if (settled === null || settled.key !== key) return { status: 'loading', previous: lastValue };
  return 'error' in settled
    ? { status: 'error', error: settled.error }
    : { status: 'ready', value: settled.value };
}

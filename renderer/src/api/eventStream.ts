/**
 * The web host's events (`GET /api/events`, Server-Sent Events of wire JSON) shared by every
 * subscriber of the page: one connection, opened with the first subscriber and closed with the last.
 *
 * EventSource reconnects by itself after a drop (the server sends `retry: 1000`); subscribers learn
 * of drops and reconnects through `onLive`, so they can refetch what they show, since events sent
 * while disconnected are lost.
 */
import type { RunlensEvent } from '../../../shared/common/contract';
import { fromWireJson } from '../../../shared/common/wire';

/** The part of EventSource used here (a fake in tests). */
export interface EventSourceLike {
  onopen: ((this: never, ev: Event) => unknown) | null;
  onerror: ((this: never, ev: Event) => unknown) | null;
  onmessage: ((this: never, ev: MessageEvent<string>) => unknown) | null;
  close(): void;
}

export type EventListener = (event: RunlensEvent) => void;
export type LiveListener = (live: boolean) => void;

export interface EventStream {
  /** Subscribes to every event; `onLive` hears whether the stream is connected. Returns the unsubscribe. */
  subscribe(listener: EventListener, onLive?: LiveListener): () => void;
}

function isRunlensEvent(value: unknown): value is RunlensEvent {
  const type = (value as { type?: unknown } | null)?.type;
  return type === 'storesChanged' || type === 'storeChanged' || type === 'loadProgress';
}

export function sseEventStream(open: () => EventSourceLike): EventStream {
  const subscribers = new Set<{ listener: EventListener; onLive: LiveListener | undefined }>();
  let source: EventSourceLike | null = null;
  let live = false;

  const setLive = (value: boolean): void => {
    if (live === value) return;
    live = value;
    for (const s of [...subscribers]) s.onLive?.(value);
  };

  const connect = (): void => {
    const es = open();
    es.onopen = () => setLive(true);
    es.onerror = () => setLive(false);
    es.onmessage = (message) => {
      let event: unknown;
      try {
        event = fromWireJson(message.data);
      } catch {
        return; // Not ours (a proxy's page): ignore rather than break the stream.
      }
      if (!isRunlensEvent(event)) return;
      for (const s of [...subscribers]) s.listener(event);
    };
    source = es;
  };

  return {
    subscribe(listener, onLive) {
      const entry = { listener, onLive };
      subscribers.add(entry);
      if (source === null) connect();
      else if (live) onLive?.(true);
      return () => {
        if (!subscribers.delete(entry) || subscribers.size > 0) return;
        source?.close();
        source = null;
        live = false;
      };
    },
  };
}

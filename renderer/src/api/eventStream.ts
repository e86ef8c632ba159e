/**
 * The web host's events (`GET /api/events`, Server-Sent Events of wire JSON) shared by every
 * subscriber of the page: one connection, opened with the first subscriber and closed with the last.
 * (Across tabs, tabEventStream.ts shares one such connection among all the app's tabs.)
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

/** One SSE message's event, or null when it is not one of ours (a proxy's page): ignored, not fatal. */
export function parseEventData(data: string): RunlensEvent | null {
  try {
    const event = fromWireJson(data);
    return isRunlensEvent(event) ? event : null;
  } catch {
    return null;
  }
}

/** The subscribers of a page and the live state they share; `size` tells when the last one left. */
export function createFanout() {
  const subscribers = new Set<{ listener: EventListener; onLive: LiveListener | undefined }>();
  let live = false;
  return {
    get size() {
      return subscribers.size;
    },
    get live() {
      return live;
    },
    add(listener: EventListener, onLive: LiveListener | undefined): () => boolean {
      const entry = { listener, onLive };
      subscribers.add(entry);
      if (live) onLive?.(true);
      return () => subscribers.delete(entry);
    },
    emit(event: RunlensEvent): void {
      for (const s of [...subscribers]) s.listener(event);
    },
    setLive(value: boolean): void {
      if (live === value) return;
      live = value;
      for (const s of [...subscribers]) s.onLive?.(value);
    },
  };
}

export function sseEventStream(open: () => EventSourceLike): EventStream {
  const fanout = createFanout();
  let source: EventSourceLike | null = null;

  const connect = (): void => {
    const es = open();
    es.onopen = () => fanout.setLive(true);
    es.onerror = () => fanout.setLive(false);
    es.onmessage = (message) => {
      const event = parseEventData(message.data);
      if (event) fanout.emit(event);
    };
    source = es;
  };

  return {
    subscribe(listener, onLive) {
      const remove = fanout.add(listener, onLive);
      if (source === null) connect();
      return () => {
        if (!remove() || fanout.size > 0) return;
        source?.close();
        source = null;
        fanout.setLive(false);
      };
    },
  };
}

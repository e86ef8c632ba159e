/**
 * One event stream for every tab of the app (browser mode).
 *
 * Each tab holding its own `GET /api/events` keeps one of the six HTTP/1.1 connections a browser
 * allows per host busy for good: the sixth tab of the app never loaded. So the tabs elect a leader
 * with the Web Locks API: the tab holding the lock opens the one EventSource and rebroadcasts every
 * message over a BroadcastChannel; the others only listen. The lock is held for the tab's life, so
 * when the leader closes (or reloads) the browser hands it to a waiting tab, which opens the stream.
 * Events sent in between are lost; the new leader says the stream went down and came back, and
 * subscribers refetch what they show, as after any reconnect (eventStream.ts).
 *
 * Messages on the channel: `{kind:'event', data}` (the SSE message text, parsed by each tab),
 * `{kind:'live', live}` (the leader's connection state) and `{kind:'hello'}` (a new tab asks for it).
 */
import {
  createFanout,
  parseEventData,
  type EventSourceLike,
  type EventStream,
} from './eventStream';

/** The part of `navigator.locks` used here. */
export interface LockManagerLike {
  request(name: string, callback: () => Promise<void>): Promise<unknown>;
}

/** The part of BroadcastChannel used here. */
export interface ChannelLike {
  onmessage: ((ev: MessageEvent) => unknown) | null;
  postMessage(message: unknown): void;
}

type ChannelMessage =
  { kind: 'event'; data: string } | { kind: 'live'; live: boolean } | { kind: 'hello' };

function asMessage(value: unknown): ChannelMessage | null {
  const kind = (value as { kind?: unknown } | null)?.kind;
  if (kind === 'event' && typeof (value as { data?: unknown }).data === 'string')
    return value as ChannelMessage;
  if (kind === 'live' && typeof (value as { live?: unknown }).live === 'boolean')
    return value as ChannelMessage;
  return kind === 'hello' ? { kind: 'hello' } : null;
}

export interface TabEventStreamDeps {
  locks: LockManagerLike;
  channel: ChannelLike;
  /** Opens the host's event stream (the leader's only). */
  open: () => EventSourceLike;
  /** Lock name: one leader per app origin. */
  lockName?: string;
}

/** Whether this tab leads (for tests and diagnostics). */
export interface TabEventStream extends EventStream {
  readonly leader: boolean;
}

export function tabEventStream(deps: TabEventStreamDeps): TabEventStream {
  const fanout = createFanout();
  const { channel } = deps;
  let started = false;
  let leader = false;

  const post = (message: ChannelMessage): void => channel.postMessage(message);

  const lead = (): Promise<void> => {
    leader = true;
    // Whatever the previous leader last said, nothing flows until this tab's stream opens.
    fanout.setLive(false);
    post({ kind: 'live', live: false });
    const es = deps.open();
    es.onopen = () => {
      fanout.setLive(true);
      post({ kind: 'live', live: true });
    };
    es.onerror = () => {
      fanout.setLive(false);
      post({ kind: 'live', live: false });
    };
    es.onmessage = (message) => {
      post({ kind: 'event', data: message.data });
      const event = parseEventData(message.data);
      if (event) fanout.emit(event);
    };
    // Held until the tab goes away: the browser then releases the lock to the next tab.
    return new Promise<void>(() => undefined);
  };

  const start = (): void => {
    started = true;
    channel.onmessage = (ev) => {
      const message = asMessage(ev.data);
      if (message === null) return;
      if (message.kind === 'hello') {
        if (leader) post({ kind: 'live', live: fanout.live });
      } else if (message.kind === 'live') {
        if (!leader) fanout.setLive(message.live);
      } else if (!leader) {
        const event = parseEventData(message.data);
        if (event) fanout.emit(event);
      }
    };
    post({ kind: 'hello' });
    void deps.locks.request(deps.lockName ?? 'runlens-events', lead);
  };

  return {
    get leader() {
      return leader;
    },
    subscribe(listener, onLive) {
      const remove = fanout.add(listener, onLive);
      // The tab stays in the election once it joined: other tabs may depend on its stream.
      if (!started) start();
      return () => {
        remove();
      };
    },
  };
}

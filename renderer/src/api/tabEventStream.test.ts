import { describe, expect, it } from 'vitest';
import type { RunlensEvent } from '../../../shared/common/contract';
import { toWireJson } from '../../../shared/common/wire';
import type { EventSourceLike } from './eventStream';
import { tabEventStream, type ChannelLike, type LockManagerLike } from './tabEventStream';

class FakeEventSource implements EventSourceLike {
  onopen: EventSourceLike['onopen'] = null;
  onerror: EventSourceLike['onerror'] = null;
  onmessage: EventSourceLike['onmessage'] = null;
  closed = false;
  close(): void {
    this.closed = true;
  }
  open(): void {
    this.onopen?.call(undefined as never, new Event('open'));
  }
  send(event: RunlensEvent): void {
    this.onmessage?.call(
      undefined as never,
      new MessageEvent('message', { data: toWireJson(event) }),
    );
  }
}

/** A browser's tabs: one lock queue per name, one broadcast bus; closing a tab releases its lock. */
class FakeBrowser {
  private readonly holders = new Map<string, { tab: number; release: () => void }>();
  private readonly waiting: { tab: number; name: string; grant: () => void }[] = [];
  private readonly channels = new Map<number, ChannelLike>();
  readonly sources = new Map<number, FakeEventSource>();

  tab(id: number) {
    const locks: LockManagerLike = {
      request: (name, callback) =>
        new Promise((resolve) => {
          const grant = () => {
            this.holders.set(name, { tab: id, release: () => resolve(undefined) });
            void callback();
          };
          if (this.holders.has(name)) this.waiting.push({ tab: id, name, grant });
          else grant();
        }),
    };
    const channel: ChannelLike = {
      onmessage: null,
      postMessage: (message) => {
        // Structured clone, delivered to every other tab's channel, never to the sender.
        const data = structuredClone(message);
        for (const [other, ch] of this.channels)
          if (other !== id) ch.onmessage?.(new MessageEvent('message', { data }));
      },
    };
    this.channels.set(id, channel);
    return tabEventStream({
      locks,
      channel,
      open: () => {
        const es = new FakeEventSource();
        this.sources.set(id, es);
        return es;
      },
    });
  }

  /** A message from something else on the same channel name (another app build, a stray script). */
  broadcast(data: unknown): void {
    for (const ch of this.channels.values()) ch.onmessage?.(new MessageEvent('message', { data }));
  }

  close(id: number): void {
    this.channels.delete(id);
    this.sources.get(id)?.close();
    for (const [name, holder] of this.holders) {
      if (holder.tab !== id) continue;
      this.holders.delete(name);
      holder.release();
      const nextAt = this.waiting.findIndex((w) => w.name === name && w.tab !== id);
      const next = nextAt >= 0 ? this.waiting.splice(nextAt, 1)[0] : undefined;
      next?.grant();
    }
  }
}

const change = (runId: string): RunlensEvent => ({
  type: 'storeChanged',
  storeId: 's1',
  experimentIds: ['1'],
  runIds: [runId],
  experimentsChanged: false,
});

describe('tabEventStream', () => {
  it('opens one connection for all tabs and gives every tab every event', () => {
    const browser = new FakeBrowser();
    const received: RunlensEvent[][] = [];
    const streams = Array.from({ length: 8 }, (_v, i) => {
      const stream = browser.tab(i);
      const mine: RunlensEvent[] = [];
      received.push(mine);
      stream.subscribe((e) => mine.push(e));
      return stream;
    });
    expect(browser.sources.size).toBe(1);
    expect(streams.filter((s) => s.leader)).toHaveLength(1);
    browser.sources.get(0)?.open();
    browser.sources.get(0)?.send(change('r1'));
    for (const events of received) expect(events).toEqual([change('r1')]);
  });

  it('hands the stream to another tab when the leader closes, and says it was down', () => {
    const browser = new FakeBrowser();
    const a = browser.tab(1);
    const b = browser.tab(2);
    const liveB: boolean[] = [];
    const eventsB: RunlensEvent[] = [];
    a.subscribe(() => undefined);
    b.subscribe(
      (e) => eventsB.push(e),
      (live) => liveB.push(live),
    );
    browser.sources.get(1)?.open();
    expect(liveB).toEqual([true]);

    browser.close(1);
    expect(b.leader).toBe(true);
    expect(liveB).toEqual([true, false]);
    const second = browser.sources.get(2);
    second?.open();
    expect(liveB).toEqual([true, false, true]);
    second?.send(change('r2'));
    expect(eventsB).toEqual([change('r2')]);
  });

  it('tells a tab that joins late whether events flow', () => {
    const browser = new FakeBrowser();
    browser.tab(1).subscribe(() => undefined);
    browser.sources.get(1)?.open();
    const live: boolean[] = [];
    browser.tab(2).subscribe(
      () => undefined,
      (l) => live.push(l),
    );
    expect(live).toEqual([true]);
  });

  it('keeps leading after its own subscribers leave, for the other tabs', () => {
    const browser = new FakeBrowser();
    const off = browser.tab(1).subscribe(() => undefined);
    const events: RunlensEvent[] = [];
    browser.tab(2).subscribe((e) => events.push(e));
    off();
    browser.sources.get(1)?.send(change('r3'));
    expect(browser.sources.get(1)?.closed).toBe(false);
    expect(events).toEqual([change('r3')]);
  });

  it('ignores channel messages that are not its own', () => {
    const browser = new FakeBrowser();
    browser.tab(1).subscribe(() => undefined);
    const events: RunlensEvent[] = [];
    const live: boolean[] = [];
    browser.tab(2).subscribe(
      (e) => events.push(e),
      (l) => live.push(l),
    );
    browser.broadcast({ kind: 'event', data: 'not json' });
    browser.broadcast({ kind: 'event', data: '{"type":"other"}' });
    browser.broadcast({ kind: 'live', live: 'yes' });
    browser.broadcast('hello');
    browser.broadcast(null);
    expect(events).toEqual([]);
    expect(live).toEqual([]);
  });
});

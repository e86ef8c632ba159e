import { describe, expect, it } from 'vitest';
import type { RunlensEvent } from '../../../shared/common/contract';
import { toWireJson } from '../../../shared/common/wire';
import { sseEventStream, type EventSourceLike } from './eventStream';

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
  fail(): void {
    this.onerror?.call(undefined as never, new Event('error'));
  }
  send(data: string): void {
    this.onmessage?.call(undefined as never, new MessageEvent('message', { data }));
  }
}

const change: RunlensEvent = {
  type: 'storeChanged',
  storeId: 's1',
  experimentIds: ['7'],
  runIds: ['r1'],
  experimentsChanged: false,
};

describe('sseEventStream', () => {
  it('shares one connection among subscribers and closes it with the last', () => {
    const sources: FakeEventSource[] = [];
    const stream = sseEventStream(() => {
      const es = new FakeEventSource();
      sources.push(es);
      return es;
    });
    const a: RunlensEvent[] = [];
    const b: RunlensEvent[] = [];
    const offA = stream.subscribe((e) => a.push(e));
    const offB = stream.subscribe((e) => b.push(e));
    expect(sources).toHaveLength(1);
    sources[0]?.send(toWireJson(change));
    expect(a).toEqual([change]);
    expect(b).toEqual([change]);
    offA();
    expect(sources[0]?.closed).toBe(false);
    offB();
    expect(sources[0]?.closed).toBe(true);
  });

  it('tells subscribers when events flow, stop and flow again', () => {
    let es: FakeEventSource | undefined;
    const stream = sseEventStream(() => (es = new FakeEventSource()));
    const live: boolean[] = [];
    stream.subscribe(
      () => undefined,
      (l) => live.push(l),
    );
    es?.open();
    es?.fail();
    es?.open();
    const late: boolean[] = [];
    stream.subscribe(
      () => undefined,
      (l) => late.push(l),
    );
    expect(live).toEqual([true, false, true]);
    expect(late).toEqual([true]);
  });

  it('ignores messages that are not Runlens events', () => {
    let es: FakeEventSource | undefined;
    const got: RunlensEvent[] = [];
    sseEventStream(() => (es = new FakeEventSource())).subscribe((e) => got.push(e));
    es?.send('<html>proxy error</html>');
    es?.send('{"type":"somethingElse"}');
    expect(got).toEqual([]);
  });
});

import { request as httpRequest, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES, type RunlensEvent, type RunlensHandlers } from '../../common/contract';
import { fromWireJson } from '../../common/wire';
import { EVENTS_PATH, type RunlensEventSource } from './eventStream';
import { startWebHost, type WebHost } from './startWebHost';

const TOKEN = 'events-token-0123456789';
let host: WebHost;
const listeners = new Set<(event: RunlensEvent) => void>();
const events: RunlensEventSource = {
  onEvent(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
const service = Object.fromEntries(
  METHOD_NAMES.map((n) => [n, async () => ({ ok: true, value: null })]),
) as unknown as RunlensHandlers;

beforeAll(async () => {
  host = await startWebHost({ service, events, token: TOKEN, staticDir: '/nonexistent' });
});
afterAll(async () => {
  await host.close();
});

/** Opens the stream; resolves with the response once the headers are in. */
function open(headers: Record<string, string>, method = 'GET'): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: host.port,
        path: EVENTS_PATH,
        method,
        headers: { host: `127.0.0.1:${host.port}`, ...headers },
      },
      resolve,
    );
    req.on('error', reject);
    req.end();
  });
}

/** Reads the stream until `count` data lines have arrived. */
function dataLines(res: IncomingMessage, count: number): Promise<unknown[]> {
  return new Promise((resolve) => {
    let text = '';
    const found: unknown[] = [];
    res.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      let end;
      while ((end = text.indexOf('\n\n')) >= 0) {
        const frame = text.slice(0, end);
        text = text.slice(end + 2);
        for (const line of frame.split('\n'))
          if (line.startsWith('data: ')) found.push(fromWireJson(line.slice(6)));
        if (found.length >= count) resolve(found);
      }
    });
  });
}

describe('GET /api/events', () => {
  it('needs the token', async () => {
    const res = await open({});
    expect(res.statusCode).toBe(401);
    res.resume();
    expect(listeners.size).toBe(0);
  });

  it('checks the Host header', async () => {
    const res = await open({ host: 'evil.example', 'x-runlens-token': TOKEN });
    expect(res.statusCode).toBe(403);
    res.resume();
  });

  it('refuses cross-origin pages and other methods', async () => {
    const cross = await open({ 'x-runlens-token': TOKEN, origin: 'http://evil.example' });
    expect(cross.statusCode).toBe(403);
    cross.resume();
    const post = await open({ 'x-runlens-token': TOKEN }, 'POST');
    expect(post.statusCode).toBe(405);
    post.resume();
  });

  it('streams each event as wire JSON, and unsubscribes when the client goes', async () => {
    const res = await open({ cookie: `runlens_token_${host.port}=${TOKEN}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(listeners.size).toBe(1);
    const received = dataLines(res, 2);
    const change: RunlensEvent = {
      type: 'storeChanged',
      storeId: 's1',
      experimentIds: ['1'],
      runIds: null,
      experimentsChanged: false,
    };
    for (const listener of listeners) {
      listener(change);
      listener({ type: 'storesChanged', stores: [] });
    }
    expect(await received).toEqual([change, { type: 'storesChanged', stores: [] }]);
    res.destroy();
    await vi.waitFor(() => expect(listeners.size).toBe(0));
  });
});

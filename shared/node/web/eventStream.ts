/**
 * `GET /api/events`: the host's events as Server-Sent Events, one `data:` line of wire JSON per event
 * (see contract.ts `RunlensEvent`). It sits behind the same checks as the API (Host header, token,
 * same origin), done by the caller.
 *
 * A comment line goes out every `heartbeatMs` so that proxies and idle-connection reapers keep the
 * stream open and a dead client is noticed (the write fails, 'close' fires, the listener is removed).
 * `retry:` tells EventSource to reconnect after one second when the server restarts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RunlensEvent } from '../../common/contract';
import { toWireJson } from '../../common/wire';
import { sendError } from './apiRoute';
import { eventForRemoteViewer, isLoopbackViewer } from './remoteViewer';

export const EVENTS_PATH = '/api/events';

/** Where events come from (InspectorService.onEvent). */
export interface RunlensEventSource {
  onEvent(listener: (event: RunlensEvent) => void): () => void;
}

export const HEARTBEAT_MS = 15_000;

export function handleEventStream(
  source: RunlensEventSource | undefined,
  req: IncomingMessage,
  res: ServerResponse,
  heartbeatMs: number = HEARTBEAT_MS,
): void {
  if (req.method !== 'GET') {
    res.setHeader('Allow', 'GET');
    sendError(res, 405, 'INVALID_ARGUMENT', `Use GET for ${EVENTS_PATH}`);
    return;
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Connection', 'keep-alive');
  // Nagle would hold small event frames back for up to 40 ms; events are latency-bound.
  req.socket.setNoDelay(true);
  res.flushHeaders();
  res.write('retry: 1000\n: connected\n\n');

  // A viewer on another machine gets pushed store lists without this machine's paths, as listStores.
  const remote = !isLoopbackViewer(req);
  const unsubscribe = source?.onEvent((event) => {
    res.write(`data: ${toWireJson(remote ? eventForRemoteViewer(event) : event)}\n\n`);
  });
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
  heartbeat.unref();
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    clearInterval(heartbeat);
    unsubscribe?.();
  };
  res.once('close', stop);
  req.once('close', stop);
}

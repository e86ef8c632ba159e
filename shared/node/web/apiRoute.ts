/**
 * `POST /api/<method>`: one route per contract method, found by name in the contract (never listed by
 * hand). Request and response bodies are wire JSON (NaN-safe); the response is the handler's Result
 * envelope with status 200 whether it is ok or an error, so clients branch on `error.code` alone.
 * HTTP statuses are kept for what never reached a handler: 400 body not JSON, 404 no such method,
 * 405 not POST, 413 body too large.
 *
 * A client that goes away before its answer is sent (a fetch aborted by the UI, a closed tab) aborts
 * the handler's signal: a remote store stops its requests, and nothing is written to the dead socket.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type CallContext, type RunlensHandlers, isMethodName } from '../../common/contract';
import { type ErrorCode, type Result, toApiError } from '../../common/errors';
import { logInternalError, stderrSink, type LogSink } from '../log/errorLog';
import { fromWireJson, toWireJson } from '../../common/wire';
import { forRemoteViewer, isLoopbackViewer, remoteRefusal } from './remoteViewer';

export const MAX_BODY_BYTES = 1024 * 1024;

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Writes a Result envelope (also used for failures that never reached a handler). */
export function sendEnvelope(res: ServerResponse, status: number, result: Result<unknown>): void {
  const body = toWireJson(result);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

export function sendError(
  res: ServerResponse,
  status: number,
  code: ErrorCode,
  message: string,
): void {
  sendEnvelope(res, status, { ok: false, error: { code, message } });
}

export async function handleApi(
  service: RunlensHandlers,
  name: string,
  req: IncomingMessage,
  res: ServerResponse,
  /** Relative store paths resolve here (the service's cwd). */
  cwd: string = process.cwd(),
  /** Where a handler that throws (a bug: handlers answer Results) is logged with its stack. */
  errorLog: LogSink = stderrSink,
): Promise<void> {
  if (!isMethodName(name)) {
    sendError(res, 404, 'INVALID_ARGUMENT', `Unknown API method '${name}'`);
    return;
  }
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    sendError(res, 405, 'INVALID_ARGUMENT', `Use POST for /api/${name}`);
    return;
  }
  let request: unknown;
  try {
    const text = await readBody(req, MAX_BODY_BYTES);
    // An empty body is an empty request, so `curl -X POST …/api/listStores` works.
    request = text.trim() === '' ? {} : fromWireJson(text);
  } catch (err) {
    res.setHeader('Connection', 'close');
    if (err instanceof BodyTooLarge)
      sendError(res, 413, 'INVALID_ARGUMENT', `Request body over ${MAX_BODY_BYTES} bytes`);
    else sendError(res, 400, 'INVALID_ARGUMENT', 'Request body is not JSON');
    return;
  }
  // Viewers on other machines get a narrower service (remoteViewer.ts).
  const remote = !isLoopbackViewer(req);
  const refusal = remote ? remoteRefusal(name, request, cwd) : undefined;
  if (refusal !== undefined) {
    sendEnvelope(res, 200, { ok: false, error: { code: 'INVALID_ARGUMENT', message: refusal } });
    return;
  }
  const handler = service[name] as (request: unknown, ctx: CallContext) => Promise<Result<unknown>>;
  // 'close' on the response fires when the connection ends, answered or not; only the latter is a cancel.
  const gone = new AbortController();
  const onClose = (): void => {
    if (!res.writableFinished) gone.abort();
  };
  res.once('close', onClose);
  let result: Result<unknown>;
  try {
    result = await handler.call(service, request, { signal: gone.signal });
  } catch (err) {
    // Handlers never throw by contract; this keeps one buggy handler from taking the connection down.
    logInternalError(errorLog, `${name} (web host)`, err);
    result = { ok: false, error: toApiError(err) };
  } finally {
    res.off('close', onClose);
  }
  if (gone.signal.aborted || res.destroyed) return;
  if (remote) {
    // The open stores' folders are what to cut (remoteViewer.ts); listStores reads no store.
    const stores = await service.listStores({}, { signal: gone.signal });
    result = forRemoteViewer(result, stores.ok ? stores.value.map((s) => s.location) : []);
  }
  sendEnvelope(res, 200, result);
}

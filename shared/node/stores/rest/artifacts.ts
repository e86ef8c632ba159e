/**
 * Run artifacts over REST: listings from `artifacts/list`, bytes from `/get-artifact` (every server),
 * or from the artifact proxy `/api/2.0/mlflow-artifacts/artifacts/<path>` for runs whose artifact URI
 * is `mlflow-artifacts:` (the server streams those straight from its artifact store).
 *
 * Reads are capped: at most `maxBytes` are kept and the download stops right after, so previewing a
 * 5 GB model file costs a few chunks. The whole size comes from Content-Length; the proxy streams
 * (chunked, no length), so a truncated proxied read asks the parent folder's listing for the size.
 */
import type { IncomingMessage } from 'node:http';
import { StoreError } from '../../../common/errors';
import type { FileInfo } from '../../../common/types';
import type { ArtifactBytes } from '../TrackingStore';
import type { HttpClient } from './HttpClient';
import { collectPages, nextToken } from './paging';

const API = '/api/2.0/mlflow';

/** Rejects paths that could leave the run's artifact root, like the local stores do (no request sent). */
export function checkArtifactPath(path: string): string {
  const clean = path
    .replace(/\\/g, '/')
    .replace(/^\.\/+/, '')
    .replace(/\/+$/, '');
  if (clean.startsWith('/') || /^[a-zA-Z]:/.test(clean) || clean.split('/').includes('..')) {
    throw new StoreError(
      'INVALID_ARGUMENT',
      `Artifact path '${path}' leaves the run's artifact folder`,
    );
  }
  return clean;
}

export async function listArtifacts(
  http: HttpClient,
  runId: string,
  path: string,
  signal?: AbortSignal,
): Promise<FileInfo[]> {
  const dir = checkArtifactPath(path);
  const files = await collectPages(`the artifacts of run ${runId}`, async (pageToken) => {
    const json = await http.json({
      method: 'GET',
      path: `${API}/artifacts/list`,
      query: { run_id: runId, path: dir || undefined, page_token: pageToken },
      signal,
    });
    const items = (Array.isArray(json.files) ? json.files : []).map((f: unknown): FileInfo => {
      const file = (typeof f === 'object' && f !== null ? f : {}) as Record<string, unknown>;
      const info: FileInfo = { path: String(file.path ?? ''), isDir: file.is_dir === true };
      const size = Number(file.file_size);
      if (!info.isDir && file.file_size !== undefined && Number.isFinite(size))
        info.fileSize = size;
      return info;
    });
    return { items, nextPageToken: nextToken(json) };
  });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The path of a `mlflow-artifacts:` URI (`mlflow-artifacts:/5/<run>/artifacts` or with a host), else undefined. */
export function proxiedRoot(artifactUri: string | undefined): string | undefined {
  const match = artifactUri ? /^mlflow-artifacts:(?:\/\/[^/]*)?(\/.*)?$/.exec(artifactUri) : null;
  if (!match) return undefined;
  return (match[1] ?? '').replace(/^\/+|\/+$/g, '');
}

function encodePath(path: string): string {
  return path.split('/').filter(Boolean).map(encodeURIComponent).join('/');
}

export async function readArtifact(
  http: HttpClient,
  runId: string,
  path: string,
  maxBytes: number,
  artifactUri: string | undefined,
  signal?: AbortSignal,
): Promise<ArtifactBytes> {
  const file = checkArtifactPath(path);
  if (!file)
    throw new StoreError(
      'INVALID_ARGUMENT',
      'Give the path of an artifact file, not the artifact root',
    );
  const proxied = proxiedRoot(artifactUri);
  const missing = `Artifact '${file}' of run ${runId} not found on the server`;
  const read = await http.stream(
    proxied === undefined
      ? {
          method: 'GET',
          path: '/get-artifact',
          query: { path: file, run_uuid: runId },
          accept: '*/*',
          // MLflow answers a missing file with a 500 HTML page: an answer, not a server failure to retry.
          missingStatuses: [500],
          missingMessage: missing,
          signal,
        }
      : {
          method: 'GET',
          path: `/api/2.0/mlflow-artifacts/artifacts/${encodePath(`${proxied}/${file}`)}`,
          accept: '*/*',
          missingStatuses: [404, 500],
          missingMessage: missing,
          signal,
        },
    (res) => readCapped(res, maxBytes),
  );
  if (read.size !== undefined) return { bytes: read.bytes, size: read.size };
  const slash = file.lastIndexOf('/');
  const listing = await listArtifacts(http, runId, slash < 0 ? '' : file.slice(0, slash), signal);
  const size = listing.find((f) => f.path === file)?.fileSize;
  // Without a listed size the bytes seen so far are the best lower bound there is.
  return { bytes: read.bytes, size: size ?? read.seen };
}

/** Keeps the first `maxBytes`; `size` is known from Content-Length or from reaching the end. */
async function readCapped(
  res: IncomingMessage,
  maxBytes: number,
): Promise<{ bytes: Uint8Array; size: number | undefined; seen: number }> {
  const declared = Number(res.headers['content-length']);
  const length =
    res.headers['content-length'] !== undefined && Number.isFinite(declared) ? declared : undefined;
  const kept: Buffer[] = [];
  let keptBytes = 0;
  let seen = 0;
  let over = false;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    const room = maxBytes - keptBytes;
    if (room > 0) {
      const part = chunk.subarray(0, room);
      kept.push(part);
      keptBytes += part.length;
    }
    seen += chunk.length;
    if (seen > maxBytes) {
      over = true;
      break;
    }
  }
  const bytes = new Uint8Array(Buffer.concat(kept));
  return { bytes, size: length ?? (over ? undefined : seen), seen };
}

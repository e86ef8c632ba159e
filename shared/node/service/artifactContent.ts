/**
 * Encodes artifact bytes for the contract: text as UTF-8, anything else as base64, so the UI can show
 * logs and JSON directly and still download or render images and binaries.
 */
import type { ArtifactContent } from '../../common/types';
import type { ArtifactBytes } from '../stores/TrackingStore';

/** Default read size of readArtifact: enough for logs and configs, small enough for one IPC message. */
export const DEFAULT_ARTIFACT_MAX_BYTES = 1024 * 1024;

/**
 * UTF-8 text when the bytes decode as valid UTF-8 and hold no NUL (NUL marks binary formats that
 * happen to be valid UTF-8); otherwise undefined. A truncated read may end inside a multi-byte
 * character: streaming mode leaves that partial character out instead of failing the whole decode.
 */
function asText(bytes: Uint8Array, truncated: boolean): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes, {
      stream: truncated,
    });
  } catch {
    return undefined;
  }
}

export function toArtifactContent(path: string, read: ArtifactBytes): ArtifactContent {
  const truncated = read.size > read.bytes.length;
  const text = asText(read.bytes, truncated);
  if (text !== undefined) return { path, size: read.size, truncated, encoding: 'utf8', data: text };
  return {
    path,
    size: read.size,
    truncated,
    encoding: 'base64',
    data: Buffer.from(read.bytes.buffer, read.bytes.byteOffset, read.bytes.byteLength).toString(
      'base64',
    ),
  };
}

/** The bytes of a readArtifact answer (text or base64), and what the preview computes from them. */
import type { ArtifactContent } from '../../../shared/common/types';

export function contentBytes(content: ArtifactContent): Uint8Array<ArrayBuffer> {
  if (content.encoding === 'utf8') return new TextEncoder().encode(content.data);
  const binary = atob(content.data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The text of a readArtifact answer, or null when the host found it binary (base64). */
export function contentText(content: ArtifactContent): string | null {
  return content.encoding === 'utf8' ? content.data : null;
}

/**
 * SHA-256 as lowercase hex, with WebCrypto (in the renderer: no Node, and the digest runs off the main
 * JS thread). Only meaningful for a whole file: callers check `truncated` first.
 */
export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** JSON pretty-printed with 2 spaces, or null when it does not parse (shown as text then). */
export function prettyJson(text: string): string | null {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return null;
  }
}

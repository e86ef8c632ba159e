/**
 * A log sink appending to a file (the desktop app's `logs/runlens.log` in its data folder: Electron has
 * no terminal to read). Entries are rare (INTERNAL errors only), so each is appended synchronously:
 * nothing is lost when the app quits right after. The file is capped: past MAX_BYTES it is renamed to
 * `.1` (replacing the previous one) and a new one started, so a recurring bug cannot fill the disk.
 */
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LogSink } from './errorLog';

const MAX_BYTES = 1024 * 1024;

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

export function fileLogSink(path: string, maxBytes: number = MAX_BYTES): LogSink {
  return (entry) => {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const size = sizeOf(path);
    if (size > 0 && size + Buffer.byteLength(entry) > maxBytes) renameSync(path, `${path}.1`);
    appendFileSync(path, entry, { mode: 0o600 });
  };
}

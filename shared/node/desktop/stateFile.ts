/**
 * Small JSON state files of the desktop app in its user-data folder (recent stores, window bounds).
 * They are conveniences: a missing or damaged file reads as "nothing saved" (never an error shown to
 * the user), and a write goes to a temp file renamed over the old one so a crash leaves no half file.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The parsed JSON of `path`, or undefined when it is missing or not JSON. */
export function readStateFile(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

export function writeStateFile(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(temp, path);
}

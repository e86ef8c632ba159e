/**
 * Test helper: one table of hostile artifact paths (issue 11, part 2 item 2), shared by the tests of every
 * layer that takes an artifact path from outside — the stores (FileStore, SQLite artifact root), the web
 * host's HTTP API and the Electron `app://` handler — so each layer is proven against the same list.
 *
 * The targets are chosen next to the run's artifacts folder (its meta.yaml, one level up) and outside the
 * store (an absolute path), so a path that escaped would read a file that really exists.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface HostilePath {
  /** The artifact path as a caller would send it. */
  path: string;
  /** What it tries. */
  why: string;
}

/** Paths that must be refused with INVALID_ARGUMENT by every layer, whatever the store holds. */
export const HOSTILE_ARTIFACT_PATHS: readonly HostilePath[] = [
  { path: '..', why: 'the run folder itself' },
  { path: '../meta.yaml', why: 'a sibling of the artifacts folder' },
  { path: 'logs/../../meta.yaml', why: 'dot segments after a real folder' },
  { path: '../../../../../../../../etc/passwd', why: 'far up to the system' },
  { path: '/etc/passwd', why: 'an absolute path' },
  { path: '//etc/passwd', why: 'an absolute path with a doubled slash' },
  { path: '\\etc\\passwd', why: 'an absolute Windows-style path' },
  { path: 'C:\\Windows\\win.ini', why: 'a drive-letter path' },
  { path: 'C:/Windows/win.ini', why: 'a drive-letter path with slashes' },
  { path: '..\\..\\meta.yaml', why: 'backslash separators' },
  { path: 'logs\\..\\..\\meta.yaml', why: 'backslashes after a real folder' },
  { path: '..%2Fmeta.yaml', why: 'an encoded slash' },
  { path: '..%2fmeta.yaml', why: 'an encoded slash, lower case' },
  { path: '%2e%2e/meta.yaml', why: 'encoded dots' },
  { path: '%2E%2E%2F%2E%2E%2Fmeta.yaml', why: 'everything encoded' },
  { path: '..%5Cmeta.yaml', why: 'an encoded backslash' },
  { path: '%252e%252e%252fmeta.yaml', why: 'double-encoded dots and slash' },
  { path: '%25252e%25252e/meta.yaml', why: 'triple-encoded dots' },
  { path: '%2Fetc%2Fpasswd', why: 'an encoded absolute path' },
  { path: 'logs/train.log\0.png', why: 'a NUL byte hiding the real extension' },
  { path: '\0', why: 'a lone NUL byte' },
  { path: 'logs/%00/../../meta.yaml', why: 'an encoded NUL and dot segments' },
  { path: 'escape-file', why: 'a symlink to a file outside the store' },
  { path: 'escape-dir', why: 'a symlink to a folder outside the store' },
  { path: 'escape-dir/secret.txt', why: 'a file through a symlinked folder outside the store' },
  { path: 'logs/up', why: 'a symlink to the run folder (..)' },
  { path: 'logs/up/meta.yaml', why: 'a file through a symlink to the run folder' },
];

/** The content of the file outside the store the symlinks point to; no answer may ever contain it. */
export const OUTSIDE_SECRET = 'RUNLENS-OUTSIDE-SECRET-d41d8cd9';

/**
 * Plants the symlinks of the table in a run's artifacts folder (of a temp copy, never a fixture):
 * `escape-file` and `escape-dir` lead to `outsideDir` (made here, holding secret.txt), `logs/up` to the
 * run folder. The artifacts folder must have a `logs` folder (the fixtures' runs do).
 */
export function plantEscapeLinks(artifactsDir: string, outsideDir: string): void {
  mkdirSync(outsideDir, { recursive: true });
  writeFileSync(join(outsideDir, 'secret.txt'), OUTSIDE_SECRET);
  symlinkSync(join(outsideDir, 'secret.txt'), join(artifactsDir, 'escape-file'));
  symlinkSync(outsideDir, join(artifactsDir, 'escape-dir'));
  mkdirSync(join(artifactsDir, 'logs'), { recursive: true });
  symlinkSync('../..', join(artifactsDir, 'logs', 'up'));
}

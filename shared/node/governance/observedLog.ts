/**
 * The observed-history log: each registry state Runlens sees, appended as one JSON line to a file per
 * store in Runlens's own data folder (never in the store), hash-chained — every entry carries the hash
 * of the previous one, so an edited, removed or reordered line is detected by `verifyChain`.
 * Folder: RUNLENS_DATA_DIR, else $XDG_DATA_HOME/runlens, else ~/.local/share/runlens.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { ObservedEntry, RegistrySnapshot } from '../../common/governance/lifecycle';
import { canonicalJson, sha256 } from './report/canonical';

export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  const explicit = env.RUNLENS_DATA_DIR?.trim();
  if (explicit) return explicit;
  const xdg = env.XDG_DATA_HOME?.trim();
  if (xdg && isAbsolute(xdg)) return join(xdg, 'runlens');
  return join(home, '.local', 'share', 'runlens');
}

/** One log per store, named by the hash of its location (a path or URL may hold any character). */
export function logPathFor(dataDir: string, storeLocation: string): string {
  return join(dataDir, 'observed', `${sha256(storeLocation).slice(0, 32)}.jsonl`);
}

function entryHash(e: Omit<ObservedEntry, 'hash'>): string {
  return sha256(
    canonicalJson({ seq: e.seq, observedAt: e.observedAt, state: e.state, prev: e.prev }),
  );
}

export function readLog(path: string): ObservedEntry[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as ObservedEntry);
}

export interface ChainStatus {
  ok: boolean;
  entries: number;
  /** seq of the first entry whose hash or link is wrong. */
  brokenAt: number | null;
}

export function verifyChain(entries: readonly ObservedEntry[]): ChainStatus {
  let prev = '';
  for (const [i, e] of entries.entries()) {
    if (e.seq !== i || e.prev !== prev || entryHash(e) !== e.hash)
      return { ok: false, entries: entries.length, brokenAt: i };
    prev = e.hash;
  }
  return { ok: true, entries: entries.length, brokenAt: null };
}

/** Appends `state` when it differs from the last entry; returns the log. Refuses a broken chain. */
export function recordObservation(
  path: string,
  state: RegistrySnapshot,
  now: Date,
): ObservedEntry[] {
  const entries = readLog(path);
  const chain = verifyChain(entries);
  if (!chain.ok) return entries; // never extend a tampered log: the break stays visible
  const last = entries[entries.length - 1];
  if (last && canonicalJson(last.state) === canonicalJson(state)) return entries;
  const base = {
    seq: entries.length,
    observedAt: now.toISOString(),
    state,
    prev: last?.hash ?? '',
  };
  const entry: ObservedEntry = { ...base, hash: entryHash(base) };
  mkdirSync(join(path, '..'), { recursive: true });
  appendFileSync(path, `${JSON.stringify(entry)}\n`);
  return [...entries, entry];
}

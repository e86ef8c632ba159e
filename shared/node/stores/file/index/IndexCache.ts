/**
 * The persistent index cache: one SQLite file per store root in the app's cache folder (never inside the
 * store), holding each run folder's summary with the fingerprint it was read at (fingerprint.ts).
 *
 * Trust rules: a row is used only when its run's fingerprint still matches; a file that is not a SQLite
 * database, or was written for another schema version or another root, is deleted and rebuilt; a cache
 * folder that cannot be written means no cache (every run is read from the store, still correct) and one
 * warning. Several Runlens processes may share a cache: WAL mode, a busy timeout, and IMMEDIATE
 * transactions (one per slice of a write); a row is (fingerprint, summary) written together, so the worst
 * a race or an exit halfway through a write does is leave an older but self-consistent row, which its
 * fingerprint then rejects, or no row (that run is read again).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { openCacheDb, type CacheDb } from './cacheDb';
import type { Fingerprint } from './fingerprint';

/**
 * Bump when the summary shape, the fingerprint rules, what a reader puts in a summary or the tables
 * change. 2: a run is listed under its folder name, and steps outside int64 are bad lines. 3: a
 * fingerprint hashes its stats as doubles, not as text. The files of earlier versions are removed.
 */
export const SCHEMA_VERSION = 3;

export interface CacheRow extends Fingerprint {
  /** encodeSummary() text. */
  summary: string;
  /** Run folder relative to the root, '/'-separated (`<exp>/<run>`, `.trash/<exp>/<run>`). */
  dir: string;
}

/** One cached run folder as loadRows() gives it. */
export type CachedRun = Omit<CacheRow, 'dir'>;

/**
 * A row to write, its summary text made only as it is written: made all at once for a first index
 * of 100,000 runs, those texts were ~120 MB at the peak of the open (issue 11).
 */
export type CacheUpsert = Omit<CacheRow, 'summary'> & { summary: () => string };

export type CacheWarning = (path: string, message: string) => void;

class StaleCache extends Error {}

function sqliteCode(err: unknown): string {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : '';
}

function describe(err: unknown): string {
  return err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err);
}

/** Errors that mean the file itself is bad: delete it and start again. */
function isBadFile(err: unknown): boolean {
  const code = sqliteCode(err);
  return (
    err instanceof StaleCache ||
    code.startsWith('SQLITE_NOTADB') ||
    code.startsWith('SQLITE_CORRUPT') ||
    /not a database|malformed/i.test(describe(err))
  );
}

function removeDbFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
}

/** How long one slice of a write may hold the event loop, and the rows written between looks at the clock. */
const WRITE_SLICE_MS = 15;
const ROWS_PER_CLOCK_CHECK = 256;

/** The cache file of one store root, in the format of `version`. */
export function cacheFileOf(cacheDir: string, root: string, version = SCHEMA_VERSION): string {
  const hash = createHash('sha256').update(root).digest('hex').slice(0, 20);
  return join(cacheDir, `filestore-v${version}-${hash}.db`);
}

/** Removes the root's cache files of earlier versions: nothing reads them any more. */
function removeEarlierVersions(cacheDir: string, root: string): void {
  for (let version = 1; version < SCHEMA_VERSION; version++) {
    try {
      removeDbFiles(cacheFileOf(cacheDir, root, version));
    } catch {
      // Left for another launch: a file that cannot go now costs only its space.
    }
  }
}

function rollback(db: CacheDb): void {
  try {
    db.exec('ROLLBACK');
  } catch {
    // No transaction left to roll back (SQLite ended it with the error).
  }
}

/** Sets the file up for `root`; true when it was new (or held another root). */
function prepare(db: CacheDb, root: string): boolean {
  db.exec('PRAGMA busy_timeout = 5000');
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = NORMAL');
  // SQLite's own default (2 MB of pages), not better-sqlite3's 16 MB: the cache is read in key order
  // and written once a listing, and writing 100,000 rows filled all 16 MB (issue 11: peak RSS).
  db.exec('PRAGMA cache_size = -2000');
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    db.exec(
      'CREATE TABLE IF NOT EXISTS runs (dir TEXT PRIMARY KEY, paths TEXT NOT NULL, hash TEXT NOT NULL, summary TEXT NOT NULL) WITHOUT ROWID',
    );
    const meta = new Map(
      (db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map(
        (r) => [r.key, r.value],
      ),
    );
    const schema = meta.get('schema');
    if (schema !== undefined && schema !== String(SCHEMA_VERSION))
      throw new StaleCache(`schema version ${schema}, not ${SCHEMA_VERSION}`);
    if (schema === undefined)
      db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(
        'schema',
        String(SCHEMA_VERSION),
      );
    // Another root (the file was copied, or two roots' hashes met): nothing in it describes this store.
    const created = meta.get('root') !== root;
    if (created) {
      db.exec('DELETE FROM runs');
      db.exec("DELETE FROM meta WHERE key = 'pruned'");
      db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run('root', root);
    }
    db.exec('COMMIT');
    return created;
  } catch (err) {
    rollback(db);
    throw err;
  }
}

export class IndexCache {
  /** The last write asked for, until it is done (see `write`). */
  private pending: Promise<void> | null = null;
  /** Writes begun and not finished (a write done in one slice finishes before `write` returns). */
  private unfinished = 0;

  private constructor(
    private db: CacheDb | null,
    readonly path: string,
    private readonly warn: CacheWarning,
  ) {}

  /** Opens (creating or rebuilding) the cache of `root`; null, with a warning, when there can be none. */
  static open(cacheDir: string, root: string, warn: CacheWarning): IndexCache | null {
    const path = cacheFileOf(cacheDir, root);
    const disabled = (err: unknown): null => {
      warn(
        path,
        `Index cache not used (runs are read from the store each time the app opens it): ${describe(err)}`,
      );
      return null;
    };
    try {
      mkdirSync(cacheDir, { recursive: true });
    } catch (err) {
      return disabled(err);
    }
    for (let attempt = 0; ; attempt++) {
      let db: CacheDb | undefined;
      try {
        db = openCacheDb(path);
        const created = prepare(db, root);
        if (created) removeEarlierVersions(cacheDir, root);
        return new IndexCache(db, path, warn);
      } catch (err) {
        db?.close();
        if (attempt > 0 || !isBadFile(err)) return disabled(err);
        try {
          removeDbFiles(path);
        } catch (rmErr) {
          return disabled(rmErr);
        }
      }
    }
  }

  get enabled(): boolean {
    return this.db !== null;
  }

  /**
   * The cached runs of one experiment folder (relative to the root): fingerprint and summary text by run
   * folder, in one pass over its rows (the two were read in two queries, each a scan of every row).
   */
  loadRows(experimentRel: string): Map<string, CachedRun> {
    const out = new Map<string, CachedRun>();
    for (const { dir, paths, hash, summary } of this.rows(
      'dir, paths, hash, summary',
      experimentRel,
    )) {
      if (
        typeof dir === 'string' &&
        typeof paths === 'string' &&
        typeof hash === 'string' &&
        typeof summary === 'string'
      )
        out.set(dir, { paths, hash, summary });
    }
    return out;
  }

  /** How many runs of one experiment folder are cached (a key-range count: no summary is read). */
  countRows(experimentRel: string): number {
    const n = this.rows('count(*) AS n', experimentRel)[0]?.['n'];
    return typeof n === 'number' ? n : 0;
  }

  private rows(columns: string, experimentRel: string): Record<string, unknown>[] {
    const db = this.db;
    if (!db) return [];
    try {
      // '/' + 1 = '0': the key range of every `<experimentRel>/…` and nothing else.
      return db
        .prepare(`SELECT ${columns} FROM runs WHERE dir > ? AND dir < ?`)
        .all(`${experimentRel}/`, `${experimentRel}0`) as Record<string, unknown>[];
    } catch (err) {
      this.fail(err);
      return [];
    }
  }

  /**
   * Writes changed rows and removes gone ones. `keepExperiments`, when given, is every experiment folder
   * of the store: rows of any other folder (a deleted or moved experiment) go too, unless the folders
   * are those of the last time this was done (see `foldersChanged`).
   *
   * Written in slices of about WRITE_SLICE_MS, each its own transaction, with the event loop let in
   * between: encoding and writing a first index's rows cost ~40 µs a run, so 100,000 runs held every
   * request (of any store) for ~4 s when written at once. A write of fewer rows than
   * ROWS_PER_CLOCK_CHECK is one transaction, done before `write` returns; later writes wait for earlier
   * ones, so rows land in the order they were asked for. The caller does not wait: an answer never waits
   * for its cache. `flushed()` and `close()` do.
   */
  write(
    upserts: readonly CacheUpsert[],
    removals: readonly string[],
    keepExperiments?: ReadonlySet<string>,
  ): void {
    const prune =
      keepExperiments && this.foldersChanged(keepExperiments) ? keepExperiments : undefined;
    if (!this.db || (upserts.length === 0 && removals.length === 0 && !prune)) return;
    const run = (): Promise<void> => this.writeSlices(upserts, removals, prune);
    if (this.unfinished > 0) {
      this.track((this.pending ?? Promise.resolve()).then(run));
      return;
    }
    // The first slice runs now (an async function runs up to its first await): often the whole write.
    const done = run();
    if (this.unfinished > 0) this.track(done);
  }

  /**
   * Whether `folders` differ from those the cache was last pruned to. Finding the rows of other folders
   * computes every row's folder (~18 ms for 10,000 rows, in a write transaction), and each process
   * did it on its first listing: every `runlens runs`. Rows of a folder that is gone are only dead
   * weight (a run is never taken from the cache without its fingerprint matching the disk). They come
   * when the store's folders change, which changes this set; those another process writes after this
   * one pruned (it was still indexing a folder that went) wait for the next change.
   */
  private foldersChanged(folders: ReadonlySet<string>): boolean {
    try {
      const row = this.db?.prepare("SELECT value FROM meta WHERE key = 'pruned'").get() as
        { value: string } | undefined;
      return row?.value !== foldersKey(folders);
    } catch {
      return true;
    }
  }

  private track(done: Promise<void>): void {
    const tail: Promise<void> = done.then(() => {
      if (this.pending === tail) this.pending = null;
    });
    this.pending = tail;
  }

  /** Resolves once every write asked for so far is in the file (or given up). */
  flushed(): Promise<void> {
    return this.pending ?? Promise.resolve();
  }

  /** Finishes the writes asked for, then closes the file. */
  async close(): Promise<void> {
    await this.flushed();
    this.closeDb();
  }

  private async writeSlices(
    upserts: readonly CacheUpsert[],
    removals: readonly string[],
    keepExperiments: ReadonlySet<string> | undefined,
  ): Promise<void> {
    this.unfinished++;
    // Until the first await this runs synchronously, `finally` included: a write done in one slice is
    // finished (and counted so) when `write` returns.
    try {
      for (let next = 0; ;) {
        const from = next;
        const written = this.transaction((db) =>
          writeSlice(db, upserts, from, removals, keepExperiments),
        );
        if (written === undefined || written >= upserts.length) return;
        next = written;
        await yieldToEventLoop();
      }
    } finally {
      this.unfinished--;
    }
  }

  /** Runs `body` in one IMMEDIATE transaction; undefined when it could not (warned or failed). */
  private transaction<T>(body: (db: CacheDb) => T): T | undefined {
    const db = this.db;
    if (!db) return undefined;
    try {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = body(db);
        db.exec('COMMIT');
        return result;
      } catch (err) {
        rollback(db);
        throw err;
      }
    } catch (err) {
      // Busy for 5 s (another process writing a lot): skip this write; the runs are read again next time.
      if (sqliteCode(err).startsWith('SQLITE_BUSY'))
        this.warn(this.path, `Index cache not updated this time: ${describe(err)}`);
      else this.fail(err);
      return undefined;
    }
  }

  private closeDb(): void {
    this.db?.close();
    this.db = null;
  }

  /** Stops using the cache for this session; a damaged file is deleted so the next open rebuilds it. */
  private fail(err: unknown): void {
    this.closeDb();
    if (isBadFile(err)) {
      try {
        removeDbFiles(this.path);
      } catch {
        // Left for the next open, which checks it again.
      }
    }
    this.warn(this.path, `Index cache not used from now on: ${describe(err)}`);
  }
}

/**
 * One slice of a write: upserts from `from` until WRITE_SLICE_MS have passed; the last slice also
 * removes what is gone. Returns the index of the first upsert not written.
 */
function writeSlice(
  db: CacheDb,
  upserts: readonly CacheUpsert[],
  from: number,
  removals: readonly string[],
  keepExperiments: ReadonlySet<string> | undefined,
): number {
  const upsert = db.prepare(
    'INSERT OR REPLACE INTO runs (dir, paths, hash, summary) VALUES (?, ?, ?, ?)',
  );
  const started = performance.now();
  let i = from;
  while (i < upserts.length) {
    const row = upserts[i++] as CacheUpsert;
    upsert.run(row.dir, row.paths, row.hash, row.summary());
    if ((i - from) % ROWS_PER_CLOCK_CHECK === 0 && performance.now() - started >= WRITE_SLICE_MS)
      return i;
  }
  const remove = db.prepare('DELETE FROM runs WHERE dir = ?');
  for (const dir of removals) remove.run(dir);
  if (keepExperiments) {
    // Rows whose experiment folder (the dir up to its last '/') is not kept; SQLite picks them rather
    // than every row of the store (100,000) coming into JS to be looked at.
    const gone = db
      .prepare(
        "SELECT dir FROM runs WHERE rtrim(dir, replace(dir, '/', '')) NOT IN (SELECT value || '/' FROM json_each(?))",
      )
      .all(JSON.stringify([...keepExperiments])) as { dir: string }[];
    for (const { dir } of gone) remove.run(dir);
    db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('pruned', ?)").run(
      foldersKey(keepExperiments),
    );
  }
  return i;
}

/** The set of folders a cache was pruned to, as its meta row keeps it: sorted, so order does not count. */
function foldersKey(folders: ReadonlySet<string>): string {
  return JSON.stringify([...folders].sort());
}

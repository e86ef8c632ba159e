/**
 * Histories the index keeps for the charts that follow (recentHistories.ts): used only while the file
 * has the stat it was read with, never for a file written within RACY_MS, bounded in memory; and a
 * FileStore that keeps them answers every chart series exactly as one that reads the file again.
 */
import { appendFileSync, statSync, utimesSync, writeFileSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import {
  experimentMeta,
  makeTempDir,
  removeDir,
  runMeta,
  writeTree,
} from '../../../../test/support/fileStoreTrees';
import { FileStore } from './FileStore';
import { RACY_MS } from './index/fingerprint';
import { parseMetricColumns } from './metricColumns';
import { MIN_POINTS, RecentHistories } from './recentHistories';

const HOUR = 3_600_000;
const NOW = 1_800_000_000_000;

function history(points: number, from = 0): string {
  const lines: string[] = [];
  for (let i = from; i < from + points; i++) lines.push(`${1717200000000 + i} ${Math.sin(i)} ${i}`);
  return `${lines.join('\n')}\n`;
}

function fakeStats(size: number, mtimeMs = NOW - HOUR, ino = 7): Stats {
  return { size, mtimeMs, ctimeMs: mtimeMs, ino } as Stats;
}

describe('RecentHistories', () => {
  const bytes = Buffer.from(history(MIN_POINTS));
  const parsed = parseMetricColumns(bytes, 'k');

  it('gives back a history while the file has the stat it was read with', () => {
    const kept = new RecentHistories(64 << 20, () => NOW);
    const stats = fakeStats(bytes.length);
    expect(kept.wants(bytes.length, stats)).toBe(true);
    kept.keep('/m/k', stats, parsed);
    expect(kept.find('/m/k', fakeStats(bytes.length))).toBe(parsed);
    // Appended to (size), rewritten (mtime) or replaced (inode): read again, and forgotten.
    expect(kept.find('/m/k', fakeStats(bytes.length + 1))).toBeUndefined();
    expect(kept.find('/m/k', fakeStats(bytes.length))).toBeUndefined();
    kept.keep('/m/k', stats, parsed);
    expect(kept.find('/m/k', fakeStats(bytes.length, NOW - HOUR + 1))).toBeUndefined();
    kept.keep('/m/k', stats, parsed);
    expect(kept.find('/m/k', fakeStats(bytes.length, NOW - HOUR, 8))).toBeUndefined();
    expect(kept.heldBytes).toBe(0);
  });

  it('keeps nothing written within RACY_MS, nothing short, nothing over its budget', () => {
    const kept = new RecentHistories(64 << 20, () => NOW);
    const racy = fakeStats(bytes.length, NOW - RACY_MS + 1);
    expect(kept.wants(bytes.length, racy)).toBe(false);
    kept.keep('/racy', racy, parsed);
    const short = parseMetricColumns(Buffer.from(history(MIN_POINTS - 1)), 'k');
    kept.keep('/short', fakeStats(bytes.length), short);
    expect(kept.find('/racy', racy)).toBeUndefined();
    expect(kept.find('/short', fakeStats(bytes.length))).toBeUndefined();
    const tiny = new RecentHistories(1000, () => NOW);
    tiny.keep('/big', fakeStats(bytes.length), parsed);
    expect(tiny.heldBytes).toBe(0);
  });

  it('drops the least recently used history to stay within its budget', () => {
    const one = parsed.cols.step.length * 24;
    const kept = new RecentHistories(2 * one, () => NOW);
    const stats = fakeStats(bytes.length);
    kept.keep('/a', stats, parsed);
    kept.keep('/b', stats, parsed);
    expect(kept.find('/a', stats)).toBe(parsed); // /b is now the least recently used
    kept.keep('/c', stats, parsed);
    expect(kept.heldBytes).toBe(2 * one);
    expect(kept.find('/b', stats)).toBeUndefined();
    expect(kept.find('/a', stats)).toBe(parsed);
    expect(kept.find('/c', stats)).toBe(parsed);
  });
});

describe('FileStore keeping histories', () => {
  const root = makeTempDir();
  afterAll(() => removeDir(root));
  afterEach(() => vi.restoreAllMocks());
  const runId = 'c'.repeat(32);
  const metrics = join(root, '1', runId, 'metrics');
  // Unsorted steps, a NaN, an inf and garbage lines: the kept columns must give the same answer.
  const long = `${history(3000, 2000)}1717200000000 nan 17\n1717200000001 inf 18\ngarbage\n${history(2000)}`;
  writeTree(root, {
    '1/meta.yaml': experimentMeta('1', 'e'),
    [`1/${runId}/meta.yaml`]: runMeta(runId, '1'),
    [`1/${runId}/metrics/long`]: long,
    [`1/${runId}/metrics/short`]: history(10),
    [`1/${runId}/metrics/fresh`]: history(3000),
  });
  const past = (Date.now() - HOUR) / 1000;
  for (const key of ['long', 'short']) utimesSync(join(metrics, key), past, past);
  const requests = [
    { buckets: 50 },
    { buckets: 5000 },
    { buckets: 20, minStep: 100, maxStep: 900 },
  ];

  async function answers(store: FileStore, key: string): Promise<unknown[]> {
    const out: unknown[] = [];
    for (const req of requests) out.push(await store.getMetricSeries(runId, key, req));
    return out;
  }

  it('answers every series as a store that reads the file again, from the kept history', async () => {
    const find = vi.spyOn(RecentHistories.prototype, 'find');
    const kept = new FileStore(root, { cacheDir: null, keepHistories: true });
    const plain = new FileStore(root, { cacheDir: null });
    try {
      await kept.listRuns(['1']);
      for (const key of ['long', 'short', 'fresh']) {
        find.mockClear();
        expect(await answers(kept, key)).toEqual(await answers(plain, key));
        const used = find.mock.results.some((r) => r.value !== undefined);
        // Only the long history logged over RACY_MS ago was kept.
        expect(used, key).toBe(key === 'long');
      }
      expect(kept.problems()).toEqual(plain.problems());
      expect(kept.problems().map((p) => p.message)).toEqual([
        expect.stringContaining('Skipped unreadable line 3003 of metric file'),
      ]);
    } finally {
      await kept.close();
      await plain.close();
    }
  });

  it('reads a kept history again once it changed (a point appended)', async () => {
    const kept = new FileStore(root, { cacheDir: null, keepHistories: true });
    const plain = new FileStore(root, { cacheDir: null });
    try {
      await kept.listRuns(['1']);
      const before = await kept.getMetricSeries(runId, 'long', { buckets: 50 });
      appendFileSync(join(metrics, 'long'), '1717200009999 123 99999\n');
      const after = await kept.getMetricSeries(runId, 'long', { buckets: 50 });
      expect(after.totalPoints).toBe(before.totalPoints + 1);
      expect(after.points.some((p) => p.value === 123)).toBe(true);
      expect(await answers(kept, 'long')).toEqual(await answers(plain, 'long'));
    } finally {
      await kept.close();
      await plain.close();
      writeFileSync(join(metrics, 'long'), long);
      utimesSync(join(metrics, 'long'), past, past);
    }
  });

  it('is off unless asked for (a one-shot CLI command keeps nothing)', async () => {
    const keep = vi.spyOn(RecentHistories.prototype, 'keep');
    const store = new FileStore(root, { cacheDir: null });
    try {
      await store.listRuns(['1']);
      await store.getMetricSeries(runId, 'long', { buckets: 50 });
      expect(keep).not.toHaveBeenCalled();
      expect(statSync(join(metrics, 'long')).size).toBe(Buffer.byteLength(long));
    } finally {
      await store.close();
    }
  });
});

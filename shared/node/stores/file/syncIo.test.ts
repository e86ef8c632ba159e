/**
 * SyncReader.readWith / readText: each read hands over exactly the file's bytes (a larger file first
 * grows the reused buffer, a smaller one after it sees none of the earlier bytes), and every read file
 * is recorded with its stat.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SyncReader } from './syncIo';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'syncio-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('SyncReader', () => {
  it('hands over exactly each file, large then small, and records each', () => {
    const big = join(dir, 'big');
    const small = join(dir, 'small');
    const bigText = `${'0123456789'.repeat(30_000)}é`;
    writeFileSync(big, bigText);
    writeFileSync(small, 'ab\n');
    const recorded: string[] = [];
    const reader = new SyncReader((path, stats) => recorded.push(`${path}:${stats?.size}`));
    expect(reader.readWith(big, (b) => b.length)).toBe(Buffer.byteLength(bigText));
    expect(reader.readWith(small, (b) => b.toString('latin1'))).toBe('ab\n');
    expect(reader.readText(big)).toBe(bigText);
    expect(reader.readText(small)).toBe('ab\n');
    expect(recorded).toEqual([
      `${big}:${Buffer.byteLength(bigText)}`,
      `${small}:3`,
      `${big}:${Buffer.byteLength(bigText)}`,
      `${small}:3`,
    ]);
  });
});

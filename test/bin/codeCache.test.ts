/**
 * bin/codeCache.js: the CLI bundle runs as a CommonJS module whatever happens to its code cache, and a
 * cache is used only for the exact text it was made from.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadWithCodeCache } from '../../bin/codeCache.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A bundle that uses what a CommonJS module is given, with a function worth caching. */
function bundle(answer: number): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'runlens-codecache-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'helper.cjs'), 'module.exports = { twice: (n) => 2 * n };\n');
  const file = join(dir, 'cli.cjs');
  writeFileSync(
    file,
    [
      "'use strict';",
      "const { twice } = require('./helper.cjs');",
      `function answer() { return twice(${answer}); }`,
      'module.exports = { answer, file: __filename, dir: __dirname, same: module.exports === exports };',
    ].join('\n'),
  );
  return { dir, file };
}

const caches = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.v8cache'));

const LOADER = fileURLToPath(new URL('../../bin/codeCache.js', import.meta.url));

/**
 * One load as a `runlens` command does it, in a process of its own: within one process V8 keeps what
 * it compiled and would not even look at a cache file for the same text again.
 */
function loadInChild(file: string): { cacheUsed: boolean; answer: number; saved: boolean } {
  const script = [
    `import { loadWithCodeCache } from ${JSON.stringify(pathToFileURL(LOADER).href)};`,
    `const loaded = loadWithCodeCache(${JSON.stringify(file)}, 'runs');`,
    'const answer = loaded.exports.answer();',
    'const saved = loaded.saveCache();',
    'console.log(JSON.stringify({ cacheUsed: loaded.cacheUsed, answer, saved }));',
  ].join('\n');
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  return JSON.parse(out) as { cacheUsed: boolean; answer: number; saved: boolean };
}

describe('loadWithCodeCache', () => {
  it('runs the module as Node would (require, __filename, __dirname, exports)', () => {
    const { dir, file } = bundle(21);
    const loaded = loadWithCodeCache(file);
    expect(loaded.exports).toEqual({ answer: expect.any(Function), file, dir, same: true });
    expect((loaded.exports['answer'] as () => number)()).toBe(42);
  });

  it('keeps a cache after the first command, and the next command compiles from it', () => {
    const { dir, file } = bundle(21);
    expect(loadInChild(file)).toEqual({ cacheUsed: false, answer: 42, saved: true });
    expect(caches(dir)).toEqual([
      expect.stringMatching(/^\.cli\.cjs\.[0-9a-f]{16}\.runs\.v8cache$/),
    ]);
    expect(loadInChild(file)).toEqual({ cacheUsed: true, answer: 42, saved: false });
    // Another command has a cache of its own, beside it.
    const serve = loadWithCodeCache(file, 'serve');
    expect(serve.cacheUsed).toBe(false);
    expect(serve.saveCache()).toBe(true);
    expect(serve.saveCache()).toBe(false);
    expect(caches(dir)).toHaveLength(2);
  });

  it('never uses the cache of another text of the same length, and replaces it', () => {
    const { dir, file } = bundle(21);
    loadInChild(file);
    const [before] = caches(dir);
    // 12 for 21: a rebuilt bundle of exactly the same length, which V8 alone would not tell apart.
    writeFileSync(file, bundleText(file).replace('twice(21)', 'twice(12)'));
    expect(loadInChild(file)).toEqual({ cacheUsed: false, answer: 24, saved: true });
    expect(caches(dir)).toHaveLength(1);
    expect(caches(dir)).not.toContain(before);
    expect(() => loadWithCodeCache(file, '../x')).toThrow('not a code cache variant');
  });

  it('compiles without the cache when V8 rejects it, and writes it anew', () => {
    const { dir, file } = bundle(5);
    loadInChild(file);
    const [name] = caches(dir);
    writeFileSync(join(dir, name as string), 'not a code cache');
    expect(loadInChild(file)).toEqual({ cacheUsed: false, answer: 10, saved: true });
    expect(loadInChild(file)).toEqual({ cacheUsed: true, answer: 10, saved: false });
  });

  it('runs on when the cache cannot be written, and leaves no temporary file', () => {
    const { dir, file } = bundle(3);
    const loaded = loadWithCodeCache(file);
    // Where the cache would go stands a folder (a read-only install fails the same way, but not as root).
    const target = join(dir, `.cli.cjs.${cacheKey(file)}.default.v8cache`);
    mkdirSync(join(target, 'inside'), { recursive: true });
    expect(loaded.saveCache()).toBe(false);
    expect((loaded.exports['answer'] as () => number)()).toBe(6);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(join(target, 'inside'))).toBe(true);
  });
});

function bundleText(file: string): string {
  return readFileSync(file, 'utf8');
}

function cacheKey(file: string): string {
  return createHash('sha256').update(bundleText(file)).digest('hex').slice(0, 16);
}

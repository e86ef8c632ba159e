import { describe, expect, it } from 'vitest';
import type { FileInfo } from '../../../shared/common/types';
import { ancestorsOf, pageOf, parentOf, sortEntries, TREE_PAGE } from './artifactTree';
import { parseDelimited } from './delimited';
import {
  formatBytes,
  looksBinary,
  PREVIEW_CAPS,
  previewKindOf,
  previewPlan,
  READ_LIMIT,
  TEXT_FIRST_BYTES,
} from './previewKind';

describe('previewKindOf', () => {
  it('knows MLflow files and common extensions', () => {
    expect(previewKindOf('model/MLmodel')).toBe('yaml');
    expect(previewKindOf('model/conda.yaml')).toBe('yaml');
    expect(previewKindOf('logs/train.log')).toBe('text');
    expect(previewKindOf('config/params.json')).toBe('json');
    expect(previewKindOf('reports/eval/confusion.csv')).toBe('csv');
    expect(previewKindOf('plots/loss_curve.PNG')).toBe('image');
    expect(previewKindOf('fig.svg')).toBe('svg');
    expect(previewKindOf('reports/summary.md')).toBe('markdown');
    expect(previewKindOf('report.html')).toBe('html');
    expect(previewKindOf('reports/eval/weights.bin')).toBe('binary');
    expect(previewKindOf('model/model.pkl')).toBe('binary');
    expect(previewKindOf('.hidden')).toBe('binary');
  });
  it('detects binary content', () => {
    expect(looksBinary('hello\nworld')).toBe(false);
    expect(looksBinary('ab\u0000cd')).toBe(true);
    expect(looksBinary('\ufffd\ufffd\ufffdabc')).toBe(true);
  });
  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(1024 ** 3)).toBe('1.00 GiB');
  });
});

describe('previewPlan: the preview caps and "Open anyway"', () => {
  const MiB = 1024 ** 2;
  it('reads a file at or under its cap whole, at once', () => {
    expect(previewPlan('markdown', PREVIEW_CAPS.markdown, false, TEXT_FIRST_BYTES)).toEqual({
      read: true,
      maxBytes: PREVIEW_CAPS.markdown,
    });
    expect(previewPlan('json', 10, false, TEXT_FIRST_BYTES)).toEqual({ read: true, maxBytes: 10 });
    // An empty file still asks for one byte (maxBytes ≥ 1); an unknown size asks for the host's limit.
    expect(previewPlan('yaml', 0, false, TEXT_FIRST_BYTES)).toEqual({ read: true, maxBytes: 1 });
    expect(previewPlan('image', undefined, false, TEXT_FIRST_BYTES)).toEqual({
      read: true,
      maxBytes: READ_LIMIT,
    });
  });
  it('asks first above the cap, and "Open anyway" reads the whole file', () => {
    const size = PREVIEW_CAPS.markdown + 1;
    expect(previewPlan('markdown', size, false, TEXT_FIRST_BYTES)).toEqual({
      read: false,
      canOpenAnyway: true,
    });
    expect(previewPlan('markdown', size, true, TEXT_FIRST_BYTES)).toEqual({
      read: true,
      maxBytes: size,
    });
    expect(previewPlan('image', 30 * MiB, true, TEXT_FIRST_BYTES)).toEqual({
      read: true,
      maxBytes: 30 * MiB,
    });
  });
  it('offers no "Open anyway" for a file one read cannot hold, nor for a large binary', () => {
    for (const kind of ['image', 'json', 'html'] as const) {
      expect(previewPlan(kind, READ_LIMIT + 1, false, TEXT_FIRST_BYTES)).toEqual({
        read: false,
        canOpenAnyway: false,
      });
      // Even if forced, nothing is read.
      expect(previewPlan(kind, READ_LIMIT + 1, true, TEXT_FIRST_BYTES).read).toBe(false);
    }
    expect(previewPlan('binary', 65 * MiB, false, TEXT_FIRST_BYTES)).toEqual({
      read: false,
      canOpenAnyway: false,
    });
    expect(previewPlan('binary', 64 * MiB, false, TEXT_FIRST_BYTES)).toEqual({
      read: true,
      maxBytes: 64 * MiB,
    });
  });
  it('text, CSV and TSV are never capped: they read the current chunk, whatever the size', () => {
    for (const kind of ['text', 'csv', 'tsv'] as const) {
      expect(previewPlan(kind, 1024 ** 4, false, TEXT_FIRST_BYTES)).toEqual({
        read: true,
        maxBytes: TEXT_FIRST_BYTES,
      });
      expect(previewPlan(kind, 1024 ** 4, false, 3 * MiB)).toEqual({
        read: true,
        maxBytes: 3 * MiB,
      });
    }
  });
});

describe('parseDelimited', () => {
  it('handles quotes, escaped quotes, separators and newlines in fields', () => {
    const t = parseDelimited('a,b\n"x,1","say ""hi""\nthere"\r\n3,4\n', ',', 100, false);
    expect(t.rows).toEqual([
      ['a', 'b'],
      ['x,1', 'say "hi"\nthere'],
      ['3', '4'],
    ]);
    expect(t.more).toBe(false);
  });
  it('keeps a last line without newline, drops it when the read was truncated', () => {
    expect(parseDelimited('a\tb\n1\t2', '\t', 10, false).rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    const cut = parseDelimited('a,b\n1,2\n3,', ',', 10, true);
    expect(cut.rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(cut.more).toBe(true);
  });
  it('stops at maxRows and says there is more', () => {
    const t = parseDelimited('1\n2\n3\n4\n', ',', 2, false);
    expect(t.rows).toEqual([['1'], ['2']]);
    expect(t.more).toBe(true);
  });
});

describe('artifact tree', () => {
  const f = (path: string, isDir = false): FileInfo => ({ path, isDir });
  it('opens the ancestors of a selected path', () => {
    expect(ancestorsOf('a/b/c.txt')).toEqual(['a', 'a/b']);
    expect(ancestorsOf('file.txt')).toEqual([]);
    expect(parentOf('a/b/c.txt')).toBe('a/b');
    expect(parentOf('c.txt')).toBe('');
  });
  it('sorts folders first and pages large folders', () => {
    expect(sortEntries([f('b.txt'), f('z', true), f('a.txt')]).map((e) => e.path)).toEqual([
      'z',
      'a.txt',
      'b.txt',
    ]);
    const many = Array.from({ length: TREE_PAGE * 2 + 5 }, (_, i) => f(`f${i}`));
    expect(pageOf(many, 1).shown).toHaveLength(TREE_PAGE);
    expect(pageOf(many, 1).hidden).toBe(TREE_PAGE + 5);
    expect(pageOf(many, 3).hidden).toBe(0);
  });
});

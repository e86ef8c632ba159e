import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { run } from '../../../test/support/MemoryStore';
import { csvField, runsCsv } from './csv';
import { mlflowJsonText, printMlflowJson } from './jsonOutput';
import type { CliIo } from './io';
import { allPages, RUNS_PAGE_SIZE } from './storeSession';
import { neutraliseControls } from './terminalSafe';
import { commonKeys, displayWidth, formatMetric, formatTable, truncate } from './table';

describe('table', () => {
  it('formats more rows than a spread call takes as arguments (300,000 runs)', () => {
    const rows = Array.from({ length: 300_000 }, (_, i) => [`run-${i}`]);
    const text = formatTable(['name'], rows);
    expect(text.split('\n')[0]).toBe('name');
    expect(text).toContain('run-299999');
  });
  it('aligns columns, wide characters included, without trailing spaces', () => {
    expect(
      formatTable(
        ['ID', 'NAME', 'X'],
        [
          ['1', 'llm-eval ✨', ''],
          ['22', 'b', 'y'],
        ],
      ),
    ).toBe('ID  NAME         X\n1   llm-eval ✨\n22  b            y\n');
    expect(displayWidth('✨a')).toBe(3);
  });

  it('truncates long or multi-line values', () => {
    expect(truncate('x'.repeat(50))).toBe(`${'x'.repeat(39)}…`);
    expect(truncate('line one\nline two')).toBe('line one line two');
  });

  it('formats metrics short, NaN and infinities spelled out', () => {
    expect([NaN, Infinity, -Infinity, 3, 0.123456789, 1e-7].map(formatMetric)).toEqual([
      'NaN',
      'Infinity',
      '-Infinity',
      '3',
      '0.123457',
      '1e-7',
    ]);
  });

  it('picks the most common keys first', () => {
    expect(
      commonKeys(
        [
          { a: 1, b: 1 },
          { b: 1, c: 1 },
          { b: 1, c: 1 },
        ],
        2,
      ),
    ).toEqual(['b', 'c']);
  });
});

describe('csv', () => {
  it('quotes per RFC 4180', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('writes one column per metric, param and tag key of any run', () => {
    const text = runsCsv([
      run('r1', '1', { name: 'a,b', metrics: { loss: NaN }, params: { lr: '0.1' } }),
      run('r2', '1', { metrics: { acc: 0.9 }, tags: { team: 'x' } }),
    ]);
    expect(text.split('\r\n')).toEqual([
      'run_id,run_name,experiment_id,status,start_time,end_time,lifecycle_stage,metrics.acc,metrics.loss,params.lr,tags.team',
      'r1,"a,b",1,FINISHED,2024-06-01T00:00:00.000Z,2024-06-01T00:01:00.000Z,active,,NaN,0.1,',
      'r2,r2,1,FINISHED,2024-06-01T00:00:00.000Z,2024-06-01T00:01:00.000Z,active,0.9,,,x',
      '',
    ]);
  });
});

describe('--json text', () => {
  it('is indented by 2 and escapes non-ASCII like MLflow', () => {
    expect(mlflowJsonText({ name: 'llm-eval ✨', n: [1] })).toBe(
      '{\n  "name": "llm-eval \\u2728",\n  "n": [\n    1\n  ]\n}\n',
    );
  });

  it('escapes DEL, so the text stays valid JSON after main() neutralises terminal controls', () => {
    const text = mlflowJsonText({ name: 'a\u007fb', plain: 'ascii only' });
    expect(text).toBe('{\n  "name": "a\\u007fb",\n  "plain": "ascii only"\n}\n');
    expect(neutraliseControls(text)).toBe(text);
    expect(JSON.parse(neutraliseControls(text))).toEqual({ name: 'a\u007fb', plain: 'ascii only' });
  });

  it('holds only printable ASCII and line breaks whatever the strings (so printMlflowJson skips the scan)', () => {
    const anyChar = fc.oneof(
      fc.integer({ min: 0, max: 0x2ff }),
      fc.constantFrom(0x7f, 0x85, 0x9b, 0x202a, 0x202e, 0x2066, 0x2069, 0xd800, 0xfeff),
    );
    const text = fc.array(anyChar, { maxLength: 24 }).map((codes) => String.fromCharCode(...codes));
    fc.assert(
      fc.property(fc.dictionary(text, fc.oneof(text, fc.double(), fc.array(text))), (value) => {
        const json = mlflowJsonText(value);
        expect(json).toMatch(/^[\n\x20-\x7e]*$/);
        expect(neutraliseControls(json)).toBe(json);
        expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { seed: 20_261_205, numRuns: 400 },
    );
  });

  it('printMlflowJson prints through stdoutTerminalSafe when the CLI has it, else stdout', () => {
    const printed: string[] = [];
    const io = { stdout: (t: string) => printed.push(`scanned ${t}`) } as unknown as CliIo;
    printMlflowJson(io, { a: 1 });
    printMlflowJson({ ...io, stdoutTerminalSafe: (t: string) => printed.push(`as is ${t}`) }, [2]);
    expect(printed).toEqual(['scanned {\n  "a": 1\n}\n', 'as is [\n  2\n]\n']);
  });
});

describe('allPages', () => {
  const pages = async ({ maxResults, pageToken }: { maxResults: number; pageToken?: string }) => {
    const start = pageToken ? Number(pageToken) : 0;
    const items = Array.from({ length: 2500 }, (_, i) => i).slice(start, start + maxResults);
    const next = start + maxResults;
    return next < 2500 ? { items, nextPageToken: String(next) } : { items };
  };

  it('joins every page, and stops at the limit', async () => {
    expect(await allPages(pages)).toHaveLength(2500);
    expect(await allPages(pages, 1001)).toEqual(Array.from({ length: 1001 }, (_, i) => i));
  });

  it('asks for pages of the size given (runs: one page where 1,000 would take three)', async () => {
    const asked: number[] = [];
    const counted = async (page: { maxResults: number; pageToken?: string }) => {
      asked.push(page.maxResults);
      return pages(page);
    };
    expect(await allPages(counted, Infinity, RUNS_PAGE_SIZE)).toHaveLength(2500);
    expect(asked).toEqual([RUNS_PAGE_SIZE]);
    asked.length = 0;
    expect(await allPages(counted)).toHaveLength(2500);
    expect(asked).toEqual([1000, 1000, 1000]);
  });

  it('stops on a page token that does not advance', async () => {
    let calls = 0;
    const stuck = async () => {
      calls++;
      return { items: [calls], nextPageToken: 'same' };
    };
    expect(await allPages(stuck)).toEqual([1, 2]);
  });
});

// The import-cycle check of `npm run lint` (scripts/check-cycles.mjs): on small trees written here,
// and on the repository itself, which must have none.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findCycles, importGraph, sourceFiles } from './check-cycles.mjs';

const root = mkdtempSync(join(tmpdir(), 'runlens-cycles-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function tree(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const check = (dir: string) =>
  spawnSync(process.execPath, [join(import.meta.dirname, 'check-cycles.mjs'), dir], {
    encoding: 'utf8',
  });

describe('check-cycles', () => {
  it('fails on a cycle, naming its modules', () => {
    const dir = tree('static', {
      'a.ts': "import { b } from './b';\nexport const a = 1 + b;\n",
      'b.ts': "import { c } from './sub/c';\nexport const b = c;\n",
      'sub/c.ts': "import { a } from '../a';\nexport const c = a;\n",
      'd.ts': "import { a } from './a';\nexport const d = a;\n",
    });
    const result = check(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/import cycle: .*a\.ts ↔ .*b\.ts ↔ .*sub\/c\.ts\n/);
    expect(result.stderr).not.toContain('d.ts');
  });

  it('counts dynamic and type-only imports (the CLI cycle went through import())', () => {
    const dir = tree('lazy', {
      'io.ts': "export async function go() { return (await import('./desktop')).x; }\n",
      'desktop.ts': "import type { Io } from './types';\nexport const x: Io = 1;\n",
      'types.tsx': "import type { x } from './desktop';\nexport type Io = typeof x;\n",
    });
    const cycles = findCycles(importGraph(sourceFiles(dir)));
    expect(cycles.map((c) => c.map((f) => f.slice(dir.length + 1)))).toEqual([
      ['desktop.ts', 'types.tsx'],
    ]);
    const io = join(dir, 'io.ts');
    expect(importGraph(sourceFiles(dir)).get(io)).toEqual([join(dir, 'desktop.ts')]);
  });

  it('passes a tree without cycles, ignoring packages and self-imports', () => {
    const dir = tree('clean', {
      'a.ts':
        "import { b } from './b';\nimport ts from 'typescript';\nexport const a = b + ts.version;\n",
      'b.ts': "export const b = '1';\n",
    });
    const result = check(dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('no import cycle among 2 modules');
  });

  it('finds none in this repository', () => {
    const out = execFileSync(process.execPath, ['scripts/check-cycles.mjs'], { encoding: 'utf8' });
    expect(out).toMatch(/^no import cycle among \d+ modules/);
  });
});

#!/usr/bin/env node
// Fails (exit 1) when our TypeScript modules import each other in a cycle. Part of `npm run lint`:
// eslint-plugin-import is not installed, so the import graph comes from the TypeScript compiler API.
// Every import counts: static, `import type` and `import()` — a cycle through a lazy or type-only
// import is still two modules that cannot be understood (or moved) one without the other.
//
//   node scripts/check-cycles.mjs [DIR…]   (default: shared electron renderer scripts test e2e)
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SKIP = new Set(['node_modules', 'dist', 'fixtures', '.bench', 'test-results']);
const SOURCE = /\.(ts|tsx|mts)$/;

/** Every .ts/.tsx/.mts file under `dir` (declaration files included: they import too). */
export function sourceFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIP.has(entry.name)) walk(join(d, entry.name));
      } else if (SOURCE.test(entry.name)) out.push(join(d, entry.name));
    }
  };
  walk(dir);
  return out;
}

/** file → the files among `files` it imports, resolved as our tsconfig resolves them. */
export function importGraph(files) {
  const known = new Set(files);
  const options = {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    resolveJsonModule: true,
    allowJs: true,
  };
  const graph = new Map();
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = new Set();
    for (const ref of info.importedFiles) {
      const resolved = ts.resolveModuleName(ref.fileName, file, options, ts.sys).resolvedModule;
      const target = resolved && resolve(resolved.resolvedFileName);
      if (target && known.has(target) && target !== file) targets.add(target);
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
}

/** The cycles of `graph`: its strongly connected components of more than one module (Tarjan). */
export function findCycles(graph) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const cycles = [];
  let next = 0;
  // Iterative, so a deep import chain cannot overflow the call stack.
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work = [[root, 0]];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const [node, i] = frame;
      const edges = graph.get(node) ?? [];
      if (i < edges.length) {
        frame[1] = i + 1;
        const to = edges[i];
        if (!index.has(to)) {
          index.set(to, next);
          low.set(to, next++);
          stack.push(to);
          onStack.add(to);
          work.push([to, 0]);
        } else if (onStack.has(to)) {
          low.set(node, Math.min(low.get(node), index.get(to)));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent[0], Math.min(low.get(parent[0]), low.get(node)));
      if (low.get(node) === index.get(node)) {
        const component = [];
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          component.push(member);
        } while (member !== node);
        if (component.length > 1) cycles.push(component.sort());
      }
    }
  }
  return cycles;
}

function main(argv) {
  const root = process.cwd();
  const dirs =
    argv.length > 0 ? argv : ['shared', 'electron', 'renderer', 'scripts', 'test', 'e2e'];
  const files = dirs.flatMap((dir) => sourceFiles(resolve(root, dir)));
  const cycles = findCycles(importGraph(files));
  for (const cycle of cycles) {
    console.error(`import cycle: ${cycle.map((file) => relative(root, file)).join(' ↔ ')}`);
  }
  if (cycles.length > 0) {
    console.error(`${cycles.length} import cycle(s): break them (see STYLE.md, layering).`);
    return 1;
  }
  console.log(`no import cycle among ${files.length} modules`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}

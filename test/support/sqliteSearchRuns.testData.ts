/**
 * Test data for the run-search push-down: a synthetic MLflow 2.12 database full of what makes search
 * semantics subtle (NaN, clamped ±inf, missing keys, NULL tag values, names only in tags, no start
 * time, unknown status, deleted experiments, datasets, case-folding and astral characters), the filter
 * and order_by examples of shared/common/search/runs.test.ts, and a deterministic generator of
 * filters and orderings over the keys and values a store actually holds.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Run } from '../../shared/common/types';
import { fixtureDir } from './sqlite';
import { openTestWriter } from './sqliteWriter';
import { prng } from '../../shared/common/prng';

const DBL_MAX = 1.7976931348623157e308;

/** Builds the synthetic store at `path` (a new file in a temp folder). */
export function buildSyntheticDb(path: string): void {
  const db = openTestWriter(path);
  try {
    db.exec(readFileSync(join(fixtureDir('mlflow-2.12.2.dev0'), 'schema.sql'), 'utf8'));
    db.pragma('ignore_check_constraints = ON'); // for the 'PAUSED' run MLflow would refuse
    db.exec(`INSERT INTO alembic_version VALUES ('acf3f17fdcc7');
      INSERT INTO experiments VALUES (0, 'Default', '/a/0', 'active', 1, 1), (1, 'one', '/a/1', 'active', 1, 1),
        (2, 'gone', '/a/2', 'deleted', 1, 1);
      INSERT INTO datasets VALUES ('ds1', 1, 'iris', 'd1', 'local', '{}', NULL, NULL), ('ds2', 1, 'Iris-eval', 'd2', 'local', '{}', NULL, NULL);`);
    const run = db.prepare(
      `INSERT INTO runs (run_uuid, name, user_id, status, start_time, end_time, lifecycle_stage, artifact_uri, experiment_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const metric = db.prepare('INSERT INTO latest_metrics VALUES (?, ?, 1, 0, ?, ?)');
    const param = db.prepare('INSERT INTO params VALUES (?, ?, ?)');
    const tag = db.prepare('INSERT INTO tags VALUES (?, ?, ?)');
    const input = db.prepare("INSERT INTO inputs VALUES (?, 'DATASET', ?, 'RUN', ?)");
    const inputTag = db.prepare('INSERT INTO input_tags VALUES (?, ?, ?)');
    const names = [
      'alpha',
      'Beta',
      'gamma_1',
      '',
      'eps%',
      'k-run',
      'straße',
      'Élan',
      'x*y',
      '[br]',
    ];
    const values = [0.5, 1, -1, 0, 2.5, DBL_MAX, -DBL_MAX, 1e-9, 100, 0.5];
    const strings = [
      '0.1',
      '0.01',
      'a',
      'A',
      'b',
      'Kelvin\u212a',
      'long\u017f',
      'é',
      'É',
      '',
      'x%y',
      'q_r',
    ];
    db.transaction(() => {
      for (let i = 0; i < 90; i++) {
        const id = `r${String((i * 37) % 90).padStart(2, '0')}`;
        const exp = i % 3;
        const start = i % 11 === 0 ? null : 1000 + (i % 13) * 10;
        const status =
          i === 7
            ? 'PAUSED'
            : i % 17 === 0
              ? null
              : (['FINISHED', 'FAILED', 'RUNNING'][i % 3] ?? null);
        const name = names[i % names.length] ?? '';
        run.run(
          id,
          i % 4 === 0 ? '' : name,
          i % 5 === 0 ? '' : `user${i % 4}`,
          status,
          start,
          i % 6 === 0 ? null : 5000 + i,
          i % 9 === 0 ? 'deleted' : 'active',
          i % 8 === 0 ? null : `file:///a/${exp}/${id}`,
          exp,
        );
        if (i % 4 === 0 && i % 8 !== 0) tag.run('mlflow.runName', `tagged-${name}`, id);
        if (i % 5 === 0) tag.run('mlflow.user', i % 10 === 0 ? 'tagged-user' : null, id);
        if (i % 3 !== 2) metric.run('acc', values[i % values.length] ?? 0, i % 7 === 0 ? 1 : 0, id);
        if (i % 4 !== 3)
          metric.run(
            'loss',
            i % 5 === 0 ? DBL_MAX : i % 5 === 1 ? -DBL_MAX : (i % 10) / 7,
            i % 9 === 4 ? 1 : 0,
            id,
          );
        metric.run('my metric', i % 3, 0, id);
        if (i % 2 === 0) param.run('lr', strings[i % strings.length] ?? '', id);
        if (i % 5 !== 4) param.run('optimizer/lr', strings[(i * 7) % strings.length] ?? '', id);
        if (i % 3 !== 0)
          tag.run('team', i % 11 === 0 ? null : (strings[(i * 5) % strings.length] ?? ''), id);
        if (i % 6 === 1) tag.run('emoji', i % 12 === 1 ? 'a\u{1F600}' : 'a\uFF01', id);
        if (i % 4 === 1) {
          input.run(`in${i}`, i % 8 === 1 ? 'ds1' : 'ds2', id);
          inputTag.run(`in${i}`, 'mlflow.data.context', i % 8 === 1 ? 'training' : 'eval');
        }
      }
    })();
  } finally {
    db.close();
  }
}

const SEARCH_DIR = resolve(import.meta.dirname, '../../shared/common/search');

/** Decodes a JS string literal (single or double quoted) as written in a test file. */
function literal(text: string): string {
  return text.slice(1, -1).replace(/\\(.)/g, '$1');
}

const STRING = String.raw`'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"`;

/** The filters of every table row in runs.test.ts (`[filter, …]`), error rows included. */
export function exampleFilters(): string[] {
  const source = readFileSync(join(SEARCH_DIR, 'runs.test.ts'), 'utf8');
  const rows = source.matchAll(new RegExp(String.raw`^\s*\[(${STRING}),\s`, 'gm'));
  return [...rows].map((m) => literal(m[1] ?? ''));
}

/** The order_by lists of runs.test.ts's table rows (`[[clause, …], …]`), error rows included. */
export function exampleOrderBys(): string[][] {
  const source = readFileSync(join(SEARCH_DIR, 'runs.test.ts'), 'utf8');
  const lists = [
    ...source.matchAll(new RegExp(String.raw`^\s*\[\[((?:\s*(?:${STRING}),?)*)\]`, 'gm')),
  ].map((m) => [...(m[1] ?? '').matchAll(new RegExp(STRING, 'g'))].map((s) => literal(s[0])));
  // Rows `[clause, message]` of the rejects table (and of the filter error table: also rejected here).
  const rejects = [
    ...source.matchAll(new RegExp(String.raw`^\s*\[(${STRING}), (${STRING})\],$`, 'gm')),
  ].map((m) => literal(m[1] ?? ''));
  return [...lists, ...rejects.map((c) => [c])];
}

/** The shared deterministic PRNG, so a failure names a reproducible case. */
export const rng = prng;

function pick<T>(r: () => number, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)] as T;
}

function quote(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function ident(key: string): string {
  return /^[\w.\-/:]+$/u.test(key) && /^[A-Za-z_]/.test(key) ? key : `\`${key}\``;
}

/** What the generator draws clauses from: the keys and values these runs hold. */
export interface Vocabulary {
  metrics: Map<string, number[]>;
  params: Map<string, string[]>;
  tags: Map<string, string[]>;
}

export function vocabulary(runs: readonly Run[]): Vocabulary {
  const v: Vocabulary = { metrics: new Map(), params: new Map(), tags: new Map() };
  const add = <T>(map: Map<string, T[]>, key: string, value: T) =>
    map.set(key, [...(map.get(key) ?? []), value]);
  for (const run of runs) {
    for (const [k, m] of Object.entries(run.data.metrics)) add(v.metrics, k, m.value);
    for (const [k, p] of Object.entries(run.data.params)) add(v.params, k, p);
    for (const [k, t] of Object.entries(run.data.tags)) add(v.tags, k, t);
  }
  add(v.metrics, 'no-such-metric', 1);
  add(v.params, 'no-such-param', 'x');
  return v;
}

function numberLiteral(r: () => number, values: number[]): string {
  const v = pick(r, values);
  const n = Number.isFinite(v) ? v : v > 0 ? 1e308 : -1e308;
  return pick(r, [
    String(n),
    String(n + 0.5),
    '0',
    '-1',
    '1e999',
    '-1e999',
    '1.7976931348623157e308',
  ]);
}

function stringPattern(r: () => number, value: string): string {
  const cut = Math.floor(r() * (value.length + 1));
  return pick(r, [
    `${value.slice(0, cut)}%`,
    `%${value.slice(cut)}`,
    value.replace(/./u, '_'),
    value.toUpperCase(),
    '%',
    value,
  ]);
}

function clause(r: () => number, v: Vocabulary): string {
  const kind = pick(r, ['metric', 'metric', 'param', 'tag', 'attr', 'attr', 'dataset']);
  if (kind === 'metric') {
    const [key, values] = pick(r, [...v.metrics]);
    const op = pick(r, ['=', '!=', '<', '<=', '>', '>=', 'IS NULL', 'IS NOT NULL']);
    return op.startsWith('IS')
      ? `metrics.${ident(key)} ${op}`
      : `metrics.${ident(key)} ${op} ${numberLiteral(r, values)}`;
  }
  if (kind === 'param' || kind === 'tag') {
    const [key, values] = pick(r, [...(kind === 'param' ? v.params : v.tags)]);
    const value = pick(r, values);
    const op = pick(r, ['=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN', 'IS NULL', 'IS NOT NULL']);
    const lhs = `${kind}s.${ident(key)}`;
    if (op.startsWith('IS')) return `${lhs} ${op}`;
    if (op.endsWith('IN'))
      return `${lhs} ${op} (${[value, pick(r, values), 'zz'].map(quote).join(', ')})`;
    return `${lhs} ${op} ${quote(op.endsWith('LIKE') ? stringPattern(r, value) : value)}`;
  }
  if (kind === 'dataset') {
    const key = pick(r, ['name', 'digest', 'context']);
    return `datasets.${key} ${pick(r, ['=', '!=', 'LIKE', 'ILIKE'])} ${quote(pick(r, ['iris', 'IRIS%', 'd1', 'eval', '%a%']))}`;
  }
  const attr = pick(r, [
    'run_name',
    'user_id',
    'status',
    'artifact_uri',
    'lifecycle_stage',
    'run_id',
    'start_time',
    'end_time',
  ]);
  if (attr.endsWith('_time')) {
    const op = pick(r, ['=', '!=', '<', '>=', 'IS NULL', 'IS NOT NULL']);
    return op.startsWith('IS')
      ? `attributes.${attr} ${op}`
      : `attributes.${attr} ${op} ${pick(r, ['0', '1050', '1100', '5040'])}`;
  }
  const op = pick(r, ['=', '!=', 'LIKE', 'ILIKE', 'IN', 'IS NULL', 'IS NOT NULL']);
  if (op.startsWith('IS')) return `attributes.${attr} ${op}`;
  const value = pick(r, [
    '',
    'alpha',
    'FINISHED',
    'active',
    'user1',
    'tagged-alpha',
    'file:///a/1/r01',
    'r05',
  ]);
  if (op === 'IN') return `attributes.${attr} IN (${quote(value)}, 'deleted', 'FAILED')`;
  return `attributes.${attr} ${op} ${quote(op.endsWith('LIKE') ? stringPattern(r, value) : value)}`;
}

/** A random filter of 1–4 clauses joined by AND / OR, sometimes parenthesized. */
export function randomFilter(r: () => number, v: Vocabulary): string {
  const n = 1 + Math.floor(r() * 4);
  let out = clause(r, v);
  for (let i = 1; i < n; i++) {
    const next = r() < 0.3 ? `(${clause(r, v)} OR ${clause(r, v)})` : clause(r, v);
    out += ` ${pick(r, ['AND', 'OR', 'and'])} ${next}`;
  }
  return out;
}

/** 0–3 random order_by clauses. */
export function randomOrderBy(r: () => number, v: Vocabulary): string[] {
  const n = Math.floor(r() * 4);
  const keys = [
    ...[...v.metrics.keys()].map((k) => `metrics.${ident(k)}`),
    ...[...v.params.keys()].map((k) => `params.${ident(k)}`),
    ...[...v.tags.keys()].map((k) => `tags.${ident(k)}`),
    'start_time',
    'end_time',
    'run_name',
    'status',
    'user_id',
    'artifact_uri',
    'run_id',
    'lifecycle_stage',
  ];
  return Array.from({ length: n }, () => `${pick(r, keys)}${pick(r, ['', ' ASC', ' DESC'])}`);
}

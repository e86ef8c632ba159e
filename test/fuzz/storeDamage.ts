/**
 * Test helper: damage done to a temp copy of an `mlruns` fixture, as fast-check arbitraries. Every damage
 * names the one file (or folder) it hits, so the fuzz test knows which run or experiment may change and
 * which must stay exactly as before. Only tests import this file.
 */
import {
  appendFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join, relative, sep } from 'node:path';
import fc from 'fast-check';

/** A 10 MB line (issue 11: "10 MB lines"). */
export const HUGE_LINE_BYTES = 10 * 2 ** 20;

/** Classic anchor/alias explosion: 9 levels of 9 aliases each would expand to 9^9 nodes. */
export const YAML_BOMB = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((c, i) => {
    const prev = 'abcdefghi'[i] as string;
    return `${c}: &${c} [${Array(9).fill(`*${prev}`).join(',')}]`;
  }),
  'run_id: *i',
  '',
].join('\n');

export type Damage =
  | { kind: 'truncate'; file: string; keep: number }
  | { kind: 'binary'; file: string; bytes: Uint8Array }
  | { kind: 'yaml bomb'; file: string }
  | { kind: '10 MB line'; file: string }
  | { kind: 'wrong type'; file: string; field: string; value: string }
  | { kind: 'garbage metric lines'; file: string; lines: string[] }
  | { kind: 'odd steps'; file: string; steps: string[] }
  | { kind: 'symlink loop'; file: string; shape: 'self' | 'pair' | 'up' }
  | { kind: 'deleted'; file: string }
  | { kind: 'folder instead of file'; file: string };

/** Files of a store copy by role, as paths relative to the store root. */
export interface StoreFiles {
  runMeta: string[];
  experimentMeta: string[];
  metrics: string[];
  paramsAndTags: string[];
  runFolders: string[];
}

const RUN_ID = /^[0-9a-f]{32}$/;
const EXP_ID = /^\d+$/;

export function storeFiles(root: string): StoreFiles {
  const out: StoreFiles = {
    runMeta: [],
    experimentMeta: [],
    metrics: [],
    paramsAndTags: [],
    runFolders: [],
  };
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) {
        walk(full);
        continue;
      }
      const parts = relative(root, full).split(sep);
      const [exp, run, folder] = parts;
      if (!exp || !EXP_ID.test(exp)) continue;
      if (parts.length === 2 && run === 'meta.yaml') out.experimentMeta.push(parts.join('/'));
      if (!run || !RUN_ID.test(run)) continue;
      if (parts.length === 3 && folder === 'meta.yaml') out.runMeta.push(parts.join('/'));
      if (parts.length === 4 && folder === 'metrics') out.metrics.push(parts.join('/'));
      if (parts.length === 4 && (folder === 'params' || folder === 'tags'))
        out.paramsAndTags.push(parts.join('/'));
    }
  };
  walk(root);
  out.runFolders = [...new Set(out.runMeta.map((p) => p.split('/').slice(0, 2).join('/')))];
  for (const list of Object.values(out) as string[][]) list.sort();
  return out;
}

const RUN_META_FIELDS = [
  'artifact_uri',
  'end_time',
  'experiment_id',
  'lifecycle_stage',
  'run_id',
  'run_name',
  'run_uuid',
  'source_type',
  'start_time',
  'status',
  'tags',
  'user_id',
];
const EXPERIMENT_META_FIELDS = [
  'artifact_location',
  'creation_time',
  'experiment_id',
  'last_update_time',
  'lifecycle_stage',
  'name',
];

/** YAML scalars and collections of every type, as text after `field: `. */
const yamlValue = fc.oneof(
  fc.constantFrom(
    'null',
    '~',
    'true',
    'false',
    '[]',
    '{}',
    '[1, 2]',
    '{a: 1}',
    "''",
    '.nan',
    '.inf',
  ),
  fc.constantFrom('-1', '1e400', '-9223372036854775809', '1.5', '0x10', '99999999999999999999'),
  fc.string({ maxLength: 20 }).map((s) => JSON.stringify(s)),
  fc.integer().map(String),
  fc.double().map(String),
);

const oddStep = fc.oneof(
  fc.constantFrom('-1', '-9223372036854775808', '9223372036854775807', '1e30', '1.5', 'NaN'),
  fc.constantFrom('99999999999999999999999', '-0', '+7', '0x1f', '1_000', 'x'),
  fc.integer().map(String),
  fc.double({ noNaN: true }).map(String),
);

/** A line that is no metric point: its first column is no number, or it has too many columns. */
const garbageLine = fc.oneof(
  fc.string({ maxLength: 60 }).filter((s) => !/^[\d.eE+-]+$/.test(s.trim().split(/\s+/)[0] ?? '')),
  fc.constantFrom('1 2 3 4 5 6 7 8', '1717 nan', 'abc 1 2', '1717 x 2', '\u0000\u0000', ' x'),
  fc
    .tuple(fc.integer(), fc.double(), fc.integer())
    .map(([t, v, s]) => `${t}\t${v}\t${s}\t1\t2\t3\t4`),
);

/** Every damage, each aimed at a file of its role in `files`. */
export function damageArbitrary(files: StoreFiles): fc.Arbitrary<Damage> {
  const meta = fc.constantFrom(...files.runMeta, ...files.experimentMeta);
  const anyFile = fc.constantFrom(
    ...files.runMeta,
    ...files.experimentMeta,
    ...files.metrics,
    ...files.paramsAndTags,
  );
  const metric = fc.constantFrom(...files.metrics);
  const runFolder = fc.constantFrom(...files.runFolders);
  return fc.oneof(
    fc.record({ kind: fc.constant('truncate' as const), file: anyFile, keep: fc.nat(400) }),
    fc.record({
      kind: fc.constant('binary' as const),
      file: anyFile,
      bytes: fc.uint8Array({ minLength: 1, maxLength: 512 }),
    }),
    fc.record({ kind: fc.constant('yaml bomb' as const), file: meta }),
    fc.record({ kind: fc.constant('10 MB line' as const), file: anyFile }),
    meta.chain((file) =>
      fc.record({
        kind: fc.constant('wrong type' as const),
        file: fc.constant(file),
        field: fc.constantFrom(
          ...(file.split('/').length === 2 ? EXPERIMENT_META_FIELDS : RUN_META_FIELDS),
        ),
        value: yamlValue,
      }),
    ),
    fc.record({
      kind: fc.constant('garbage metric lines' as const),
      file: metric,
      lines: fc.array(garbageLine, { minLength: 1, maxLength: 5 }),
    }),
    fc.record({
      kind: fc.constant('odd steps' as const),
      file: metric,
      steps: fc.array(oddStep, { minLength: 1, maxLength: 5 }),
    }),
    fc
      .record({
        kind: fc.constant('symlink loop' as const),
        file: fc.tuple(runFolder, fc.constantFrom('metrics', 'params', 'tags', 'artifacts')),
        shape: fc.constantFrom('self' as const, 'pair' as const, 'up' as const),
      })
      .map((d) => ({ ...d, file: `${d.file[0]}/${d.file[1]}` })),
    fc.record({ kind: fc.constant('deleted' as const), file: anyFile }),
    fc.record({ kind: fc.constant('folder instead of file' as const), file: anyFile }),
  );
}

/** Applies a damage to the store copy at `root`. */
export function applyDamage(root: string, damage: Damage): void {
  const path = join(root, damage.file);
  switch (damage.kind) {
    case 'truncate':
      truncateSync(path, Math.min(damage.keep, Math.max(0, readFileSync(path).length - 1)));
      return;
    case 'binary':
      writeFileSync(path, damage.bytes);
      return;
    case 'yaml bomb':
      writeFileSync(path, YAML_BOMB);
      return;
    case '10 MB line':
      appendFileSync(path, `${'x'.repeat(HUGE_LINE_BYTES)}\n`);
      return;
    case 'wrong type': {
      const text = readFileSync(path, 'utf8');
      const line = new RegExp(`^${damage.field}:.*$`, 'm');
      const next = `${damage.field}: ${damage.value}`;
      writeFileSync(path, line.test(text) ? text.replace(line, () => next) : `${text}${next}\n`);
      return;
    }
    case 'garbage metric lines':
      appendFileSync(path, damage.lines.map((l) => `${l}\n`).join(''));
      return;
    case 'odd steps':
      appendFileSync(path, damage.steps.map((s, i) => `1717206000${i}00 0.5 ${s}\n`).join(''));
      return;
    case 'symlink loop':
      mkdirSync(path, { recursive: true });
      if (damage.shape === 'self') symlinkSync('loop', join(path, 'loop'));
      else if (damage.shape === 'up') symlinkSync('..', join(path, 'up'));
      else {
        symlinkSync('b', join(path, 'a'));
        symlinkSync('a', join(path, 'b'));
      }
      return;
    case 'deleted':
      rmSync(path);
      return;
    case 'folder instead of file':
      rmSync(path);
      mkdirSync(path);
      writeFileSync(join(path, 'meta.yaml'), 'run_id: nested\n');
      return;
  }
}

/** The run folder (`exp/run`) or experiment folder (`exp`) a damage can change. */
export function damagedUnit(damage: Damage): string {
  const parts = damage.file.split('/');
  return parts.length === 2 && parts[1] === 'meta.yaml'
    ? (parts[0] as string)
    : parts.slice(0, 2).join('/');
}

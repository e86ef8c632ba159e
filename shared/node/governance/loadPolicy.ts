/**
 * Loads a policy file (YAML, or JSON which is YAML too): parse with source positions, validate against
 * schemas/runlens-policy.schema.json, compile (assertions parsed, rule ids checked). Every error names
 * the file, line and column of the offending value. Alias bombs are refused by yaml's maxAliasCount.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type * as AjvModule from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Document, LineCounter } from 'yaml';
import { yamlModule } from '../lazyYaml';
import policySchema from '../../../schemas/runlens-policy.schema.json';
import { compilePolicy, PolicyError } from '../../common/governance/policy';
import type { CompiledPolicy, PolicyProblem } from '../../common/governance/types';

/** A policy that cannot be used; `problems` are in file order. Its message lists them all. */
export class PolicyLoadError extends Error {
  constructor(readonly problems: PolicyProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n'));
    this.name = 'PolicyLoadError';
  }
}

/** Aliases a policy may use: far more than a hand-written file needs, far fewer than a bomb. */
const MAX_ALIAS_COUNT = 100;
/** A policy is a small hand-written file; refusing huge ones keeps parsing cheap. */
const MAX_BYTES = 1024 * 1024;
export const POLICY_FILE_NAMES = [
  'runlens-policy.yaml',
  'runlens-policy.yml',
  'runlens-policy.json',
];

/**
 * Compiled on first use, not at import: compiling the schema costs ~150–600 ms, and every CLI command
 * and `runlens serve` import this module, most of them never reading a policy (issue 12's start-up).
 */
let compiledSchema: ValidateFunction | undefined;
function validatorOf(): ValidateFunction {
  // Required here, not imported: evaluating ajv's modules alone costs ~10 ms of every start.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred loading is the point
  const { Ajv } = require('ajv') as typeof AjvModule;
  compiledSchema ??= new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(
    policySchema,
  );
  return compiledSchema;
}

function position(doc: Document, lines: LineCounter, path: (string | number)[], key = false) {
  const { isMap, isNode } = yamlModule();
  // Walk down as far as the path exists, so a missing key points at its parent.
  for (let n = path.length; n >= 0; n--) {
    const sub = path.slice(0, n);
    const parent = n > 0 ? doc.getIn(sub.slice(0, -1), true) : undefined;
    if (key && n === path.length && isMap(parent)) {
      const pair = parent.items.find(
        (p) => isNode(p.key) && (p.key as { value?: unknown }).value === sub[sub.length - 1],
      );
      if (pair && isNode(pair.key) && pair.key.range) return lines.linePos(pair.key.range[0]);
    }
    const node = n === 0 ? doc.contents : doc.getIn(sub, true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]);
  }
  return { line: 1, col: 1 };
}

function ajvProblem(
  e: ErrorObject,
  doc: Document,
  lines: LineCounter,
  file: string,
): PolicyProblem {
  const path = e.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const extra =
    e.keyword === 'additionalProperties' ? String(e.params['additionalProperty']) : null;
  const at = position(doc, lines, extra === null ? path : [...path, extra], extra !== null);
  const where = path.length === 0 ? 'policy' : path.join('.');
  let message = `${where}: ${e.message ?? 'invalid'}`;
  if (extra !== null) message = `${where}: unknown key '${extra}'`;
  if (e.keyword === 'enum') message += ` (${(e.params['allowedValues'] as unknown[]).join(', ')})`;
  if (e.keyword === 'const') message += ` (${String(e.params['allowedValue'])})`;
  return { file, line: at.line, column: at.col, message };
}

/** Parses, validates and compiles policy text; throws PolicyLoadError. */
export function compilePolicyText(text: string, file: string): CompiledPolicy {
  const { LineCounter, parseDocument, visit } = yamlModule();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new PolicyLoadError(
      doc.errors.map((e) => {
        const at = lines.linePos(e.pos[0]);
        return {
          file,
          line: at.line,
          column: at.col,
          message: e.message.split('\n')[0] ?? e.message,
        };
      }),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    let at = { line: 1, col: 1 };
    visit(doc, {
      Alias(_k, node) {
        if (node.range) at = lines.linePos(node.range[0]);
        return visit.BREAK;
      },
    });
    const why = err instanceof Error ? err.message : String(err);
    throw new PolicyLoadError([
      {
        file,
        line: at.line,
        column: at.col,
        message: `refused: YAML aliases expand too much (${why})`,
      },
    ]);
  }
  const validate = validatorOf();
  if (!validate(data)) {
    throw new PolicyLoadError((validate.errors ?? []).map((e) => ajvProblem(e, doc, lines, file)));
  }
  const sha256 = createHash('sha256').update(text, 'utf8').digest('hex');
  try {
    return compilePolicy(data, file, sha256);
  } catch (err) {
    if (!(err instanceof PolicyError)) throw err;
    const at = position(doc, lines, err.path);
    throw new PolicyLoadError([{ file, line: at.line, column: at.col, message: err.message }]);
  }
}

/** Reads and compiles a policy file. The hash is of the file's bytes, as they are on disk. */
export function loadPolicyFile(path: string): CompiledPolicy {
  const file = resolve(path);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new PolicyLoadError([
      { file, line: 1, column: 1, message: `cannot read the policy (${why})` },
    ]);
  }
  if (bytes.length > MAX_BYTES)
    throw new PolicyLoadError([
      { file, line: 1, column: 1, message: `policy larger than ${MAX_BYTES} bytes` },
    ]);
  const policy = compilePolicyText(bytes.toString('utf8'), file);
  return { ...policy, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** `runlens-policy.yaml` (or .yml/.json) beside a local store: next to mlflow.db or the mlruns folder. */
export function findPolicyBeside(storePath: string): string | null {
  const dir = dirname(resolve(storePath));
  for (const name of POLICY_FILE_NAMES) {
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

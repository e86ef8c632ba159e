/**
 * `runlens governance check` on the governance-demo stores: exit codes, the JSON keys the issue fixes,
 * JUnit XML valid against schemas/junit.xsd (xmllint), SARIF against the official OASIS SARIF 2.1.0
 * schema (every fixture store).
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CliOutcome, runCli } from '../../../test/support/cli';
import { officialSarifValidator } from '../../../test/support/sarifSchema';

const REPO = resolve(import.meta.dirname, '../../..');
const DEMO = join(REPO, 'test/fixtures/governance-demo');
const POLICY = join(REPO, 'demo/governance-demo/runlens-policy.yaml');
const AS_OF = ['--as-of', '2027-01-15'];
const tmp = mkdtempSync(join(tmpdir(), 'runlens-gov-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const cli = (argv: string[]): Promise<CliOutcome> => runCli(argv, REPO);
/** `governance check STORE` with the demo policy and date, in `format`. */
const checkAs = (store: string, format: string): Promise<CliOutcome> =>
  cli(['governance', 'check', store, '--policy', POLICY, ...AS_OF, '--format', format]);

describe.each([
  ['file', join(DEMO, 'mlruns')],
  ['sqlite', join(DEMO, 'mlflow.db')],
])('governance check (%s)', (_kind, store) => {
  it('exits 1 on the non-compliant demo and prints the issue’s JSON keys', async () => {
    const r = await checkAs(store, 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as {
      policy: Record<string, unknown>;
      entities: Record<string, unknown>[];
      summary: Record<string, unknown>;
    };
    expect(out.policy).toMatchObject({ name: 'credit-risk', path: POLICY });
    expect(out.policy['sha256']).toMatch(/^[0-9a-f]{64}$/);
    for (const e of out.entities) {
      expect(Object.keys(e)).toEqual(
        expect.arrayContaining(['kind', 'id', 'name', 'compliant', 'score', 'findings']),
      );
      for (const f of e['findings'] as Record<string, unknown>[])
        expect(Object.keys(f)).toEqual(
          expect.arrayContaining([
            'rule',
            'outcome',
            'severity',
            'field',
            'observed',
            'expected',
            'fix',
          ]),
        );
    }
    expect(out.entities.find((e) => e['id'] === 'credit-approval/2')).toMatchObject({
      kind: 'model_version',
      compliant: true,
    });
    expect(out.summary).toMatchObject({
      entities: 17,
      compliant: 12,
      nonCompliant: 5,
      storeCompliant: false,
    });
  });

  it('exits 0 when the policy scope holds only compliant entities', async () => {
    const policy = join(tmp, 'only-credit.yaml');
    writeFileSync(
      policy,
      'apiVersion: runlens/v1\nkind: GovernancePolicy\nextends: [builtin:baseline]\nscope:\n  experiments: { include: [governance-demo] }\n  models: { include: [credit-approval] }\noverrides:\n  - { rule: metrics-logged, severity: warn }\n',
    );
    const r = await cli(['governance', 'check', store, '--policy', policy, ...AS_OF]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/Result: compliant\n$/);
    expect(r.code).toBe(0);
  });

  it('writes JUnit XML valid against schemas/junit.xsd', async () => {
    const r = await checkAs(store, 'junit');
    expect(r.code).toBe(1);
    const file = join(tmp, `junit-${_kind}.xml`);
    writeFileSync(file, r.stdout);
    // xmllint exits non-zero (and the test fails) when the file does not validate.
    execFileSync('xmllint', ['--noout', '--schema', join(REPO, 'schemas/junit.xsd'), file], {
      stdio: 'pipe',
    });
    // …and the schema rejects what the Jenkins JUnit schema rejects (missing name, a signed time, an
    // undeclared attribute on <testsuites>) and more (a non-numeric count).
    for (const broken of [
      r.stdout.replace('<testsuite name=', '<testsuite nam='),
      r.stdout.replace('time="0"', 'time="-1"'),
      r.stdout.replace('<testsuites name=', '<testsuites skipped="1" name='),
      r.stdout.replace(/ tests="\d+"/, ' tests="many"'),
    ]) {
      expect(broken).not.toBe(r.stdout);
      writeFileSync(file, broken);
      expect(() =>
        execFileSync('xmllint', ['--noout', '--schema', join(REPO, 'schemas/junit.xsd'), file], {
          stdio: 'pipe',
        }),
      ).toThrow();
    }
    expect(r.stdout).toContain(
      '<testcase classname="registered_model.credit-approval" name="monitoring-healthy" time="0">',
    );
    expect((r.stdout.match(/<failure /g) ?? []).length).toBe(8);
  });

  it('writes SARIF 2.1.0 with one result per finding that is not a pass', async () => {
    const r = await checkAs(store, 'sarif');
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout) as {
      runs: { results: { level: string; suppressions?: unknown[] }[] }[];
    };
    // The hand-written subset schema this test used is gone: every constraint in it is also in the
    // official schema (it was written before that schema was installed), so it only duplicated it.
    const validate = officialSarifValidator();
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    const results = sarif.runs[0]?.results ?? [];
    expect(results.filter((x) => x.level === 'error')).toHaveLength(8);
    expect(results.filter((x) => x.suppressions)).toHaveLength(1);
  });
});

describe('governance check --format sarif against the official OASIS SARIF 2.1.0 schema', () => {
  const validate = officialSarifValidator();
  const FIX = join(REPO, 'test/fixtures');
  it.each([
    ['governance-demo/mlruns', POLICY],
    ['governance-demo/mlflow.db', POLICY],
    ['mlflow-2.12.2.dev0/mlruns', undefined],
    ['mlflow-2.12.2.dev0/mlflow.db', undefined],
    ['mlflow-3.1.2.dev0/mlruns', undefined],
    ['mlflow-3.1.2.dev0/mlflow.db', undefined],
  ])('%s', async (store, policy) => {
    const r = await cli([
      'governance',
      'check',
      join(FIX, store),
      ...(policy ? ['--policy', policy] : []),
      ...AS_OF,
      '--format',
      'sarif',
    ]);
    expect(r.stderr).toBe('');
    const sarif = JSON.parse(r.stdout) as {
      runs: { results: unknown[]; tool: { driver: { informationUri: string } } }[];
    };
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    // The official schema's only formats we emit: a URI (checked here since formats are not validated).
    expect(() => new URL(sarif.runs[0]?.tool.driver.informationUri ?? '')).not.toThrow();
    expect(sarif.runs[0]?.results.length).toBeGreaterThan(0);
    // …and the official schema does reject what SARIF forbids (an unknown result level).
    const broken = JSON.parse(r.stdout) as { runs: { results: { level: string }[] }[] };
    const first = broken.runs[0]?.results[0];
    if (first) first.level = 'fatal';
    expect(validate(broken)).toBe(false);
  });
});

describe('governance check: usage and policy errors exit 2', () => {
  const store = join(DEMO, 'mlruns');
  it('prints FILE:LINE:COLUMN for a bad policy', async () => {
    const bad = join(tmp, 'bad.yaml');
    writeFileSync(
      bad,
      'apiVersion: runlens/v1\nkind: GovernancePolicy\nrules:\n  - { id: r, target: run, assert: "run.metrics.x >> 1" }\n',
    );
    const r = await cli(['governance', 'check', store, '--policy', bad]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      new RegExp(`^runlens: ${bad.replace(/[.]/g, '\\.')}:4:35: Invalid filter`),
    );
    expect(r.stderr).toMatch(/runlens: the policy cannot be used\n$/);
  });
  it.each([
    [
      ['governance', 'check', store, '--format', 'xml'],
      /--format must be one of table, json, junit, sarif/,
    ],
    [['governance', 'check', store, '--as-of', 'tomorrow'], /as-of 'tomorrow' is not a date/],
    [['governance', 'check'], /missing STORE/],
    [['governance', 'audit', store], /unknown governance command 'audit'/],
    [
      ['governance', 'check', store, '--policy', 'nope.yaml'],
      /nope\.yaml:1:1: cannot read the policy \(ENOENT\)/,
    ],
  ])('%j', async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('governance report and verify', () => {
  it('writes .json/.html/.md, verifies the JSON, and exits 1 on a tampered one', async () => {
    const store = join(DEMO, 'mlflow.db');
    for (const ext of ['json', 'html', 'md']) {
      const out = join(tmp, `report.${ext}`);
      const r = await cli([
        'governance',
        'report',
        store,
        '--model',
        'credit-approval',
        '--policy',
        POLICY,
        ...AS_OF,
        '--out',
        out,
      ]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/report sha256 [0-9a-f]{64}\n$/);
    }
    expect(readFileSync(join(tmp, 'report.html'), 'utf8')).toMatch(
      /^<!doctype html>[\s\S]*@media print[\s\S]*<\/html>\n$/,
    );
    const ok = await cli(['governance', 'verify', join(tmp, 'report.json')]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/verified: 16 hashes match\n$/);
    const tampered = join(tmp, 'tampered.json');
    writeFileSync(
      tampered,
      readFileSync(join(tmp, 'report.json'), 'utf8').replace(
        '"owner":"risk-ml-team"',
        '"owner":"nobody"',
      ),
    );
    const bad = await cli(['governance', 'verify', tampered]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^MISMATCH report \(canonical JSON\)/);
  });

  it.each([
    [['governance', 'report', join(DEMO, 'mlruns'), '--out', 'x.json'], /missing --model NAME/],
    [
      ['governance', 'report', join(DEMO, 'mlruns'), '--model', 'm', '--out', 'x.pdf'],
      /--out must end in/,
    ],
    [
      [
        'governance',
        'report',
        join(DEMO, 'mlruns'),
        '--model',
        'nope',
        '--out',
        join(tmp, 'n.json'),
      ],
      /registered model 'nope' not found/,
    ],
    [['governance', 'verify', join(DEMO, 'ids.json')], /not a Runlens audit report/],
  ])('%j exits 2', async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('governance JSON and SARIF with control characters in names', () => {
  it('stay valid JSON with the names exact: DEL, C1 and bidi characters travel as \\u escapes', async () => {
    const store = join(mkdtempSync(join(tmp, 'evil-')), 'mlruns');
    cpSync(join(DEMO, 'mlruns'), store, { recursive: true });
    const evil = 'del\u007fnel\u0085csi\u009brlo\u202eend';
    for (const meta of runMetas(store))
      writeFileSync(
        meta,
        readFileSync(meta, 'utf8').replace(/^run_name: (.*)$/m, `run_name: "$1 ${evil}"`),
      );
    for (const format of ['json', 'sarif']) {
      const r = await checkAs(store, format);
      expect(r.code).toBe(1);
      expect(r.stdout).not.toMatch(/[\u007f-\u009f\u202e]/);
      expect(JSON.stringify(JSON.parse(r.stdout))).toContain(evil);
    }
  });
});

/** Every run's meta.yaml in an `mlruns` folder. */
function runMetas(mlruns: string): string[] {
  return readdirSync(mlruns, { withFileTypes: true })
    .filter((e) => e.isDirectory() && /^\d+$/.test(e.name))
    .flatMap((e) =>
      readdirSync(join(mlruns, e.name), { withFileTypes: true })
        .filter((r) => r.isDirectory() && existsSync(join(mlruns, e.name, r.name, 'meta.yaml')))
        .map((r) => join(mlruns, e.name, r.name, 'meta.yaml')),
    );
}

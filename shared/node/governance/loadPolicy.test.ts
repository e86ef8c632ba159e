/** Policy loading: GOVERNANCE.md's example validates; bad policies fail with file, line and column. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_POLICY } from '../../../test/support/governance';
import { compilePolicyText, findPolicyBeside, loadPolicyFile, PolicyLoadError } from './loadPolicy';

/** The ```yaml block of /work/shared/GOVERNANCE.md's "Policy file" section, kept verbatim. */
const GOVERNANCE_EXAMPLE = `apiVersion: runlens/v1
kind: GovernancePolicy
metadata: { name: credit-risk, version: 3 }
extends: [builtin:baseline]
scope:
  experiments: { exclude: ["sandbox-*"] }
settings:
  production_aliases: [champion, prod]
  approval: { tag: validation_status, approved: [approved] }
rules:
  - id: accuracy-floor
    target: model_version
    assert: "run.metrics.accuracy >= 0.90"
    severity: error
  - id: fairness
    target: model_version
    assert: { all: ["run.metrics.demographic_parity_difference <= 0.05"] }
    severity: warn
  - id: model-card-tags
    target: registered_model
    assert: { required_tags: [owner, intended_use, risk_level] }
    severity: error
overrides:
  - { rule: named-experiment, severity: off }
exceptions:          # waivers: shown in reports, and they expire
  - { rule: data-lineage, entity: "models:/legacy-scorer/3", reason: "rebuilt in DOC-112",
      approved_by: j.doe, expires: 2026-12-31 }
`;

function problemOf(text: string): { line: number; column: number; message: string } {
  try {
    compilePolicyText(text, 'p.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(PolicyLoadError);
    const p = (err as PolicyLoadError).problems[0];
    if (!p) throw new Error('no problem reported');
    expect(p.file).toBe('p.yaml');
    return { line: p.line, column: p.column, message: p.message };
  }
  throw new Error('policy was accepted');
}

const HEAD = 'apiVersion: runlens/v1\nkind: GovernancePolicy\n';

describe('policy loader', () => {
  const dir = mkdtempSync(join(tmpdir(), 'runlens-policy-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("accepts GOVERNANCE.md's example policy", () => {
    const p = compilePolicyText(GOVERNANCE_EXAMPLE, 'example.yaml');
    expect(p.name).toBe('credit-risk');
    expect(p.version).toBe('3');
    expect(p.rules.map((r) => r.id)).toEqual(['accuracy-floor', 'fairness', 'model-card-tags']);
    expect(p.overrides).toEqual({ 'named-experiment': 'off' });
    expect(p.waivers[0]).toMatchObject({
      rule: 'data-lineage',
      entity: 'models:/legacy-scorer/3',
      expires: '2026-12-31',
    });
    expect(p.settings.productionAliases).toEqual(['champion', 'prod']);
    expect(p.scope.experiments.exclude).toEqual(['sandbox-*']);
    expect(p.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts the same policy as JSON', () => {
    const json = JSON.stringify({
      apiVersion: 'runlens/v1',
      kind: 'GovernancePolicy',
      extends: ['builtin:baseline'],
    });
    expect(compilePolicyText(json, 'p.json').extendsBaseline).toBe(true);
  });

  it('loads the demo policy and hashes its bytes', () => {
    const p = loadPolicyFile(DEMO_POLICY);
    expect(p.name).toBe('credit-risk');
    expect(p.source).toBe(DEMO_POLICY);
    expect(p.settings.monitoring.thresholds['accuracy']).toEqual({ min: 0.78 });
  });

  it.each([
    [
      'an unknown rule in overrides',
      `${HEAD}overrides:\n  - { rule: no-such-rule, severity: off }\n`,
      4,
      13,
      /unknown rule 'no-such-rule'/,
    ],
    [
      'a bad expression',
      `${HEAD}rules:\n  - id: r\n    target: run\n    assert: "run.metrics.acc >>= 1"\n`,
      6,
      13,
      /Invalid filter.*position/,
    ],
    [
      'a missing entity prefix',
      `${HEAD}rules:\n  - id: r\n    target: run\n    assert: "metrics.acc >= 1"\n`,
      6,
      13,
      /needs an entity prefix: run\./,
    ],
    [
      'a prefix the target does not have',
      `${HEAD}rules:\n  - id: r\n    target: run\n    assert: "version.tags.x = 'y'"\n`,
      6,
      13,
      /entity prefix/,
    ],
    [
      'a wrong type',
      `${HEAD}settings:\n  max_age_days: "soon"\n`,
      4,
      17,
      /settings\.max_age_days: must be number/,
    ],
    ['an unknown key', `${HEAD}rulez: []\n`, 3, 1, /unknown key 'rulez'/],
    [
      'a wrong severity',
      `${HEAD}rules:\n  - { id: r, target: run, assert: "run.status = 'FINISHED'", severity: fatal }\n`,
      4,
      72,
      /severity.*info, warn, error/,
    ],
    [
      'a wrong apiVersion',
      'apiVersion: runlens/v2\nkind: GovernancePolicy\n',
      1,
      13,
      /apiVersion.*runlens\/v1/,
    ],
    ['a duplicate key', `${HEAD}kind: GovernancePolicy\n`, 3, 1, /unique/i],
    ['YAML syntax', `${HEAD}rules: [\n`, 4, 1, /./],
    [
      'an impossible date',
      `${HEAD}exceptions:\n  - { rule: model-owner, entity: "models:/m", reason: r, approved_by: a, expires: 2026-02-30 }\n`,
      4,
      83,
      /not a date/,
    ],
    ['an unknown pack', `${HEAD}extends: [builtin:strict]\n`, 3, 11, /unknown pack/],
    [
      'a baseline id reused',
      `${HEAD}rules:\n  - { id: model-owner, target: registered_model, assert: { required_tags: [o] } }\n`,
      4,
      11,
      /baseline rule/,
    ],
  ])('refuses %s with line and column', (_name, text, line, column, message) => {
    const p = problemOf(text);
    expect(p.message).toMatch(message);
    expect({ line: p.line, column: p.column }).toEqual({ line, column });
  });

  it('refuses a YAML alias bomb quickly, naming the first alias', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const started = Date.now();
    const p = problemOf(
      `${HEAD}metadata:\n  description: bomb\nx:\n${levels.map((l) => `  ${l}`).join('\n')}\n`,
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expect(p.message).toMatch(/refused: YAML aliases expand too much/);
    expect(p.line).toBe(7);
  });

  it('reports an unreadable file with its path', () => {
    const missing = join(dir, 'nope.yaml');
    expect(() => loadPolicyFile(missing)).toThrow(
      `${missing}:1:1: cannot read the policy (ENOENT)`,
    );
  });

  it('finds runlens-policy.yaml beside a store', () => {
    writeFileSync(join(dir, 'runlens-policy.yaml'), readFileSync(DEMO_POLICY));
    expect(findPolicyBeside(join(dir, 'mlruns'))).toBe(join(dir, 'runlens-policy.yaml'));
    expect(findPolicyBeside(join(dir, 'sub', 'mlflow.db'))).toBeNull();
  });
});

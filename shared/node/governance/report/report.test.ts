/**
 * The audit report of credit-approval v2 (governance-demo FileStore, demo policy, as of 2027-01-15):
 * golden JSON/HTML/Markdown (UPDATE_GOLDEN=1 rewrites them), determinism, and tamper detection.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileStore } from '../../stores/file/FileStore';
import { compilePolicyText } from '../loadPolicy';
import { DEMO_AS_OF } from '../../../../test/support/governance';
import { buildAuditReport } from './build';
import { canonicalJson, sha256 } from './canonical';
import { toHtml } from './html';
import { toMarkdown } from './markdown';
import { checkArtifacts, checkIntegrity, parseReport } from './verify';

const REPO = resolve(import.meta.dirname, '../../../..');
const GOLDEN = join(import.meta.dirname, 'golden');
// Relative paths (vitest runs at the repo root) keep the goldens independent of the checkout's path.
const STORE = 'test/fixtures/governance-demo/mlruns';
const POLICY = 'demo/governance-demo/runlens-policy.yaml';
const policyBytes = readFileSync(join(REPO, POLICY));
const policy = {
  ...compilePolicyText(policyBytes.toString('utf8'), POLICY),
  sha256: sha256(policyBytes),
};
const tmp = mkdtempSync(join(tmpdir(), 'runlens-report-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function report(storePath: string = STORE, version?: string) {
  const store = new FileStore(storePath);
  try {
    await store.open();
    return await buildAuditReport(store, {
      model: 'credit-approval',
      version,
      policy,
      asOf: DEMO_AS_OF,
    });
  } finally {
    await store.close();
  }
}

function golden(name: string, text: string): void {
  const path = join(GOLDEN, name);
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(path, text);
  expect(text).toBe(readFileSync(path, 'utf8'));
}

describe('audit report', () => {
  it('matches the golden JSON, HTML and Markdown', async () => {
    const r = await report();
    expect(r.version.version).toBe('2'); // @champion by default
    golden('credit-approval-v2.json', `${canonicalJson(r)}\n`);
    golden('credit-approval-v2.html', toHtml(r));
    golden('credit-approval-v2.md', toMarkdown(r));
  });

  it('is deterministic and carries what an auditor needs', async () => {
    const [a, b] = [await report(), await report()];
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(a.lineage).toMatchObject({
      gitCommit: 'b820d13c1804d8e0bb6ac5d4ef25a4536045c68d',
      gitRepo: 'https://github.com/example-bank/credit-approval.git',
      entryPoint: 'main',
      user: 'alice',
      experiment: { name: 'governance-demo' },
    });
    expect(a.approval).toMatchObject({
      status: 'approved',
      approvedBy: 'bob',
      trainedBy: 'alice',
      productionHolder: true,
    });
    expect(a.datasets.map((d) => `${d.name}:${d.context}`)).toEqual([
      'credit-test:evaluation',
      'credit-train:training',
    ]);
    expect(a.artifacts.files.length).toBe(14);
    expect(a.artifacts.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
    expect(a.monitoring.newest?.runName).toBe('weekly-2027-01-11');
    expect(a.monitoring.findings.find((f) => f.rule === 'monitoring-healthy')?.outcome).toBe(
      'FAIL',
    );
    expect(a.limits.join(' ')).toMatch(/self-declared.*mlflow#2169/s);
    expect(checkIntegrity(a).ok).toBe(true);
  });

  it('verify catches an edited report', async () => {
    const text = canonicalJson(await report());
    const tampered = parseReport(text.replace('"approved_by":"bob"', '"approved_by":"eve"'));
    expect(text).toContain('"approved_by":"bob"');
    const check = checkIntegrity(tampered);
    expect(check.ok).toBe(false);
    expect(check.actual).not.toBe(check.expected);
    expect(checkIntegrity(parseReport(text)).ok).toBe(true);
  });

  it('verify catches an edited artifact in the store', async () => {
    const copy = join(tmp, 'mlruns');
    cpSync(join(REPO, STORE), copy, { recursive: true });
    const r = await report(copy);
    const runDir = join(copy, r.lineage?.experiment.id ?? '', r.lineage?.runId ?? '', 'artifacts');
    writeFileSync(join(runDir, 'metrics.json'), '{"accuracy": 0.99}');
    const store = new FileStore(copy);
    try {
      await store.open();
      const checks = await checkArtifacts(r, store);
      expect(checks.filter((c) => !c.ok).map((c) => c.what)).toEqual(['artifact metrics.json']);
    } finally {
      await store.close();
    }
  });
});

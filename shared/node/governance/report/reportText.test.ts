/**
 * The app's "Audit report" (contract method buildGovernanceReport) gives the very bytes the CLI's
 * `governance report --out` writes, for each format and both store kinds; the JSON verifies.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reportCommand } from '../../cli/governanceReport';
import { InspectorService } from '../../service/InspectorService';
import { DEMO, DEMO_POLICY } from '../../../../test/support/governance';
import { checkIntegrity, parseReport } from './verify';

const tmp = mkdtempSync(join(tmpdir(), 'runlens-app-report-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function cliText(store: string, out: string, extra: string[] = []): Promise<string> {
  const io = {
    stdout: () => undefined,
    stderr: () => undefined,
    cwd: tmp,
    untilStopped: () => new Promise<void>(() => undefined),
    launchDesktop: async () => 0,
  };
  const args = [store, '--model', 'credit-approval', '--policy', DEMO_POLICY];
  expect(await reportCommand([...args, '--as-of', '2027-01-15', '--out', out, ...extra], io)).toBe(
    0,
  );
  return readFileSync(join(tmp, out), 'utf8');
}

describe.each([
  ['FileStore', join(DEMO, 'mlruns')],
  ['SQLite', join(DEMO, 'mlflow.db')],
])('buildGovernanceReport on the %s', (_kind, location) => {
  it('answers the CLI report byte for byte, in every format', async () => {
    const service = new InspectorService({ dataDir: () => join(tmp, 'data') });
    try {
      const opened = await service.openStore({ location });
      if (!opened.ok) throw new Error(opened.error.message);
      const storeId = opened.value.storeId;
      for (const format of ['json', 'html', 'md'] as const) {
        const answer = await service.buildGovernanceReport({
          storeId,
          model: 'credit-approval',
          format,
          policyPath: DEMO_POLICY,
          asOf: '2027-01-15',
        });
        if (!answer.ok) throw new Error(answer.error.message);
        expect(answer.value.version).toBe('2');
        expect(answer.value.fileName).toBe(`audit-credit-approval-v2-2027-01-15.${format}`);
        expect(answer.value.text).toBe(await cliText(location, `r.${format}`));
        if (format === 'json') {
          const parsed = parseReport(answer.value.text);
          expect(checkIntegrity(parsed).ok).toBe(true);
          expect(parsed.integrity.sha256).toBe(answer.value.sha256);
        }
      }
      const v3 = await service.buildGovernanceReport({
        storeId,
        model: 'credit-approval',
        version: '3',
        format: 'md',
        policyPath: DEMO_POLICY,
      });
      expect(v3.ok && v3.value.version).toBe('3');
      const missing = await service.buildGovernanceReport({ storeId, model: 'nope', format: 'md' });
      expect(!missing.ok && missing.error.code).toBe('NOT_FOUND');
      const badPolicy = await service.buildGovernanceReport({
        storeId,
        model: 'credit-approval',
        format: 'json',
        policyPath: join(DEMO, 'README.md'),
      });
      expect(!badPolicy.ok && badPolicy.error.code).toBe('INVALID_ARGUMENT');
      expect(!badPolicy.ok && badPolicy.error.message).toMatch(/README\.md:\d+:\d+/);
    } finally {
      await service.dispose();
    }
  });
});

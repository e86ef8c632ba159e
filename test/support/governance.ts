/** Test helpers: evaluate a fixture store (FileStore or SQLite) with a policy, closing the store. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { evaluateGovernance } from '../../shared/common/governance/engine';
import type {
  CompiledPolicy,
  GovernanceReport,
  Outcome,
} from '../../shared/common/governance/types';
import { FileStore } from '../../shared/node/stores/file/FileStore';
import { SqliteStore } from '../../shared/node/stores/sqlite/SqliteStore';
import type { TrackingStore } from '../../shared/node/stores/TrackingStore';
import { gatherGovernanceInput } from '../../shared/node/governance/gather';

export const FIXTURES = resolve(import.meta.dirname, '../fixtures');
export const DEMO = join(FIXTURES, 'governance-demo');
/** The demo's monitoring week 6 ran 2027-01-11 06:00 UTC; a week later everything is fresh. */
export const DEMO_AS_OF = Date.parse('2027-01-15T00:00:00Z');

export type Kind = 'file' | 'sqlite';
export const DEMO_POLICY = resolve(
  import.meta.dirname,
  '../../demo/governance-demo/runlens-policy.yaml',
);
type Table = Record<string, Outcome>;

export function openFixture(dir: string, kind: Kind): TrackingStore {
  return kind === 'file'
    ? new FileStore(join(dir, 'mlruns'))
    : new SqliteStore(join(dir, 'mlflow.db'));
}

export async function evaluateFixture(
  dir: string,
  kind: Kind,
  policy: CompiledPolicy,
  asOf: number,
): Promise<GovernanceReport> {
  const store = openFixture(dir, kind);
  try {
    await store.open();
    return evaluateGovernance(await gatherGovernanceInput(store), policy, asOf);
  } finally {
    await store.close();
  }
}

interface Ids {
  stores: Record<'filestore' | 'sqlite', { runs: Record<string, { run_id: string }> }>;
}
const ids = JSON.parse(readFileSync(join(DEMO, 'ids.json'), 'utf8')) as Ids;

/** Role → entity id in one store (runs differ per store; models and versions are named). */
export function roleIds(kind: Kind): Record<string, string> {
  const store = ids.stores[kind === 'file' ? 'filestore' : 'sqlite'];
  const out: Record<string, string> = {};
  for (const [role, r] of Object.entries(store.runs)) {
    out[role.replace(/^monitoring-week-/, 'mw')] = r.run_id;
  }
  return out;
}

/** The outcome of `rule` on each role, read from a report. */
export function outcomesByRole(
  report: GovernanceReport,
  rule: string,
  roles: readonly string[],
  idOf: (role: string) => string,
): Table {
  const out: Table = {};
  for (const role of roles) {
    const entity = report.entities.find((e) => e.id === idOf(role));
    const finding = entity?.findings.find((f) => f.rule === rule);
    out[role] = finding?.outcome ?? ('missing' as Outcome);
  }
  return out;
}

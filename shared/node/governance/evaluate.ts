/**
 * Governance of one open store: find or load the policy, gather the entities through the store's
 * TrackingStore interface (FileStore, SQLite, remote alike), evaluate as of a given day.
 */
import { isAbsolute, resolve } from 'node:path';
import { StoreError } from '../../common/errors';
import { evaluateGovernance } from '../../common/governance/engine';
import { baselinePolicy } from '../../common/governance/policy';
import type { CompiledPolicy, GovernanceEvaluation } from '../../common/governance/types';
import type { TrackingStore } from '../stores/TrackingStore';
import { gatherGovernanceInput } from './gather';
import { findPolicyBeside, loadPolicyFile, PolicyLoadError } from './loadPolicy';

/** `YYYY-MM-DD` (start of that day, UTC) or a full ISO date-time; throws INVALID_ARGUMENT otherwise. */
export function parseAsOf(text: string | undefined, now: () => number = Date.now): number {
  if (text === undefined) return now();
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text;
  const t = /^\d{4}-\d{2}-\d{2}T/.test(iso) ? Date.parse(iso) : NaN;
  if (Number.isNaN(t))
    throw new StoreError(
      'INVALID_ARGUMENT',
      `as-of '${text}' is not a date (YYYY-MM-DD or ISO 8601)`,
    );
  return t;
}

export interface PolicyChoice {
  path: string | null;
  policy: CompiledPolicy;
}

/** The policy given (relative to `cwd`), else runlens-policy.yaml beside a local store, else the baseline. */
export function choosePolicy(
  store: Pick<TrackingStore, 'kind' | 'location'>,
  policyPath: string | undefined,
  cwd: string,
): PolicyChoice {
  const path =
    policyPath !== undefined
      ? isAbsolute(policyPath)
        ? policyPath
        : resolve(cwd, policyPath)
      : store.kind === 'rest'
        ? null
        : findPolicyBeside(store.location);
  return { path, policy: path === null ? baselinePolicy() : loadPolicyFile(path) };
}

export async function evaluateStore(
  store: TrackingStore,
  opts: { policyPath?: string | undefined; asOf?: string | undefined; cwd: string },
  signal?: AbortSignal,
): Promise<GovernanceEvaluation> {
  const asOf = parseAsOf(opts.asOf);
  let choice: PolicyChoice;
  try {
    choice = choosePolicy(store, opts.policyPath, opts.cwd);
  } catch (err) {
    if (!(err instanceof PolicyLoadError)) throw err;
    const path = err.problems[0]?.file ?? opts.policyPath ?? null;
    return { policyPath: path, policyProblems: err.problems, report: null, settings: null };
  }
  const input = await gatherGovernanceInput(store, signal);
  return {
    policyPath: choice.path,
    policyProblems: [],
    report: evaluateGovernance(input, choice.policy, asOf),
    settings: choice.policy.settings,
  };
}

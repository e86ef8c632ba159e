/**
 * What every rule sees besides its entity: lookups over the gathered input, the settings and "now".
 * Built once per evaluation so rules stay small and O(1) per entity.
 */
import type { Experiment, LoggedModel, ModelVersion, Run } from '../types';
import type { GovernanceInput, PolicySettings, Severity } from './types';

export interface EngineContext {
  input: GovernanceInput;
  settings: PolicySettings;
  /** Epoch ms of "now" (`--as-of`). */
  asOf: number;
  runsById: Map<string, Run>;
  experimentsById: Map<string, Experiment>;
  loggedModelsById: Map<string, LoggedModel>;
  /** Run ids that back at least one model version. */
  backingRuns: Set<string>;
  versionsByModel: Map<string, ModelVersion[]>;
  /** Model name → its monitoring runs, newest first. */
  monitoringRuns: Map<string, Run[]>;
}

/** The result of one rule on one entity, before severity, overrides and waivers are applied. */
export type RuleResult =
  | { status: 'pass'; field: string; observed: string; expected: string; fix?: string }
  | {
      status: 'fail';
      field: string;
      observed: string;
      expected: string;
      fix: string;
      /** Overrides the rule's default severity (e.g. code-version on a run that backs a version). */
      severity?: Severity;
    }
  | { status: 'na' | 'error'; field: string; observed: string; expected: string; fix?: string };

export interface BaselineRule<E> {
  id: string;
  severity: Severity;
  check(entity: E, ctx: EngineContext): RuleResult;
}

export const DAY_MS = 86_400_000;

function runTime(r: Run): number {
  return r.info.startTime ?? r.info.endTime ?? 0;
}

export function buildContext(
  input: GovernanceInput,
  settings: PolicySettings,
  asOf: number,
): EngineContext {
  const runsById = new Map(input.runs.map((r) => [r.info.runId, r]));
  const experimentsById = new Map(input.experiments.map((e) => [e.experimentId, e]));
  const versionsByModel = new Map<string, ModelVersion[]>();
  for (const v of input.modelVersions) {
    const list = versionsByModel.get(v.name) ?? [];
    list.push(v);
    versionsByModel.set(v.name, list);
  }
  const monitoringExperiment = settings.monitoring.experiment;
  const monitoringRuns = new Map<string, Run[]>();
  for (const m of input.registeredModels) {
    const runs = input.runs.filter((r) => {
      // A run that starts after "as of" did not exist yet: the result is what one saw on that day.
      if (r.info.lifecycleStage !== 'active' || runTime(r) > asOf) return false;
      if (r.data.tags['monitoring_for'] === m.name) return true;
      const exp = experimentsById.get(r.info.experimentId);
      return monitoringExperiment !== null && exp?.name === monitoringExperiment;
    });
    runs.sort((a, b) => runTime(b) - runTime(a) || a.info.runId.localeCompare(b.info.runId));
    monitoringRuns.set(m.name, runs);
  }
  return {
    input,
    settings,
    asOf,
    runsById,
    experimentsById,
    loggedModelsById: new Map(input.loggedModels.map((l) => [l.modelId, l])),
    backingRuns: new Set(input.modelVersions.flatMap((v) => (v.runId ? [v.runId] : []))),
    versionsByModel,
    monitoringRuns,
  };
}

/** Aliases a version holds, from the version itself or from its model (FileStore keeps them there). */
export function aliasesOf(v: ModelVersion, ctx: EngineContext): string[] {
  const model = ctx.input.registeredModels.find((m) => m.name === v.name);
  const fromModel = (model?.aliases ?? [])
    .filter((a) => a.version === v.version)
    .map((a) => a.alias);
  return [...new Set([...v.aliases, ...fromModel])].sort();
}

/** Is this version in production: a production alias, or the legacy stage Production? */
export function isProduction(v: ModelVersion, ctx: EngineContext): boolean {
  return (
    v.currentStage === 'Production' ||
    aliasesOf(v, ctx).some((a) => ctx.settings.productionAliases.includes(a))
  );
}

export function iso(ms: number | null): string {
  return ms === null ? 'unknown' : new Date(ms).toISOString();
}

export function present(v: string | null | undefined): boolean {
  return v !== null && v !== undefined && v.trim() !== '';
}

export function shown(v: string | null | undefined): string {
  return present(v) ? JSON.stringify(v) : 'missing';
}

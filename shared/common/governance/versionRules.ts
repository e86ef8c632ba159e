/** Baseline rules on model versions: lineage, description, approval, four eyes, stages, fairness, age. */
import type { ModelVersion } from '../types';
import { aliasesOf, type BaselineRule, DAY_MS, isProduction, present, shown } from './context';
import { checkThresholds, expectedOf, observedOf } from './thresholds';
import { ownValue } from '../records';

const q = JSON.stringify;

/** Does `source` lie under `root` (both URIs or paths; a trailing slash is not needed)? */
function under(source: string, root: string): boolean {
  const r = root.replace(/\/+$/, '');
  return r !== '' && (source === r || source.startsWith(`${r}/`));
}

const versionLineage: BaselineRule<ModelVersion> = {
  id: 'version-lineage',
  severity: 'error',
  check(v, ctx) {
    const base = {
      field: 'run_id, source',
      expected: "a run of this store, and a source under that run's artifacts or its LoggedModel",
      fix: `mlflow.register_model("runs:/<run_id>/model", ${q(v.name)}) from the run that trained it`,
    };
    const run = v.runId ? ctx.runsById.get(v.runId) : undefined;
    if (run === undefined)
      return {
        ...base,
        status: 'fail',
        observed: v.runId ? `run ${v.runId} not in this store` : 'no run_id',
      };
    const logged = v.modelId ? ctx.loggedModelsById.get(v.modelId) : undefined;
    const ok =
      under(v.source, run.info.artifactUri) ||
      v.source.startsWith(`runs:/${run.info.runId}/`) ||
      (logged !== undefined &&
        (under(v.source, logged.artifactUri) || v.source === `models:/${logged.modelId}`));
    return {
      ...base,
      status: ok ? 'pass' : 'fail',
      observed: `run ${run.info.runId}, source ${v.source}`,
    };
  },
};

const versionDescribed: BaselineRule<ModelVersion> = {
  id: 'version-described',
  severity: 'warn',
  check(v) {
    return {
      status: present(v.description) ? 'pass' : 'fail',
      field: 'description',
      observed: present(v.description) ? 'present' : 'missing',
      expected: 'a description',
      fix: `client.update_model_version(${q(v.name)}, ${q(v.version)}, description="<what changed>")`,
    };
  },
};

const approvedBeforeProd: BaselineRule<ModelVersion> = {
  id: 'approved-before-prod',
  severity: 'error',
  check(v, ctx) {
    const { tag, approved, approverTag } = ctx.settings.approval;
    const status = ownValue(v.tags, tag);
    const approver = ownValue(v.tags, approverTag);
    const where = [
      ...aliasesOf(v, ctx).map((a) => `@${a}`),
      ...(v.currentStage === 'Production' ? ['stage Production'] : []),
    ];
    const base = {
      field: `tags.${tag}, tags.${approverTag}`,
      expected: `${tag} in [${approved.join(', ')}] and ${approverTag} set before production`,
      fix: `client.set_model_version_tag(${q(v.name)}, ${q(v.version)}, ${q(tag)}, ${q(approved[0] ?? 'approved')}) and (${q(approverTag)}, "<reviewer>") after review`,
    };
    const observed = `${where.join(', ') || 'not in production'}; ${tag}=${shown(status)}, ${approverTag}=${shown(approver)}`;
    if (!isProduction(v, ctx)) return { ...base, status: 'na', observed };
    const ok = status !== undefined && approved.includes(status) && present(approver);
    return { ...base, status: ok ? 'pass' : 'fail', observed };
  },
};

const fourEyes: BaselineRule<ModelVersion> = {
  id: 'four-eyes',
  severity: 'warn',
  check(v, ctx) {
    const approverTag = ctx.settings.approval.approverTag;
    const approver = ownValue(v.tags, approverTag);
    const run = v.runId ? ctx.runsById.get(v.runId) : undefined;
    const authors = [v.userId, run?.data.tags['mlflow.user'], run?.info.userId].filter(
      (u): u is string => present(u),
    );
    const base = {
      field: `tags.${approverTag}`,
      expected: `an approver other than the author (${[...new Set(authors)].join(', ') || 'unknown'})`,
      fix: `client.set_model_version_tag(${q(v.name)}, ${q(v.version)}, ${q(approverTag)}, "<a second reviewer>")`,
    };
    if (!present(approver)) return { ...base, status: 'na', observed: 'no approval recorded' };
    return {
      ...base,
      status: authors.includes(approver as string) ? 'fail' : 'pass',
      observed: q(approver),
    };
  },
};

const noLegacyStages: BaselineRule<ModelVersion> = {
  id: 'no-legacy-stages',
  severity: 'info',
  check(v) {
    const stage = v.currentStage || 'None';
    return {
      status: stage === 'None' ? 'pass' : 'fail',
      field: 'current_stage',
      observed: stage,
      expected: 'None (aliases instead of deprecated stages)',
      fix: `client.set_registered_model_alias(${q(v.name)}, "<alias>", ${q(v.version)}) instead of transition_model_version_stage`,
    };
  },
};

const fairnessMeasured: BaselineRule<ModelVersion> = {
  id: 'fairness-measured',
  severity: 'warn',
  check(v, ctx) {
    const metrics = ctx.settings.fairness;
    const run = v.runId ? ctx.runsById.get(v.runId) : undefined;
    const fix = `evaluate on the sensitive groups and mlflow.log_metric("<fairness metric>", value) on run ${v.runId ?? '<run>'}`;
    if (Object.keys(metrics).length === 0)
      return {
        status: 'na',
        field: 'settings.fairness.metrics',
        observed: 'none in the policy',
        expected: 'fairness metrics to check',
        fix,
      };
    if (run === undefined)
      return {
        status: 'na',
        field: 'source run',
        observed: 'no source run',
        expected: 'a source run',
        fix,
      };
    const checks = checkThresholds(run, metrics);
    return {
      status: checks.every((c) => c.ok) ? 'pass' : 'fail',
      field: 'run metrics',
      observed: observedOf(checks),
      expected: expectedOf(checks),
      fix,
    };
  },
};

const maxAge: BaselineRule<ModelVersion> = {
  id: 'max-age',
  severity: 'warn',
  check(v, ctx) {
    const days = ctx.settings.maxAgeDays;
    const base = {
      field: 'creation_timestamp',
      expected: `a production version younger than ${days} days`,
      fix: `retrain and register a new version, then client.set_registered_model_alias(${q(v.name)}, "champion", <new version>)`,
    };
    const age = v.creationTimestamp === null ? null : (ctx.asOf - v.creationTimestamp) / DAY_MS;
    const observed = age === null ? 'unknown' : `${age.toFixed(1)} days`;
    if (!isProduction(v, ctx))
      return { ...base, status: 'na', observed: `not in production (${observed})` };
    if (age === null) return { ...base, status: 'error', observed };
    return { ...base, status: age <= days ? 'pass' : 'fail', observed };
  },
};

export const VERSION_RULES: BaselineRule<ModelVersion>[] = [
  versionLineage,
  versionDescribed,
  approvedBeforeProd,
  fourEyes,
  noLegacyStages,
  fairnessMeasured,
  maxAge,
];

/** Baseline rules on registered models: description, owner, model card, monitoring. */
import type { RegisteredModel } from '../types';
import { type BaselineRule, DAY_MS, iso, isProduction, present, shown } from './context';
import { checkThresholds, expectedOf, observedOf } from './thresholds';

const modelDescribed: BaselineRule<RegisteredModel> = {
  id: 'model-described',
  severity: 'error',
  check(m) {
    return {
      status: present(m.description) ? 'pass' : 'fail',
      field: 'description',
      observed: present(m.description) ? 'present' : 'missing',
      expected: 'a description',
      fix: `client.update_registered_model(${JSON.stringify(m.name)}, description="<purpose, data, owner>")`,
    };
  },
};

const modelOwner: BaselineRule<RegisteredModel> = {
  id: 'model-owner',
  severity: 'error',
  check(m) {
    const v = m.tags['owner'];
    return {
      status: present(v) ? 'pass' : 'fail',
      field: 'tags.owner',
      observed: shown(v),
      expected: 'an owner',
      fix: `client.set_registered_model_tag(${JSON.stringify(m.name)}, "owner", "<team>")`,
    };
  },
};

const CARD_FILE = /(^|\/)model[_-]?card[^/]*$/i;

const modelCard: BaselineRule<RegisteredModel> = {
  id: 'model-card',
  severity: 'warn',
  check(m, ctx) {
    const tags = ['intended_use', 'limitations'].filter((t) => !present(m.tags[t]));
    const cardRuns = (ctx.versionsByModel.get(m.name) ?? []).filter(
      (v) =>
        v.runId !== null && (ctx.input.artifactPaths[v.runId] ?? []).some((p) => CARD_FILE.test(p)),
    );
    const ok = tags.length === 0 || cardRuns.length > 0;
    return {
      status: ok ? 'pass' : 'fail',
      field: 'tags.intended_use, tags.limitations',
      observed:
        tags.length === 0
          ? 'both tags present'
          : cardRuns.length > 0
            ? `model card artifact on version ${cardRuns.map((v) => v.version).join(', ')}`
            : `missing ${tags.join(', ')}; no model card artifact`,
      expected: 'tags intended_use and limitations, or a model-card artifact',
      fix: `client.set_registered_model_tag(${JSON.stringify(m.name)}, "intended_use", "…") and "limitations", or mlflow.log_text(card, "model_card.md")`,
    };
  },
};

const monitored: BaselineRule<RegisteredModel> = {
  id: 'monitored',
  severity: 'warn',
  check(m, ctx) {
    const days = ctx.settings.monitoring.maxAgeDays;
    const inProd = (ctx.versionsByModel.get(m.name) ?? []).some((v) => isProduction(v, ctx));
    const newest = ctx.monitoringRuns.get(m.name)?.[0];
    const base = {
      field: `runs tagged monitoring_for=${m.name}`,
      expected: `a monitoring run newer than ${days} days`,
      fix: `log a scheduled evaluation run: mlflow.start_run(tags={"monitoring_for": ${JSON.stringify(m.name)}})`,
    };
    if (newest === undefined) {
      return inProd
        ? { ...base, status: 'fail', observed: 'no monitoring run' }
        : { ...base, status: 'na', observed: 'no version in production and no monitoring run' };
    }
    const t = newest.info.startTime ?? newest.info.endTime;
    const ageDays = t === null ? Infinity : (ctx.asOf - t) / DAY_MS;
    return {
      ...base,
      status: ageDays <= days ? 'pass' : 'fail',
      observed: `newest ${newest.info.runName || newest.info.runId} at ${iso(t)} (${Number.isFinite(ageDays) ? ageDays.toFixed(1) : '?'} days before as-of)`,
    };
  },
};

const monitoringHealthy: BaselineRule<RegisteredModel> = {
  id: 'monitoring-healthy',
  severity: 'error',
  check(m, ctx) {
    const thresholds = ctx.settings.monitoring.thresholds;
    const newest = ctx.monitoringRuns.get(m.name)?.[0];
    const fix = `investigate the drift, retrain, then client.set_registered_model_alias(${JSON.stringify(m.name)}, "champion", <fixed version>)`;
    if (Object.keys(thresholds).length === 0)
      return {
        status: 'na',
        field: 'settings.monitoring.thresholds',
        observed: 'none in the policy',
        expected: 'thresholds to check',
        fix,
      };
    if (newest === undefined)
      return {
        status: 'na',
        field: 'monitoring run',
        observed: 'no monitoring run',
        expected: 'a monitoring run',
        fix,
      };
    const checks = checkThresholds(newest, thresholds);
    return {
      status: checks.every((c) => c.ok) ? 'pass' : 'fail',
      field: `metrics of ${newest.info.runName || newest.info.runId} (${iso(newest.info.startTime)})`,
      observed: observedOf(checks),
      expected: expectedOf(checks),
      fix,
    };
  },
};

export const MODEL_RULES: BaselineRule<RegisteredModel>[] = [
  modelDescribed,
  modelOwner,
  modelCard,
  monitored,
  monitoringHealthy,
];

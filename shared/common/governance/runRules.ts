/**
 * Baseline rules on runs (GOVERNANCE.md's table). Each says what it read, what it expected and the
 * MLflow call that fixes it.
 */
import type { Run } from '../types';
import { type BaselineRule, type RuleResult, present, shown } from './context';

const COMMIT = /^[0-9a-f]{40}$/;
const TRAINING_CONTEXTS = ['training', 'train'];

const namedExperiment: BaselineRule<Run> = {
  id: 'named-experiment',
  severity: 'warn',
  check(run, ctx) {
    const exp = ctx.experimentsById.get(run.info.experimentId);
    const name = exp?.name ?? '';
    const isDefault = run.info.experimentId === '0' || name === 'Default';
    return {
      status: isDefault ? 'fail' : 'pass',
      field: 'experiment',
      observed: `${JSON.stringify(name)} (id ${run.info.experimentId})`,
      expected: 'a named experiment, not Default (id 0)',
      fix: 'mlflow.set_experiment("<team>-<project>") before mlflow.start_run()',
    };
  },
};

const paramsLogged: BaselineRule<Run> = {
  id: 'params-logged',
  severity: 'warn',
  check(run) {
    const n = Object.keys(run.data.params).length;
    return {
      status: n > 0 ? 'pass' : 'fail',
      field: 'params',
      observed: `${n} params`,
      expected: 'at least one param',
      fix: 'mlflow.log_params({"C": C, "max_iter": max_iter})',
    };
  },
};

const metricsLogged: BaselineRule<Run> = {
  id: 'metrics-logged',
  severity: 'error',
  check(run) {
    const n = Object.keys(run.data.metrics).length;
    return {
      status: n > 0 ? 'pass' : 'fail',
      field: 'metrics',
      observed: `${n} metrics`,
      expected: 'at least one metric',
      fix: 'mlflow.log_metric("accuracy", accuracy)',
    };
  },
};

const runFinished: BaselineRule<Run> = {
  id: 'run-finished',
  severity: 'info',
  check(run) {
    return {
      status: run.info.status === 'FINISHED' ? 'pass' : 'fail',
      field: 'status',
      observed: run.info.status,
      expected: 'FINISHED',
      fix:
        run.info.status === 'RUNNING'
          ? 'mlflow.end_run() in the process that started the run (or client.set_terminated(run_id, "KILLED") if it died)'
          : 'rerun the job to completion; failed runs stay visible for the record',
    };
  },
};

const codeVersion: BaselineRule<Run> = {
  id: 'code-version',
  severity: 'warn',
  check(run, ctx) {
    const tag = run.data.tags['mlflow.source.git.commit'];
    const legacy = run.data.tags['mlflow.source.version'];
    const value = present(tag) ? tag : legacy;
    const ok = value !== undefined && COMMIT.test(value);
    const result: RuleResult = {
      status: ok ? 'pass' : 'fail',
      field: 'tags.mlflow.source.git.commit',
      observed: shown(value),
      expected: 'a 40-hex git commit',
      fix: 'run the code from a git checkout (mlflow run <repo>, or mlflow.start_run() inside the repository) so MLflow records mlflow.source.git.commit',
    };
    return !ok && ctx.backingRuns.has(run.info.runId) ? { ...result, severity: 'error' } : result;
  },
};

const sourceRecorded: BaselineRule<Run> = {
  id: 'source-recorded',
  severity: 'warn',
  check(run) {
    const v = run.data.tags['mlflow.source.name'];
    return {
      status: present(v) ? 'pass' : 'fail',
      field: 'tags.mlflow.source.name',
      observed: shown(v),
      expected: 'the entry point or script that produced the run',
      fix: 'mlflow.set_tag("mlflow.source.name", "<script or project>") (set automatically by mlflow.start_run() from a script)',
    };
  },
};

const userRecorded: BaselineRule<Run> = {
  id: 'user-recorded',
  severity: 'warn',
  check(run) {
    const v = present(run.data.tags['mlflow.user'])
      ? run.data.tags['mlflow.user']
      : run.info.userId;
    return {
      status: present(v) ? 'pass' : 'fail',
      field: 'tags.mlflow.user',
      observed: shown(v),
      expected: 'the user who ran it',
      fix: 'mlflow.set_tag("mlflow.user", "<user>") (MLflow sets it from $USER)',
    };
  },
};

const dataLineage: BaselineRule<Run> = {
  id: 'data-lineage',
  severity: 'info',
  check(run, ctx) {
    const inputs = run.inputs.datasetInputs;
    const training = inputs.filter((d) =>
      TRAINING_CONTEXTS.includes(d.tags['mlflow.data.context'] ?? ''),
    );
    const ok = training.some((d) => present(d.dataset.digest) && present(d.dataset.source));
    const observed =
      inputs.length === 0
        ? 'no dataset inputs'
        : inputs
            .map((d) => `${d.dataset.name} (context ${d.tags['mlflow.data.context'] ?? 'none'})`)
            .join(', ');
    const result: RuleResult = {
      status: ok ? 'pass' : 'fail',
      field: 'inputs.dataset_inputs',
      observed,
      expected: 'a dataset with context "training", a digest and a source',
      fix: 'mlflow.log_input(mlflow.data.from_pandas(df, source=<uri>, name=<name>), context="training")',
    };
    return !ok && ctx.backingRuns.has(run.info.runId) ? { ...result, severity: 'error' } : result;
  },
};

const runDescribed: BaselineRule<Run> = {
  id: 'run-described',
  severity: 'info',
  check(run) {
    const v = run.data.tags['mlflow.note.content'];
    return {
      status: present(v) ? 'pass' : 'fail',
      field: 'tags.mlflow.note.content',
      observed: present(v) ? 'present' : 'missing',
      expected: 'a description',
      fix: 'client.set_tag(run_id, "mlflow.note.content", "<what this run is for>")',
    };
  },
};

export const RUN_RULES: BaselineRule<Run>[] = [
  namedExperiment,
  paramsLogged,
  metricsLogged,
  runFinished,
  codeVersion,
  sourceRecorded,
  userRecorded,
  dataLineage,
  runDescribed,
];

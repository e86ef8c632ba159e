/**
 * Builds the audit report of one model version from a store: lineage, params, metrics, datasets, an
 * artifact manifest hashed file by file, model card fields, approval trail, monitoring, compliance.
 * Deterministic: the same store, policy and as-of give byte-identical canonical JSON.
 */
import { StoreError } from '../../../common/errors';
import { evaluateGovernance } from '../../../common/governance/engine';
import type { CompiledPolicy } from '../../../common/governance/types';
import type { Metric, ModelVersion, Run } from '../../../common/types';
import type { TrackingStore } from '../../stores/TrackingStore';
import { gatherGovernanceInput } from '../gather';
import { canonicalJson, sha256 } from './canonical';
import type { ArtifactEntry, AuditReport, AuditReportBody } from './model';
import { ownValue } from '../../../common/records';

export const REPORT_LIMITS = [
  'Tags and users are self-declared: MLflow records what the client sent (mlflow.user comes from $USER, approvals are tags anyone with write access can set).',
  'MLflow keeps no history of alias or stage changes (mlflow#2169): the report shows the registry as it is now. Runlens records what it observed over time in its own hash-chained log.',
  'Artifact hashes are computed by Runlens from the files in the store when the report was made; MLflow itself stores no checksums.',
  'Results are as of the date stated; rules about time (monitoring freshness, age, waivers) depend on it.',
];

const MODEL_CARD_TAGS = ['owner', 'intended_use', 'limitations', 'risk_level'];
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const metricValue = (m: Metric) => (Number.isFinite(m.value) ? m.value : String(m.value));
const sorted = <T>(o: Record<string, T>): Record<string, T> =>
  Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

async function manifest(
  store: TrackingStore,
  runId: string,
): Promise<AuditReportBody['artifacts']> {
  const files: ArtifactEntry[] = [];
  const unreadable: string[] = [];
  const walk = async (path: string): Promise<void> => {
    for (const f of await store.listArtifacts(runId, path)) {
      if (f.isDir) await walk(f.path);
      else {
        try {
          const { bytes, size } = await store.readArtifact(
            runId,
            f.path,
            Math.max(1, f.fileSize ?? 0),
          );
          if (bytes.length !== size) throw new Error('changed while reading');
          files.push({ path: f.path, size, sha256: sha256(bytes) });
        } catch {
          unreadable.push(f.path);
        }
      }
    }
  };
  try {
    await walk('');
  } catch {
    unreadable.push('(artifact root)');
  }
  files.sort((a, b) => (a.path < b.path ? -1 : 1));
  return { files, unreadable };
}

function pickVersion(
  versions: ModelVersion[],
  aliases: Record<string, string>,
  wanted?: string,
): ModelVersion {
  if (wanted !== undefined) {
    const v = versions.find((x) => x.version === wanted);
    if (!v) throw new StoreError('NOT_FOUND', `model version ${wanted} not found`);
    return v;
  }
  // Default: the version a production alias points at, else the newest.
  const prod = ['champion', 'prod', 'production']
    .map((a) => aliases[a])
    .find((x) => x !== undefined);
  const v =
    versions.find((x) => x.version === prod) ??
    [...versions].sort((a, b) => Number(b.version) - Number(a.version))[0];
  if (!v) throw new StoreError('NOT_FOUND', 'the model has no versions');
  return v;
}

function lineageOf(run: Run, experimentName: string): AuditReportBody['lineage'] {
  const t = run.data.tags;
  return {
    runId: run.info.runId,
    runName: run.info.runName,
    experiment: { id: run.info.experimentId, name: experimentName },
    user: t['mlflow.user'] ?? (run.info.userId || null),
    status: run.info.status,
    startTime: iso(run.info.startTime),
    endTime: iso(run.info.endTime),
    gitCommit: t['mlflow.source.git.commit'] ?? null,
    gitRepo: t['mlflow.source.git.repoURL'] ?? t['mlflow.gitRepoURL'] ?? null,
    source: t['mlflow.source.name'] ?? null,
    sourceType: t['mlflow.source.type'] ?? null,
    entryPoint: t['mlflow.project.entryPoint'] ?? null,
    parentRunId: t['mlflow.parentRunId'] ?? null,
  };
}

export async function buildAuditReport(
  store: TrackingStore,
  opts: { model: string; version?: string | undefined; policy: CompiledPolicy; asOf: number },
): Promise<AuditReport> {
  const input = await gatherGovernanceInput(store);
  const model = input.registeredModels.find((m) => m.name === opts.model);
  if (!model) throw new StoreError('NOT_FOUND', `registered model '${opts.model}' not found`);
  const aliases = Object.fromEntries(model.aliases.map((a) => [a.alias, a.version]));
  const v = pickVersion(
    input.modelVersions.filter((x) => x.name === model.name),
    aliases,
    opts.version,
  );
  const governance = evaluateGovernance(input, opts.policy, opts.asOf);
  const entity = (id: string) => governance.entities.find((e) => e.id === id) ?? null;
  const run = v.runId ? input.runs.find((r) => r.info.runId === v.runId) : undefined;
  const exp = run
    ? input.experiments.find((e) => e.experimentId === run.info.experimentId)
    : undefined;
  const monitoringRuns = input.runs
    .filter(
      (r) => r.info.lifecycleStage === 'active' && r.data.tags['monitoring_for'] === model.name,
    )
    .filter((r) => (r.info.startTime ?? 0) <= opts.asOf)
    .sort((a, b) => (b.info.startTime ?? 0) - (a.info.startTime ?? 0));
  const newest = monitoringRuns[0];
  const modelResult = entity(model.name);
  const { tag, approverTag } = opts.policy.settings.approval;
  const versionAliases = Object.entries(aliases)
    .filter(([, ver]) => ver === v.version)
    .map(([a]) => a)
    .sort();
  const body: AuditReportBody = {
    schema: 'runlens/audit-report',
    schemaVersion: 1,
    asOf: new Date(opts.asOf).toISOString(),
    store: { kind: store.kind, location: store.location },
    model: {
      name: model.name,
      description: model.description,
      tags: sorted(model.tags),
      aliases: sorted(aliases),
    },
    version: {
      version: v.version,
      aliases: versionAliases,
      stage: v.currentStage,
      description: v.description,
      source: v.source,
      runId: v.runId,
      createdAt: iso(v.creationTimestamp),
      tags: sorted(v.tags),
    },
    policy: {
      name: opts.policy.name,
      version: opts.policy.version,
      source: opts.policy.source,
      sha256: opts.policy.sha256,
    },
    compliance: {
      model: modelResult,
      version: entity(`${v.name}/${v.version}`),
      run: run ? entity(run.info.runId) : null,
    },
    lineage: run ? lineageOf(run, exp?.name ?? '') : null,
    params: run ? sorted(run.data.params) : {},
    metrics: run
      ? sorted(
          Object.fromEntries(Object.entries(run.data.metrics).map(([k, m]) => [k, metricValue(m)])),
        )
      : {},
    datasets: (run?.inputs.datasetInputs ?? [])
      .map((d) => ({
        name: d.dataset.name,
        digest: d.dataset.digest,
        sourceType: d.dataset.sourceType,
        source: d.dataset.source,
        context: d.tags['mlflow.data.context'] ?? null,
      }))
      // Stores list inputs in different orders; the report must not depend on it.
      .sort((a, b) => (a.name + a.digest < b.name + b.digest ? -1 : 1)),
    artifacts: run ? await manifest(store, run.info.runId) : { files: [], unreadable: [] },
    modelCard: Object.fromEntries(MODEL_CARD_TAGS.map((t) => [t, model.tags[t] ?? null])),
    approval: {
      status: ownValue(v.tags, tag) ?? null,
      approvedBy: ownValue(v.tags, approverTag) ?? null,
      trainedBy: run ? (run.data.tags['mlflow.user'] ?? (run.info.userId || null)) : null,
      registeredBy: v.userId,
      productionHolder:
        versionAliases.some((a) => opts.policy.settings.productionAliases.includes(a)) ||
        v.currentStage === 'Production',
    },
    monitoring: {
      runs: monitoringRuns.length,
      newest: newest
        ? {
            runId: newest.info.runId,
            runName: newest.info.runName,
            startTime: iso(newest.info.startTime),
            metrics: sorted(
              Object.fromEntries(
                Object.entries(newest.data.metrics).map(([k, m]) => [k, metricValue(m)]),
              ),
            ),
          }
        : null,
      findings: (modelResult?.findings ?? []).filter(
        (f) => f.rule === 'monitored' || f.rule === 'monitoring-healthy',
      ),
    },
    limits: REPORT_LIMITS,
  };
  return {
    ...body,
    integrity: {
      algorithm: 'sha256',
      canonicalization: 'runlens-canonical-json',
      sha256: sha256(canonicalJson(body)),
    },
  };
}

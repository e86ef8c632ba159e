/**
 * FileStore and SqliteStore of one MLflow version hold the same logical content (one generator wrote
 * both), so Runlens must give the same answers from either. Ids differ (random run uuids, random
 * FileStore experiment ids), so entities are matched by experiment NAME and run NAME, and every value
 * that embeds an id is compared after mapping the id to the name it stands for.
 *
 * Not compared, on purpose:
 * - experiment `creationTime`/`lastUpdateTime`, registry timestamps: the machine clock at generation
 *   time, different for each store (run times and metric timestamps were fixed by the generator, and are
 *   compared);
 * - `artifactLocation`/`artifactUri`: absolute paths of two different folders (`mlruns/…` vs
 *   `mlartifacts/…`, with and without `file://`);
 * - trace request times: traces were made live, one store after the other;
 * - `mlflow.log-model.history` fields `utc_time_created` and `model_uuid`: a clock reading and a fresh
 *   uuid per store; its `run_id` must be the run's own id (checked), the rest must be equal.
 *
 * Compared through names: `mlflow.parentRunId` (parent run name), model version `runId`/`source`
 * (run or LoggedModel named by its source run and name), LoggedModel `sourceRunId`.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Experiment,
  LoggedModel,
  Metric,
  ModelVersion,
  RegisteredModel,
  Run,
  TraceInfo,
} from '../../shared/common/types';
import { FileStore } from '../../shared/node/stores/file/FileStore';
import { SqliteStore } from '../../shared/node/stores/sqlite/SqliteStore';
import type { TrackingStore } from '../../shared/node/stores/TrackingStore';
import { VERSIONS, fixtureDir, loadIds } from './captures';

interface Snapshot {
  store: TrackingStore;
  experiments: Experiment[];
  runs: Run[];
  models: RegisteredModel[];
  versions: ModelVersion[];
  loggedModels: LoggedModel[];
  traces: TraceInfo[];
  /** id → logical name, for every id that can appear inside a value. */
  names: Map<string, string>;
}

async function snapshot(store: TrackingStore): Promise<Snapshot> {
  await store.open();
  const experiments = await store.listExperiments();
  const runs = await store.listRuns(experiments.map((e) => e.experimentId));
  const loggedModels = await store.listLoggedModels();
  const names = new Map<string, string>();
  const expName = new Map(experiments.map((e) => [e.experimentId, e.name]));
  for (const e of experiments) names.set(e.experimentId, `exp:${e.name}`);
  for (const r of runs)
    names.set(r.info.runId, `run:${expName.get(r.info.experimentId)}/${r.info.runName}`);
  for (const m of loggedModels)
    names.set(m.modelId, `model:${names.get(m.sourceRunId ?? '') ?? '?'}/${m.name}`);
  return {
    store,
    experiments,
    runs,
    models: await store.listRegisteredModels(),
    versions: await store.listModelVersions(),
    loggedModels,
    traces: await store.listTraces(),
    names,
  };
}

/** Replaces every id the snapshot knows (32-hex run ids, m-… model ids) by its logical name. */
function named(s: Snapshot, value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return value.replace(
    /\bm-[0-9a-f]{32}\b|\b[0-9a-f]{32}\b/g,
    (id) => s.names.get(id) ?? `unknown-id:${id}`,
  );
}

function runKey(s: Snapshot, r: Run): string {
  return named(s, r.info.runId) ?? '';
}

/** Tags with the id-bearing ones rewritten so that equal content compares equal across stores. */
function logicalTags(s: Snapshot, r: Run): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(r.data.tags)) {
    if (key === 'mlflow.parentRunId') out[key] = named(s, value) ?? '';
    else if (key === 'mlflow.log-model.history') {
      const entries = JSON.parse(value) as Record<string, unknown>[];
      for (const entry of entries) {
        expect(entry.run_id, `${runKey(s, r)} log-model.history run_id`).toBe(r.info.runId);
        delete entry.run_id;
        delete entry.utc_time_created;
        delete entry.model_uuid;
      }
      out[key] = JSON.stringify(entries);
    } else out[key] = value;
  }
  return out;
}

/**
 * Exact duplicate points removed, first occurrence kept. MLflow's SQLite store drops them on insert (the
 * `metrics` primary key is every column), while its FileStore appends every line: 3.1's `log_model`
 * re-logs each metric of the run once, so the FileStore has one extra identical point per key. A
 * duplicate carries no information, so the logical histories are the deduplicated ones.
 */
function withoutExactDuplicates(points: Metric[]): Metric[] {
  const seen = new Set<string>();
  return points.filter((p) => {
    const key = `${p.step}|${p.timestamp}|${p.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The `(name, version)` pairs MLflow's FileStore failed to update (ids-file.json `failed_operations`). */
function failedVersions(version: (typeof VERSIONS)[number]): Set<string> {
  const out = new Set<string>();
  for (const { op } of loadIds(version, 'file').failed_operations) {
    const m = /^(?:delete )?(\S+) v(\d+)\b/.exec(op);
    if (!m) throw new Error(`unrecognised failed operation: ${op}`);
    out.add(`${m[1]}/${m[2]}`);
  }
  return out;
}

/**
 * A version source named by what it points to. `runs:/<id>/model` and `models:/m-…` map through the
 * ids; a plain path or file URI (create_model_version(source=<artifact path>)) is the store's own
 * absolute artifact folder, so only its part from the run on is compared.
 */
function logicalSource(s: Snapshot, source: string): string | null {
  const text = named(s, source) ?? '';
  if (/^(runs|models):\//.test(source)) return text;
  const at = text.indexOf('run:');
  return at >= 0 ? text.slice(at) : text;
}

function logicalVersion(s: Snapshot, v: ModelVersion): Record<string, unknown> {
  return {
    name: v.name,
    version: v.version,
    currentStage: v.currentStage,
    description: v.description,
    source: logicalSource(s, v.source),
    runId: named(s, v.runId),
    status: v.status,
    statusMessage: v.statusMessage,
    userId: v.userId,
    runLink: v.runLink,
    modelId: named(s, v.modelId),
    tags: v.tags,
    aliases: [...v.aliases].sort(),
  };
}

for (const version of VERSIONS) {
  describe(`FileStore ≡ SqliteStore on ${version}`, () => {
    let file: Snapshot;
    let sql: Snapshot;
    const failed = failedVersions(version);

    beforeAll(async () => {
      file = await snapshot(new FileStore(join(fixtureDir(version), 'mlruns')));
      sql = await snapshot(new SqliteStore(join(fixtureDir(version), 'mlflow.db')));
    });
    afterAll(async () => {
      await file?.store.close();
      await sql?.store.close();
    });

    it('same experiments: names, lifecycle, tags', () => {
      const view = (s: Snapshot) =>
        Object.fromEntries(
          s.experiments.map((e) => [e.name, { lifecycleStage: e.lifecycleStage, tags: e.tags }]),
        );
      expect(view(file)).toEqual(view(sql));
    });

    it('same runs, matched by experiment and run name', () => {
      expect(file.runs.map((r) => runKey(file, r)).sort()).toEqual(
        sql.runs.map((r) => runKey(sql, r)).sort(),
      );
      expect(new Set(sql.runs.map((r) => runKey(sql, r))).size).toBe(sql.runs.length);
    });

    it('per run: status, lifecycle, times, user, params, tags, latest metrics, datasets', () => {
      const view = (s: Snapshot) =>
        Object.fromEntries(
          s.runs.map((r) => [
            runKey(s, r),
            {
              status: r.info.status,
              lifecycleStage: r.info.lifecycleStage,
              startTime: r.info.startTime,
              endTime: r.info.endTime,
              userId: r.info.userId,
              params: r.data.params,
              tags: logicalTags(s, r),
              metrics: r.data.metrics,
              datasets: [...r.inputs.datasetInputs].sort((a, b) =>
                a.dataset.name.localeCompare(b.dataset.name),
              ),
              modelOutputs: r.outputs.modelOutputs
                .map((o) => `${named(s, o.modelId)}@${o.step}`)
                .sort(),
            },
          ]),
        );
      const a = view(file);
      const b = view(sql);
      for (const key of Object.keys(b)) expect(a[key], key).toEqual(b[key]);
    });

    it('same full metric histories (after removing exact duplicates), NaN and ±Infinity included', async () => {
      const fileRuns = new Map(file.runs.map((r) => [runKey(file, r), r]));
      let compared = 0;
      for (const r of sql.runs) {
        const other = fileRuns.get(runKey(sql, r));
        if (!other) throw new Error(`no FileStore run for ${runKey(sql, r)}`);
        for (const key of Object.keys(r.data.metrics)) {
          const [a, b] = await Promise.all([
            file.store.getMetricHistory(other.info.runId, key),
            sql.store.getMetricHistory(r.info.runId, key),
          ]);
          expect(withoutExactDuplicates(a), `${runKey(sql, r)} ${key}`).toEqual(
            withoutExactDuplicates(b),
          );
          compared += b.length;
        }
      }
      // 6673 history rows in SQLite (fixture README)
      expect(compared).toBe(6673);
    });

    it('same registered models: names, descriptions, tags, aliases', () => {
      const view = (m: RegisteredModel) => ({
        description: m.description,
        tags: m.tags,
        aliases: [...m.aliases].sort((x, y) => x.alias.localeCompare(y.alias)),
      });
      expect(Object.fromEntries(file.models.map((m) => [m.name, view(m)]))).toEqual(
        Object.fromEntries(sql.models.map((m) => [m.name, view(m)])),
      );
    });

    it('same model versions, except where MLflow’s FileStore failed to apply a registry call', () => {
      // ids-file.json `failed_operations` (3.1): the FileStore kept iris-logreg-small v2 in stage None
      // and v3 undeleted. Those versions are compared on everything but their stage / existence.
      const view = (s: Snapshot) =>
        new Map(s.versions.map((v) => [`${v.name}/${v.version}`, logicalVersion(s, v)]));
      const a = view(file);
      const b = view(sql);
      const keys = new Set([...a.keys(), ...b.keys()]);
      const differing: string[] = [];
      for (const key of keys) {
        const [x, y] = [a.get(key), b.get(key)];
        if (
          x &&
          y &&
          JSON.stringify({ ...x, currentStage: 0 }) !== JSON.stringify({ ...y, currentStage: 0 })
        ) {
          expect(x, key).toEqual(y);
        }
        if (!x || !y || x.currentStage !== y.currentStage) differing.push(key);
      }
      expect(differing.sort()).toEqual([...failed].sort());
    });

    it('same latest versions per model (models touched by a failed FileStore call excepted)', () => {
      const touched = new Set([...failed].map((k) => k.split('/')[0]));
      const view = (s: Snapshot) =>
        Object.fromEntries(
          s.models
            .filter((m) => !touched.has(m.name))
            .map((m) => [
              m.name,
              m.latestVersions.map((v) => `${v.version}:${v.currentStage}`).sort(),
            ]),
        );
      expect(view(file)).toEqual(view(sql));
    });

    it('same LoggedModels and traces (3.x)', () => {
      const models = (s: Snapshot) =>
        s.loggedModels
          .map((m) => ({
            model: named(s, m.modelId),
            experiment: s.names.get(m.experimentId),
            status: m.status,
            modelType: m.modelType,
            params: m.params,
            metrics: m.metrics
              .map((x) => ({ ...x, runId: named(s, x.runId) }))
              .sort((p, q) => p.key.localeCompare(q.key)),
          }))
          .sort((p, q) => String(p.model).localeCompare(String(q.model)));
      expect(models(file)).toEqual(models(sql));
      const traces = (s: Snapshot) =>
        s.traces
          // requestTime is not compared: the traces were made live, one store after the other (clock time)
          .map((t) => ({
            traceId: t.traceId,
            state: t.state,
            experiment: s.names.get(t.experimentId),
          }))
          .sort((p, q) => p.traceId.localeCompare(q.traceId));
      expect(traces(file)).toEqual(traces(sql));
    });
  });
}

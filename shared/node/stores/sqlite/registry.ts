/**
 * The model registry tables (alembic 2b4d017a5e9b, MLflow 1.4+): registered_models, model_versions, and
 * later registered_model_tags, model_version_tags, registered_model_aliases (2.3). A deleted version stays
 * as `current_stage = 'Deleted_Internal'` and is hidden, as MLflow's API hides it.
 */
import type { ModelVersion, RegisteredModel, RegisteredModelAlias } from '../../../common/types';
import type { SqliteConnection } from './SqliteConnection';
import { groupBy, optionalNumber, toRecord } from './sqlHelpers';

const DELETED_STAGE = 'Deleted_Internal';

interface VersionRow {
  name: string;
  version: number | string;
  creation_time: number | null;
  last_updated_time: number | null;
  description: string | null;
  user_id: string | null;
  current_stage: string | null;
  source: string | null;
  run_id: string | null;
  status: string | null;
  status_message: string | null;
  run_link: string | null;
  model_id: string | null;
}

interface ModelRow {
  name: string;
  creation_time: number | null;
  last_updated_time: number | null;
  description: string | null;
}

/** `models:/m-<hex>` sources (3.x `register_model`) name the LoggedModel even where no column holds it. */
function modelIdOf(row: VersionRow): string | null {
  if (row.model_id) return row.model_id;
  return /^models:\/(m-[0-9a-f]{32})$/.exec(row.source ?? '')?.[1] ?? null;
}

function column(conn: SqliteConnection, table: string, name: string): string {
  return conn.schema.hasColumn(table, name) ? name : `NULL AS ${name}`;
}

function readAliasRows(conn: SqliteConnection): { name: string; alias: string; version: string }[] {
  if (!conn.schema.hasTable('registered_model_aliases')) return [];
  return conn.all(
    'SELECT name, alias, CAST(version AS TEXT) AS version FROM registered_model_aliases ORDER BY name, alias',
  );
}

interface TagRow {
  id: string;
  key: string;
  value: string | null;
}

function readTagRows(conn: SqliteConnection, table: string, versioned: boolean): TagRow[] {
  if (!conn.schema.hasTable(table)) return [];
  if (!versioned) return conn.all(`SELECT name AS id, key, value FROM ${table}`);
  // The name\0version key is made here, not in SQL: node:sqlite cuts TEXT values at a NUL character.
  return conn
    .all<{ name: string; version: string; key: string; value: string | null }>(
      `SELECT name, CAST(version AS TEXT) AS version, key, value FROM ${table}`,
    )
    .map((r) => ({ id: `${r.name}\u0000${r.version}`, key: r.key, value: r.value }));
}

/** Every non-deleted model version, ordered by model name then version number. Call inside `conn.read`. */
export function readModelVersions(conn: SqliteConnection): ModelVersion[] {
  if (!conn.schema.hasTable('model_versions')) return [];
  const cols = ['run_link', 'model_id', 'status_message', 'user_id', 'description']
    .map((c) => column(conn, 'model_versions', c))
    .join(', ');
  const rows = conn.all<VersionRow>(
    `SELECT name, version, creation_time, last_updated_time, current_stage, source, run_id, status, ${cols} ` +
      `FROM model_versions WHERE current_stage IS NULL OR current_stage != ? ORDER BY name, version`,
    [DELETED_STAGE],
  );
  const tags = groupBy(readTagRows(conn, 'model_version_tags', true), (r) => r.id);
  const aliases = groupBy(readAliasRows(conn), (r) => `${r.name}\u0000${r.version}`);
  return rows.map((row) => {
    const version = String(row.version);
    const id = `${row.name}\u0000${version}`;
    return {
      name: row.name,
      version,
      creationTimestamp: optionalNumber(row.creation_time),
      lastUpdatedTimestamp: optionalNumber(row.last_updated_time),
      currentStage: row.current_stage ?? 'None',
      description: row.description,
      source: row.source ?? '',
      runId: row.run_id || null,
      status: row.status ?? 'READY',
      statusMessage: row.status_message,
      userId: row.user_id,
      runLink: row.run_link,
      modelId: modelIdOf(row),
      tags: toRecord(tags.get(id)),
      aliases: (aliases.get(id) ?? []).map((a) => a.alias),
    };
  });
}

/** The newest version of each stage, as MLflow's `latest_versions`, ordered by version. */
function latestPerStage(versions: readonly ModelVersion[]): ModelVersion[] {
  const best = new Map<string, ModelVersion>();
  for (const v of versions) {
    const current = best.get(v.currentStage);
    if (!current || Number(v.version) > Number(current.version)) best.set(v.currentStage, v);
  }
  return [...best.values()].sort((a, b) => Number(a.version) - Number(b.version));
}

/** Every registered model with tags, aliases and latest versions, ordered by name. Call inside `conn.read`. */
export function readRegisteredModels(conn: SqliteConnection): RegisteredModel[] {
  if (!conn.schema.hasTable('registered_models')) return [];
  const rows = conn.all<ModelRow>(
    `SELECT name, creation_time, last_updated_time, ${column(conn, 'registered_models', 'description')} ` +
      'FROM registered_models ORDER BY name',
  );
  const versions = groupBy(readModelVersions(conn), (v) => v.name);
  const tags = groupBy(readTagRows(conn, 'registered_model_tags', false), (r) => r.id);
  const aliases = groupBy(readAliasRows(conn), (r) => r.name);
  return rows.map((row) => ({
    name: row.name,
    creationTimestamp: optionalNumber(row.creation_time),
    lastUpdatedTimestamp: optionalNumber(row.last_updated_time),
    description: row.description,
    tags: toRecord(tags.get(row.name)),
    aliases: (aliases.get(row.name) ?? []).map((a): RegisteredModelAlias => ({
      alias: a.alias,
      version: a.version,
    })),
    latestVersions: latestPerStage(versions.get(row.name) ?? []),
  }));
}

/** Pure helpers of the registry screens: search filters, quoting, and which versions are live. */
import type { ModelVersion } from '../../../shared/common/types';

/** A string literal in MLflow's filter grammar (single quotes, backslash-escaped). */
export function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The models-list filter for a search box: case-insensitive substring of the name. */
export function modelNameFilter(query: string): string | undefined {
  const q = query.trim();
  if (!q) return undefined;
  // MLflow's grammar has no LIKE escape, so a typed % or _ stays a wildcard (as in MLflow's own UI).
  return `name ILIKE ${quote(`%${q}%`)}`;
}

export function versionsOfModelFilter(name: string): string {
  return `name = ${quote(name)}`;
}

/**
 * MLflow's SQL store soft-deletes a version as stage `Deleted_Internal`; its API never returns those,
 * and neither may any screen here (a deleted version shown as live would mislead a deployment check).
 */
export function isLiveVersion(v: ModelVersion): boolean {
  return v.currentStage !== 'Deleted_Internal';
}

/** Versions newest first (numeric, not lexicographic: 10 after 9). */
export function sortVersions(versions: ModelVersion[]): ModelVersion[] {
  return versions.filter(isLiveVersion).sort((a, b) => Number(b.version) - Number(a.version));
}

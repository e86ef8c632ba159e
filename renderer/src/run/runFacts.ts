/**
 * What the run page derives from a run's tags: the git commit link, the source, the parent, the
 * description, and the split between MLflow's own `mlflow.*` tags (folded) and the user's tags.
 */
import type { Run, Tags } from '../../../shared/common/types';

const COMMIT = /^[0-9a-f]{7,64}$/i;

/**
 * A web link to a commit, for GitHub- and GitLab-hosted repositories in the forms MLflow records
 * (`https://github.com/o/r(.git)`, `git@github.com:o/r.git`, `ssh://git@gitlab.com/g/s/r.git`).
 * Anything else (self-hosted with unknown layout, a local path) gives null: better no link than a wrong one.
 */
export function gitCommitUrl(
  repoUrl: string | undefined,
  commit: string | undefined,
): string | null {
  if (!repoUrl || !commit || !COMMIT.test(commit)) return null;
  const url = repoUrl.trim();
  let host: string;
  let path: string;
  const scp = /^[\w.-]+@([\w.-]+):(.+)$/.exec(url);
  if (scp) {
    host = scp[1] ?? '';
    path = scp[2] ?? '';
  } else {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return null;
    }
    if (!['https:', 'http:', 'ssh:', 'git:'].includes(parsed.protocol)) return null;
    host = parsed.hostname;
    path = parsed.pathname;
  }
  path = path
    .replace(/^\/+/, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
  if (!/^[\w.-]+(\/[\w.-]+)+$/.test(path)) return null;
  const kind = /(^|\.)github\.com$/i.test(host)
    ? 'github'
    : /(^|\.)gitlab\.com$/i.test(host) || /^gitlab\./i.test(host)
      ? 'gitlab'
      : null;
  if (!kind) return null;
  const base = `https://${host.toLowerCase()}/${path}`;
  return kind === 'github' ? `${base}/commit/${commit}` : `${base}/-/commit/${commit}`;
}

export interface SplitTags {
  user: [string, string][];
  system: [string, string][];
}

/** Tags sorted by key, MLflow's `mlflow.*` ones apart (they are shown folded). */
export function splitTags(tags: Tags): SplitTags {
  const entries = Object.entries(tags).sort((a, b) => a[0].localeCompare(b[0]));
  return {
    user: entries.filter(([k]) => !k.startsWith('mlflow.')),
    system: entries.filter(([k]) => k.startsWith('mlflow.')),
  };
}

export interface RunSource {
  type: string | null;
  name: string | null;
  entryPoint: string | null;
  gitCommit: string | null;
  gitBranch: string | null;
  commitUrl: string | null;
}

export function runSource(tags: Tags): RunSource {
  const commit = tags['mlflow.source.git.commit'] ?? null;
  return {
    type: tags['mlflow.source.type'] ?? null,
    name: tags['mlflow.source.name'] ?? null,
    entryPoint: tags['mlflow.project.entryPoint'] ?? null,
    gitCommit: commit,
    gitBranch: tags['mlflow.source.git.branch'] ?? null,
    commitUrl: gitCommitUrl(
      tags['mlflow.source.git.repoURL'] ?? tags['mlflow.gitRepoURL'],
      commit ?? undefined,
    ),
  };
}

export function runDescription(run: Run): string {
  return run.data.tags['mlflow.note.content'] ?? '';
}

export function parentRunId(run: Run): string | null {
  return run.data.tags['mlflow.parentRunId'] || null;
}

/** The MLflow filter that finds a run's direct children (tag values are quoted, quotes escaped). */
export function childRunsFilter(runId: string): string {
  return `tags.mlflow.parentRunId = '${runId.replace(/'/g, "\\'")}'`;
}

/** Dataset context (training/eval/...) as MLflow stores it in the input tags. */
export function datasetContext(tags: Tags): string | null {
  return tags['mlflow.data.context'] ?? null;
}

/** A param or tag list filtered by a case-insensitive substring of key or value. */
export function filterEntries(entries: [string, string][], query: string): [string, string][] {
  const q = query.trim().toLowerCase();
  if (!q) return entries;
  return entries.filter(([k, v]) => k.toLowerCase().includes(q) || v.toLowerCase().includes(q));
}

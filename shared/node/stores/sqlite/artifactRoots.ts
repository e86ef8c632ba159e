/**
 * Where a SQLite store's artifacts are on this machine. The stored URIs are usually another machine's
 * absolute paths, `./mlruns/…` relative paths or `mlflow-artifacts:/…` proxied URIs; MLflow's default
 * layouts put them beside the db in `mlartifacts/` (server) or `mlruns/` (client), so those are tried after
 * the stored path and its rebased forms.
 */
import { join } from 'node:path';
import { rebasedCandidates, resolveArtifactRoot } from '../localArtifacts';

/** A run's artifact root, null when none exists here. */
export function runArtifactRoot(
  artifactUri: string,
  experimentId: string,
  runId: string,
  baseDir: string,
): string | null {
  return resolveArtifactRoot(artifactUri, baseDir, [
    ...rebasedCandidates(artifactUri, baseDir),
    join(baseDir, 'mlartifacts', experimentId, runId, 'artifacts'),
    join(baseDir, 'mlruns', experimentId, runId, 'artifacts'),
  ]);
}

/** A LoggedModel's artifact root (`<experiment>/models/<model_id>/artifacts`), null when none exists here. */
export function modelArtifactRoot(
  artifactUri: string,
  experimentId: string,
  modelId: string,
  baseDir: string,
): string | null {
  return resolveArtifactRoot(artifactUri, baseDir, [
    ...rebasedCandidates(artifactUri, baseDir),
    join(baseDir, 'mlartifacts', experimentId, 'models', modelId, 'artifacts'),
    join(baseDir, 'mlruns', experimentId, 'models', modelId, 'artifacts'),
  ]);
}

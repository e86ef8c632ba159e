/**
 * The store opened when none is given, like `mlflow ui`: ./mlflow.db, else ./mlruns, else the demo
 * stores shipped with the app (demo/mlruns: real MLflow 3.1 output; demo/governance-demo/mlruns: the
 * governance tutorial's store with a runlens-policy.yaml beside it), so a first launch shows something —
 * compliance, a non-compliant model and a monitoring alert included.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findAppPath } from '../web/appPaths';

/** `extra`: further demo stores opened alongside (none for a store found in the folder). */
export type DefaultStore = { location: string; isDemo: boolean; extra: string[] } | null;

export function defaultStore(
  cwd: string,
  demoPath: string | undefined = findAppPath('demo/mlruns'),
  governanceDemoPath: string | undefined = findAppPath('demo/governance-demo/mlruns'),
): DefaultStore {
  for (const name of ['mlflow.db', 'mlruns']) {
    const path = join(cwd, name);
    if (existsSync(path)) return { location: path, isDemo: false, extra: [] };
  }
  const demos = [demoPath, governanceDemoPath].filter((p): p is string => p !== undefined);
  const [first, ...extra] = demos;
  return first ? { location: first, isDemo: true, extra } : null;
}

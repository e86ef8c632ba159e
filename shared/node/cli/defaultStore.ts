/**
 * The store opened when none is given, like `mlflow ui`: ./mlflow.db, else ./mlruns, else the demo
 * store shipped with the app (demo/mlruns: real MLflow 3.1 output), so a first launch shows something.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findAppPath } from '../web/appPaths';

export type DefaultStore = { location: string; isDemo: boolean } | null;

export function defaultStore(
  cwd: string,
  demoPath: string | undefined = findAppPath('demo/mlruns'),
): DefaultStore {
  for (const name of ['mlflow.db', 'mlruns']) {
    const path = join(cwd, name);
    if (existsSync(path)) return { location: path, isDemo: false };
  }
  return demoPath ? { location: demoPath, isDemo: true } : null;
}

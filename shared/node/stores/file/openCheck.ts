/**
 * What `FileStore.open()` checks: the path exists, is a folder, and looks like an `mlruns` folder (at
 * least one experiment folder with a meta.yaml, a `.trash/`, or a model registry). Anything else is
 * STORE_UNREADABLE with a message that names the path and says what to do.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { StoreError } from '../../../common/errors';
import { describeError, errnoCode, isDirLike } from './io';
import { REGISTRY_DIR, TRASH_DIR } from './experiments';

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function isDir(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function hasAnyMeta(parent: string, names: readonly string[]): Promise<boolean> {
  const found = await Promise.all(names.map((name) => exists(join(parent, name, 'meta.yaml'))));
  return found.includes(true);
}

export async function checkStoreRoot(root: string): Promise<void> {
  let info;
  try {
    info = await stat(root);
  } catch (err) {
    const why = errnoCode(err) === 'ENOENT' ? 'the folder does not exist' : describeError(err);
    throw new StoreError(
      'STORE_UNREADABLE',
      `Cannot open MLflow store ${root}: ${why}. Check the path and open an mlruns folder.`,
      { cause: err },
    );
  }
  if (!info.isDirectory()) {
    throw new StoreError(
      'STORE_UNREADABLE',
      `Cannot open MLflow store ${root}: it is a file, not an mlruns folder. Open the folder that holds the experiment folders.`,
    );
  }
  let entries;
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch (err) {
    throw new StoreError(
      'STORE_UNREADABLE',
      `Cannot open MLflow store ${root}: ${describeError(err)}`,
      { cause: err },
    );
  }
  const dirs = entries.filter(isDirLike).map((e) => e.name);
  const experimentLike = dirs.filter((n) => !n.startsWith('.') && n !== REGISTRY_DIR);
  if (dirs.includes(TRASH_DIR) || (await hasAnyMeta(root, experimentLike))) return;
  if (dirs.includes(REGISTRY_DIR)) {
    const models = await readdir(join(root, REGISTRY_DIR)).catch(() => []);
    if (await hasAnyMeta(join(root, REGISTRY_DIR), models)) return;
  }
  const hint = (await isDir(join(root, 'mlruns')))
    ? ` It contains an mlruns folder: open ${join(root, 'mlruns')} instead.`
    : ' Open an mlruns folder written by MLflow.';
  const what =
    entries.length === 0
      ? 'the folder is empty'
      : 'no experiment folder with a meta.yaml was found';
  throw new StoreError(
    'STORE_UNREADABLE',
    `${root} is not an MLflow tracking folder: ${what}.${hint}`,
  );
}

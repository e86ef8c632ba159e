/**
 * Folders of one-file-per-key values: params/, tags/, request_metadata/, a registered model's tags/.
 * A '/' in a key makes subfolders (`params/optimizer/lr` is key `optimizer/lr`), so folders are walked
 * recursively and the relative path, '/'-joined, is the key. The value is the file content as stored:
 * multi-line values and empty files ('' values) are kept.
 */
import { join } from 'node:path';
import { describeError, listDir, readText, type IoLimiter, type ProblemLog } from './io';
import { setOwn } from '../../../common/records';

export interface KeyFile {
  key: string;
  path: string;
}

/** Every file under `dir` as (key, absolute path); a missing folder gives []. */
export async function listKeyFiles(io: IoLimiter, dir: string, prefix = ''): Promise<KeyFile[]> {
  const entries = await listDir(io, dir);
  const nested = await Promise.all(
    entries.map(async (entry): Promise<KeyFile[]> => {
      const path = join(dir, entry.name);
      const key = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return listKeyFiles(io, path, key);
      // A file, or anything else — a symlink (never followed: it may point out of the store or be a
      // loop like `up -> ..`), a FIFO, a device: its read is refused and reported once, with its path.
      return [{ key, path }];
    }),
  );
  return nested.flat();
}

export interface ReadValuesOptions {
  /**
   * MLflow 0.1–0.4 wrote params as `"%s\n" % value` (and read back only the first line), so for runs of
   * that layout exactly one trailing newline is not part of the value. Later versions write the raw value.
   */
  stripOneNewline?: boolean;
}

/**
 * Reads a key/value folder. A file that cannot be read (vanished, unreadable) is left out and recorded
 * in `problems`; the other keys are still returned.
 */
export async function readKeyValues(
  io: IoLimiter,
  dir: string,
  problems: ProblemLog,
  options: ReadValuesOptions = {},
): Promise<Record<string, string>> {
  let files: KeyFile[];
  try {
    files = await listKeyFiles(io, dir);
  } catch (err) {
    problems.add(dir, `Cannot list ${dir}: ${describeError(err)}`);
    return {};
  }
  const values = await Promise.all(
    files.map(async ({ key, path }) => {
      try {
        let value = await readText(io, path);
        if (options.stripOneNewline) value = value.replace(/\r?\n$/, '');
        return [key, value] as const;
      } catch (err) {
        problems.add(path, `Cannot read ${path}: ${describeError(err)}`);
        return undefined;
      }
    }),
  );
  const out: Record<string, string> = {};
  for (const kv of values) if (kv) setOwn(out, kv[0], kv[1]);
  return out;
}

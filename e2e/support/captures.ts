/** MLflow's own answers in the fixtures' REST captures, to hold the table to them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture } from './runlensServer';

interface CapturedRun {
  info: { run_id: string; experiment_id: string };
}

/** The run ids of a `runs/search` capture (and of its follow-up pages, listed after it). */
export function capturedRunIds(dir: string, ...files: string[]): string[] {
  return files.flatMap((file) => {
    const body = JSON.parse(readFileSync(join(fixture(dir), file), 'utf8')) as {
      runs?: CapturedRun[];
    };
    return (body.runs ?? []).map((r) => r.info.run_id);
  });
}

/** The JSON body MLflow was sent for a capture (index.json). */
export function capturedRequest(dir: string, file: string): Record<string, unknown> {
  const index = JSON.parse(readFileSync(join(fixture(dir), 'index.json'), 'utf8')) as unknown;
  const entries = (Array.isArray(index) ? index : []) as { file?: string; body?: unknown }[];
  const entry = entries.find((e) => e.file === file);
  if (!entry || typeof entry.body !== 'object' || entry.body === null)
    throw new Error(`No request body for ${file} in ${dir}/index.json`);
  return entry.body as Record<string, unknown>;
}

// Types of corpusSources.mjs (plain JS so that `npm run corpus` needs no build step).
export interface Count {
  total: number;
  deleted?: number;
}
export interface Registry {
  models?: number;
  versions?: number;
}
export interface SourceRow {
  store: string;
  experiments: Count | null;
  runs: Count | null;
  registry: Registry | null;
  mentionsDb: boolean;
  line: number;
}
export function splitRow(line: string): string[];
export function plain(cell: string): string;
export function parseCount(cell: string): Count | null;
export function parseRegistry(cell: string): Registry | null;
export function parseStoreName(cell: string): string;
export function parseSources(markdown: string): SourceRow[];

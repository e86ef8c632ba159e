/**
 * How an artifact is previewed, from its name (and, for text kinds, a look at its first bytes), and how
 * much of it is read: previews must stay fast and the window responsive whatever the file's size.
 */
export type PreviewKind =
  'text' | 'json' | 'yaml' | 'csv' | 'tsv' | 'image' | 'svg' | 'markdown' | 'html' | 'binary';

const BY_EXTENSION: Record<string, PreviewKind> = {
  txt: 'text',
  log: 'text',
  out: 'text',
  err: 'text',
  py: 'text',
  sh: 'text',
  ini: 'text',
  cfg: 'text',
  toml: 'text',
  xml: 'text',
  js: 'text',
  ts: 'text',
  r: 'text',
  sql: 'text',
  json: 'json',
  jsonl: 'text',
  ipynb: 'json',
  yaml: 'yaml',
  yml: 'yaml',
  csv: 'csv',
  tsv: 'tsv',
  png: 'image',
  jpg: 'image',
  jpeg: 'image',
  gif: 'image',
  webp: 'image',
  svg: 'svg',
  md: 'markdown',
  markdown: 'markdown',
  html: 'html',
  htm: 'html',
};

/** Files MLflow writes without an extension but with a known format. */
const BY_NAME: Record<string, PreviewKind> = {
  mlmodel: 'yaml',
  mlproject: 'yaml',
  license: 'text',
  readme: 'markdown',
  dockerfile: 'text',
  'requirements.txt': 'text',
};

export function baseName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}

export function previewKindOf(path: string): PreviewKind {
  const name = baseName(path).toLowerCase();
  const byName = BY_NAME[name];
  if (byName) return byName;
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return 'binary';
  return BY_EXTENSION[name.slice(dot + 1)] ?? 'binary';
}

export const MIME_OF_IMAGE: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
};

export function imageMime(path: string): string {
  const ext = baseName(path).toLowerCase().split('.').pop() ?? '';
  return MIME_OF_IMAGE[ext] ?? 'application/octet-stream';
}

const KiB = 1024;
const MiB = 1024 * KiB;

/** First read of a text-like file; "load more" grows it by LOAD_MORE_BYTES. */
export const TEXT_FIRST_BYTES = 256 * KiB;
export const LOAD_MORE_BYTES = 2 * MiB;
/** Most a text view shows at once (a bigger <pre> makes layout slow). */
export const TEXT_MAX_BYTES = 16 * MiB;

/** Above these sizes the preview asks before reading ("open anyway"). */
export const PREVIEW_CAPS: Record<PreviewKind, number> = {
  text: Infinity, // always shows the first chunk
  json: 5 * MiB,
  yaml: 5 * MiB,
  csv: Infinity, // shows the first rows of the first chunk
  tsv: Infinity,
  image: 20 * MiB,
  svg: 5 * MiB,
  markdown: 2 * MiB,
  html: 5 * MiB,
  binary: 64 * MiB, // hashing and download read the whole file
};

/** The host reads at most this many bytes in one call (contract: readArtifact maxBytes). */
export const READ_LIMIT = 64 * MiB;

/** Kinds read as a growing prefix ("Load more"): never capped, never read whole. */
export const CHUNKED: ReadonlySet<PreviewKind> = new Set(['text', 'csv', 'tsv']);

/**
 * What the preview does with a file: read `maxBytes` of it now, or show the cap note, with "Open anyway"
 * when the file may still be read (one call can hold it, and it is not a binary kept for hashing).
 */
export type PreviewPlan =
  { read: true; maxBytes: number } | { read: false; canOpenAnyway: boolean };

/**
 * The plan for a file of `kind` and `size` (undefined: unknown), after "Open anyway" when `forced`, with
 * the current text chunk `chunk`: chunked kinds read that prefix, the others the whole file (up to the
 * host's limit), and a file above its kind's cap only once forced.
 */
export function previewPlan(
  kind: PreviewKind,
  size: number | undefined,
  forced: boolean,
  chunk: number,
): PreviewPlan {
  const overCap = size !== undefined && size > PREVIEW_CAPS[kind];
  const readable = size === undefined || size <= READ_LIMIT || CHUNKED.has(kind);
  if (overCap && !(forced && readable))
    return { read: false, canOpenAnyway: readable && kind !== 'binary' };
  if (CHUNKED.has(kind)) return { read: true, maxBytes: chunk };
  return { read: true, maxBytes: Math.min(READ_LIMIT, Math.max(1, size ?? READ_LIMIT)) };
}

/** Whether decoded text looks binary: NUL characters or many replacement characters early on. */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  if (sample.includes('\u0000')) return true;
  let bad = 0;
  for (const ch of sample) if (ch === '\ufffd') bad++;
  return sample.length > 0 && bad / sample.length > 0.05;
}

export function formatBytes(bytes: number): string {
  if (bytes < KiB) return `${bytes} B`;
  if (bytes < MiB) return `${(bytes / KiB).toFixed(1)} KiB`;
  if (bytes < 1024 * MiB) return `${(bytes / MiB).toFixed(1)} MiB`;
  return `${(bytes / (1024 * MiB)).toFixed(2)} GiB`;
}

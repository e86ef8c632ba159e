/**
 * Test helper: a malicious store (issue 11, part 2 item 3), made at test time in a temp folder from the
 * 2.12 fixture — a FileStore copy and a SQLite copy (the fixture's mlflow.db updated in place of the copy,
 * so the schema is MLflow's own). Names, tags, params, descriptions, dataset sources, registry texts,
 * artifact names and artifact contents carry payloads that call `window.__pwned(<where>)` if they ever
 * run, and links or images to a foreign host (`evil.example`) that must never be requested. The fixtures
 * themselves are never written.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { parse, stringify } from 'yaml';

const FIXTURE = resolve(import.meta.dirname, '../fixtures/mlflow-2.12.2.dev0');
export const FOREIGN_HOST = 'evil.example';

/** A payload that calls the page's `__pwned` binding with `where` if it ever executes. */
const call = (where: string) => `window.__pwned('${where}')`;

/** Text payloads for names and values: HTML, event handlers, formulas, bidi and invisible characters. */
export const text = (where: string): string =>
  `<script>${call(where)}</script><img src=x onerror="${call(where)}">` +
  `<svg onload="${call(where)}"></svg>\u202e\u200bRTL`;

/** Spreadsheet formulas: the CSV exports must neutralise all four. */
export const FORMULAS = [
  `=HYPERLINK("http://${FOREIGN_HOST}/?x","click")`,
  '+1+cmd|/C calc!A0',
  '-2+3',
  '@SUM(A1:A9)',
] as const;

const MARKDOWN = (where: string) =>
  [
    `# Notes ${where}`,
    `[js](javascript:${call(`${where}-js-link`)})`,
    `[data](data:text/html,<script>${call(`${where}-data-link`)}</script>)`,
    `[vb](vbscript:msgbox(1))`,
    `![pixel](https://${FOREIGN_HOST}/pixel.png)`,
    `<img src=x onerror="${call(`${where}-md-img`)}">`,
    `<script>${call(`${where}-md-script`)}</script>`,
    `<a href="javascript:${call(`${where}-md-a`)}">raw link</a>`,
    `<iframe src="https://${FOREIGN_HOST}/"></iframe>`,
    'x'.repeat(5000),
  ].join('\n\n');

/** Artifact files: name → content. Names themselves carry payloads too. */
export const ARTIFACTS: Readonly<Record<string, string>> = {
  'evil.html': `<!doctype html><script>${call('html-artifact')}</script><img src="https://${FOREIGN_HOST}/h.png">`,
  'evil.svg': `<svg xmlns="http://www.w3.org/2000/svg" onload="${call('svg-onload')}"><script>${call('svg-script')}</script><image href="https://${FOREIGN_HOST}/i.png" width="9" height="9"/><a href="javascript:${call('svg-link')}"><text y="20">x</text></a></svg>`,
  'notes.md': MARKDOWN('md-artifact'),
  'formulas.csv': `name,value\n${FORMULAS.map((f) => `"${f.replace(/"/g, '""')}",1`).join('\n')}\n`,
  'data.json': JSON.stringify({ html: text('json-artifact'), url: `javascript:${call('json')}` }),
  [`<img src=x onerror="${call('artifact-name')}">.txt`]: text('txt-artifact'),
};

export interface MaliciousStore {
  /** The FileStore (mlruns folder). */
  fileStore: string;
  /** The SQLite store (mlflow.db). */
  sqliteStore: string;
  /** The run carrying the payloads, in each store. */
  fileRunId: string;
  sqliteRunId: string;
  /** The registered model whose texts carry payloads, in both stores. */
  model: string;
  dir: string;
}

function ids(kind: 'file' | 'sqlite'): {
  experiments: Record<string, string>;
  runs: Record<string, string>;
} {
  return JSON.parse(readFileSync(join(FIXTURE, `ids-${kind}.json`), 'utf8')) as {
    experiments: Record<string, string>;
    runs: Record<string, string>;
  };
}

function editYaml(path: string, edit: (doc: Record<string, unknown>) => void): void {
  const doc = parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  edit(doc);
  writeFileSync(path, stringify(doc));
}

function writeArtifacts(dir: string): void {
  for (const [name, content] of Object.entries(ARTIFACTS)) writeFileSync(join(dir, name), content);
}

function poisonFileStore(root: string, runId: string, expId: string): void {
  const exp = join(root, expId);
  editYaml(join(exp, 'meta.yaml'), (d) => (d.name = text('experiment-name')));
  const run = join(exp, runId);
  editYaml(join(run, 'meta.yaml'), (d) => (d.run_name = text('run-name')));
  writeFileSync(join(run, 'tags', 'mlflow.runName'), text('run-name'));
  writeFileSync(join(run, 'tags', 'mlflow.note.content'), MARKDOWN('description'));
  writeFileSync(join(run, 'tags', 'evil'), text('tag-value'));
  writeFileSync(join(run, 'tags', 'formula'), FORMULAS[0]);
  writeFileSync(join(run, 'params', 'evil'), text('param-value'));
  FORMULAS.forEach((f, i) => writeFileSync(join(run, 'params', `formula${i}`), f));
  writeFileSync(join(run, 'params', 'long_param'), `${text('long')}${'y'.repeat(20_000)}`);
  writeArtifacts(join(run, 'artifacts'));
  const datasets = join(exp, 'datasets');
  for (const d of readdirSync(datasets))
    editYaml(join(datasets, d, 'meta.yaml'), (doc) => {
      doc.source = JSON.stringify({ url: `javascript:${call('dataset-source')}` });
      doc.name = text('dataset-name');
    });
  const model = join(root, 'models', 'iris-classifier');
  editYaml(join(model, 'meta.yaml'), (d) => (d.description = MARKDOWN('model-description')));
  editYaml(join(model, 'version-2', 'meta.yaml'), (d) => {
    d.description = MARKDOWN('version-description');
  });
}

function poisonSqlite(db: string, runId: string, expId: string): void {
  const sql = new Database(db);
  try {
    sql
      .prepare('UPDATE experiments SET name = ? WHERE experiment_id = ?')
      .run(text('experiment-name'), Number(expId));
    sql.prepare('UPDATE runs SET name = ? WHERE run_uuid = ?').run(text('run-name'), runId);
    sql
      .prepare("UPDATE tags SET value = ? WHERE run_uuid = ? AND key = 'mlflow.runName'")
      .run(text('run-name'), runId);
    sql
      .prepare("UPDATE tags SET value = ? WHERE run_uuid = ? AND key = 'mlflow.note.content'")
      .run(MARKDOWN('description'), runId);
    const tag = sql.prepare('INSERT OR REPLACE INTO tags (key, value, run_uuid) VALUES (?, ?, ?)');
    tag.run('evil', text('tag-value'), runId);
    tag.run('formula', FORMULAS[0], runId);
    const param = sql.prepare(
      'INSERT OR REPLACE INTO params (key, value, run_uuid) VALUES (?, ?, ?)',
    );
    param.run('evil', text('param-value'), runId);
    FORMULAS.forEach((f, i) => param.run(`formula${i}`, f, runId));
    sql
      .prepare('UPDATE datasets SET dataset_source = ?, name = ? WHERE experiment_id = ?')
      .run(
        JSON.stringify({ url: `javascript:${call('dataset-source')}` }),
        text('dataset-name'),
        Number(expId),
      );
    sql
      .prepare("UPDATE registered_models SET description = ? WHERE name = 'iris-classifier'")
      .run(MARKDOWN('model-description'));
    sql
      .prepare(
        "UPDATE model_versions SET description = ? WHERE name = 'iris-classifier' AND version = 2",
      )
      .run(MARKDOWN('version-description'));
  } finally {
    sql.close();
  }
}

/** Makes both stores in a new temp folder; the caller removes `dir`. */
export function makeMaliciousStore(): MaliciousStore {
  const dir = mkdtempSync(join(tmpdir(), 'runlens-malicious-'));
  cpSync(FIXTURE, join(dir, 'store'), { recursive: true });
  const file = ids('file');
  const sqlite = ids('sqlite');
  const fileRunId = file.runs['iris-0'] as string;
  const sqliteRunId = sqlite.runs['iris-0'] as string;
  poisonFileStore(join(dir, 'store', 'mlruns'), fileRunId, file.experiments.iris as string);
  const sqliteExp = sqlite.experiments.iris as string;
  poisonSqlite(join(dir, 'store', 'mlflow.db'), sqliteRunId, sqliteExp);
  writeArtifacts(join(dir, 'store', 'mlartifacts', sqliteExp, sqliteRunId, 'artifacts'));
  return {
    fileStore: join(dir, 'store', 'mlruns'),
    sqliteStore: join(dir, 'store', 'mlflow.db'),
    fileRunId,
    sqliteRunId,
    model: 'iris-classifier',
    dir,
  };
}

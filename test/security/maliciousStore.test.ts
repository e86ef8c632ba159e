/**
 * The malicious store opens in both stores, with its payloads in place (so the e2e specs that render it
 * really render payloads), and making it never touches the fixtures (the global read-only check).
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileStore } from '../../shared/node/stores/file/FileStore';
import { SqliteStore } from '../../shared/node/stores/sqlite/SqliteStore';
import type { TrackingStore } from '../../shared/node/stores/TrackingStore';
import {
  ARTIFACTS,
  FORMULAS,
  makeMaliciousStore,
  type MaliciousStore,
} from '../support/maliciousStore';

let made: MaliciousStore;
beforeAll(() => {
  made = makeMaliciousStore();
});
afterAll(() => rmSync(made.dir, { recursive: true, force: true }));

describe.each([
  ['FileStore', () => new FileStore(made.fileStore), () => made.fileRunId],
  ['SqliteStore', () => new SqliteStore(made.sqliteStore), () => made.sqliteRunId],
] as const)('the malicious %s', (_kind, open, runIdOf) => {
  let store: TrackingStore;
  beforeAll(async () => {
    store = open();
    await store.open();
  });
  afterAll(() => store.close());

  it('carries its payloads in names, tags, params, descriptions and artifacts', async () => {
    const run = await store.getRun(runIdOf());
    expect(run.info.runName).toContain('<script>');
    const params = run.data.params;
    expect(params.evil).toContain('onerror=');
    expect(FORMULAS.map((_, i) => params[`formula${i}`])).toEqual([...FORMULAS]);
    const tags = run.data.tags;
    expect(tags['mlflow.note.content']).toContain('javascript:');
    const experiments = await store.listExperiments();
    expect(experiments.some((e) => e.name.includes('<svg onload'))).toBe(true);
    const listed = (await store.listArtifacts(runIdOf(), '')).map((f) => f.path);
    for (const name of Object.keys(ARTIFACTS)) expect(listed).toContain(name);
    const model = (await store.listRegisteredModels()).find((m) => m.name === made.model);
    expect(model?.description).toContain('vbscript:');
  });
});

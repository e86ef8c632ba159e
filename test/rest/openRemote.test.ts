/**
 * A server URL opens as a RestStore through the same path a folder or a .db file takes
 * (resolveLocation → createStore), with MLflow's environment variables for credentials.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createStore } from '../../shared/node/service/createStore';
import { resolveLocation } from '../../shared/node/service/openLocation';
import { fixtureDir } from '../conformance/captures';
import { type ReplayServer, startReplayServer } from './replayServer';

let replay: ReplayServer;
beforeAll(async () => {
  replay = await startReplayServer(join(fixtureDir('mlflow-2.12.2.dev0'), 'rest-filestore'));
});
afterAll(async () => {
  await replay?.close();
});

it('opens http://… as a RestStore and reads it', async () => {
  const location = resolveLocation(`${replay.url}/`);
  expect(location).toEqual({ kind: 'rest', path: replay.url });
  const store = await createStore(location);
  try {
    await store.open();
    expect(store.kind).toBe('rest');
    expect(store.location).toBe(replay.url);
    expect(store.schemaVersion()).toBe('2.12.2.dev0');
    expect((await store.listExperiments()).map((e) => e.name)).toContain('iris-classification');
  } finally {
    await store.close();
  }
});

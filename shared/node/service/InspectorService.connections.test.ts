import { describe, expect, it } from 'vitest';
import { StoreError } from '../../common/errors';
import { ConnectionManager } from '../connections/ConnectionManager';
import type { RemoteClient, RemoteOptions } from '../connections/remote';
import { MemoryVault } from '../connections/SecretVault';
import type { TrackingStore } from '../stores/TrackingStore';
import { InspectorService } from './InspectorService';

const TOKEN = 'tok-123';

/** A remote whose stores list one experiment, or fail to open when the token is wrong. */
function remote(opened: RemoteOptions[]): RemoteClient {
  return {
    test: async () => ({ ok: true, serverVersion: '3.1.2' }),
    open: async (url, options) => {
      opened.push(options);
      const store: Partial<TrackingStore> = {
        kind: 'rest',
        location: url,
        open: async () => {
          if (options.auth.kind !== 'bearer' || options.auth.token !== TOKEN) {
            throw new StoreError('UNAUTHORIZED', `${url}: credentials missing or wrong (HTTP 401)`);
          }
        },
        close: async () => undefined,
        schemaVersion: () => undefined,
        problems: () => [],
        listExperiments: async () => [
          { experimentId: '1', name: 'remote-exp', lifecycleStage: 'active' } as never,
        ],
      };
      return store as TrackingStore;
    },
  };
}

function service(opened: RemoteOptions[] = []) {
  const connections = new ConnectionManager({
    configDir: null,
    vault: new MemoryVault(),
    remote: remote(opened),
  });
  return new InspectorService({ connections });
}

describe('InspectorService connections', () => {
  it('connects a saved profile as a "rest" store named after the profile, once per profile', async () => {
    const opened: RemoteOptions[] = [];
    const svc = service(opened);
    const saved = await svc.saveConnection({
      name: 'Team',
      url: 'https://mlflow.example.com/',
      authKind: 'bearer',
      secret: TOKEN,
      insecureTls: false,
    });
    if (!saved.ok) throw new Error(saved.error.message);
    const first = await svc.connect({ profileId: saved.value.id });
    expect(first).toEqual({
      ok: true,
      value: {
        storeId: 's1',
        kind: 'rest',
        location: 'https://mlflow.example.com',
        displayName: 'Team',
        state: 'ready',
        problemCount: 0,
      },
    });
    expect(await svc.connect({ profileId: saved.value.id })).toEqual(first);
    expect(opened).toHaveLength(1);
    const experiments = await svc.searchExperiments({ storeId: 's1' });
    expect(experiments.ok && experiments.value.experiments.map((e) => e.name)).toEqual([
      'remote-exp',
    ]);
  });

  it('lists a server that refuses the credentials in state error with the reason, and retries it in place', async () => {
    const svc = service();
    const saved = await svc.saveConnection({
      name: 'Team',
      url: 'https://h',
      authKind: 'bearer',
      secret: 'wrong',
      insecureTls: false,
    });
    if (!saved.ok) throw new Error(saved.error.message);
    const failed = await svc.connect({ profileId: saved.value.id });
    expect(failed).toMatchObject({
      ok: true,
      value: { storeId: 's1', state: 'error', error: { code: 'UNAUTHORIZED' } },
    });
    await svc.saveConnection({
      id: saved.value.id,
      name: 'Team',
      url: 'https://h',
      authKind: 'bearer',
      secret: TOKEN,
      insecureTls: false,
    });
    expect(await svc.connect({ profileId: saved.value.id })).toMatchObject({
      ok: true,
      value: { storeId: 's1', state: 'ready' },
    });
  });

  it('never answers with a secret, and refuses an unknown field instead of dropping it', async () => {
    const svc = service();
    await svc.saveConnection({
      name: 'Team',
      url: 'https://h',
      authKind: 'bearer',
      secret: TOKEN,
      insecureTls: false,
    });
    const listed = await svc.listConnections({});
    expect(JSON.stringify(listed)).not.toContain(TOKEN);
    const bad = await svc.saveConnection({
      name: 'x',
      url: 'https://h',
      authKind: 'bearer',
      token: TOKEN,
      insecureTls: false,
    } as never);
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('without a connection manager lists none and explains the rest', async () => {
    const svc = new InspectorService();
    expect(await svc.listConnections({})).toEqual({ ok: true, value: [] });
    expect(await svc.connect({ profileId: 'x' })).toMatchObject({
      ok: false,
      error: { message: 'This Runlens host keeps no server connections' },
    });
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectionManager, normalizeServerUrl } from './ConnectionManager';
import type { RemoteClient, RemoteOptions } from './remote';
import {
  MemoryVault,
  SecretStorageUnavailable,
  type SecretVault,
  type VaultPersistence,
} from './SecretVault';
import type { TrackingStore } from '../stores/TrackingStore';

const SECRET = 's3cr3t-do-not-leak';

/** A persistent vault (what safeStorage gives) that can be told to refuse. */
class FakeVault implements SecretVault {
  readonly secrets = new Map<string, string>();
  constructor(private readonly refuse: string | null = null) {}
  persistence(): VaultPersistence {
    return this.refuse ? { persistent: false, reason: this.refuse } : { persistent: true };
  }
  async has(id: string) {
    return this.secrets.has(id);
  }
  async get(id: string) {
    return this.secrets.get(id);
  }
  async set(id: string, secret: string) {
    if (this.refuse) throw new SecretStorageUnavailable(this.refuse);
    this.secrets.set(id, secret);
  }
  async delete(id: string) {
    this.secrets.delete(id);
  }
}

/** Records what the REST client was asked, answers with a fixed outcome. */
function fakeRemote(
  outcome: Awaited<ReturnType<RemoteClient['test']>> = { ok: true, serverVersion: '3.1.2.dev0' },
) {
  const calls: { what: 'test' | 'open'; url: string; options: RemoteOptions }[] = [];
  const remote: RemoteClient = {
    async test(url, options) {
      calls.push({ what: 'test', url, options });
      return outcome;
    },
    async open(url, options) {
      calls.push({ what: 'open', url, options });
      return { kind: 'rest', location: url } as unknown as TrackingStore;
    },
  };
  return { remote, calls };
}

const basic = {
  name: 'Team server',
  url: 'https://mlflow.example.com/',
  authKind: 'basic' as const,
  username: 'ana',
  insecureTls: false,
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'runlens-connections-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('ConnectionManager', () => {
  it('saves a profile to connections.json and its secret to the vault, never to the file or the listing', async () => {
    const vault = new FakeVault();
    const manager = new ConnectionManager({ configDir: dir, vault, remote: fakeRemote().remote });
    const saved = await manager.save({ ...basic, secret: SECRET });

    expect(saved).toMatchObject({
      name: 'Team server',
      url: 'https://mlflow.example.com',
      hasSecret: true,
      source: 'saved',
    });
    expect(saved.secretNotice).toBeUndefined();
    expect(vault.secrets.get(saved.id)).toBe(SECRET);
    expect(readFileSync(join(dir, 'connections.json'), 'utf8')).not.toContain(SECRET);
    const listed = await manager.list();
    expect(JSON.stringify(listed)).not.toContain(SECRET);
    expect(listed).toEqual([saved]);

    // A new manager (next launch) reads the same file and vault.
    const again = new ConnectionManager({ configDir: dir, vault, remote: fakeRemote().remote });
    expect(await again.list()).toEqual([saved]);
  });

  it('keeps the stored secret when an edit sends none, and drops it when the sign-in kind changes', async () => {
    const vault = new FakeVault();
    const manager = new ConnectionManager({ configDir: dir, vault });
    const { id } = await manager.save({ ...basic, secret: SECRET });
    expect((await manager.save({ ...basic, id, name: 'Renamed', secret: '' })).hasSecret).toBe(
      true,
    );
    expect(vault.secrets.get(id)).toBe(SECRET);
    const bearer = await manager.save({ ...basic, id, authKind: 'bearer' });
    expect(bearer.hasSecret).toBe(false);
    expect(vault.secrets.has(id)).toBe(false);
  });

  it('deletes a profile and its secret', async () => {
    const vault = new FakeVault();
    const manager = new ConnectionManager({ configDir: dir, vault });
    const { id } = await manager.save({ ...basic, secret: SECRET });
    await manager.delete(id);
    expect(await manager.list()).toEqual([]);
    expect(vault.secrets.size).toBe(0);
    await expect(manager.delete(id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps the secret for this session only when the vault refuses, and says so', async () => {
    const vault = new FakeVault('no keyring is running');
    const manager = new ConnectionManager({ configDir: dir, vault, remote: fakeRemote().remote });
    const saved = await manager.save({ ...basic, secret: SECRET });
    expect(saved.hasSecret).toBe(true);
    expect(saved.secretNotice).toBe(
      'This system offers no secure storage (no keyring is running): the password was not saved; it is kept for this session only.',
    );
    expect(vault.secrets.size).toBe(0);
    expect(readFileSync(join(dir, 'connections.json'), 'utf8')).not.toContain(SECRET);
    // Usable in this session…
    expect((await manager.target(saved.id)).options.auth).toEqual({
      kind: 'basic',
      username: 'ana',
      password: SECRET,
    });
    // …gone at the next launch, with a clear reason instead of an anonymous request.
    const next = new ConnectionManager({ configDir: dir, vault });
    expect((await next.list())[0]?.hasSecret).toBe(false);
    await expect(next.target(saved.id)).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      message: expect.stringContaining('No password is stored'),
    });
  });

  it('says a memory vault (web host) keeps tokens for this session only', async () => {
    const manager = new ConnectionManager({ configDir: dir, vault: new MemoryVault() });
    const saved = await manager.save({ ...basic, authKind: 'bearer', secret: SECRET });
    expect(saved.secretNotice).toMatch(
      /^This system offers no secure storage \(runlens serve keeps .* in memory only, never on disk\): the token was not saved/,
    );
  });

  it("lists an http(s) MLFLOW_TRACKING_URI as a read-only env profile with MLflow's variables", async () => {
    const env = {
      MLFLOW_TRACKING_URI: 'https://dbc-123.cloud.databricks.com',
      MLFLOW_TRACKING_TOKEN: SECRET,
      MLFLOW_TRACKING_INSECURE_TLS: 'true',
      MLFLOW_TRACKING_CLIENT_CERT_PATH: '/certs/client.pem',
    };
    const { remote, calls } = fakeRemote();
    const manager = new ConnectionManager({ configDir: dir, vault: new FakeVault(), env, remote });
    const listed = await manager.list();
    expect(listed).toEqual([
      {
        id: 'env',
        name: 'dbc-123.cloud.databricks.com (MLFLOW_TRACKING_URI)',
        url: 'https://dbc-123.cloud.databricks.com',
        authKind: 'bearer',
        hasSecret: true,
        insecureTls: true,
        clientCertPath: '/certs/client.pem',
        source: 'env',
      },
    ]);
    expect(JSON.stringify(listed)).not.toContain(SECRET);
    await expect(manager.save({ ...basic, id: 'env' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(manager.delete('env')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });

    // Testing it with no typed secret uses the environment's token.
    await manager.test({
      url: 'https://dbc-123.cloud.databricks.com',
      authKind: 'bearer',
      insecureTls: true,
      profileId: 'env',
    });
    expect(calls[0]?.options.auth).toEqual({ kind: 'bearer', token: SECRET });
  });

  it('has no env profile for a local or missing MLFLOW_TRACKING_URI; Basic wins over a token as in MLflow', async () => {
    for (const uri of [undefined, './mlruns', 'sqlite:///mlflow.db', 'file:///tmp/mlruns']) {
      const manager = new ConnectionManager({
        configDir: null,
        vault: new FakeVault(),
        env: { MLFLOW_TRACKING_URI: uri },
      });
      expect(await manager.list()).toEqual([]);
    }
    const env = {
      MLFLOW_TRACKING_URI: 'http://u:p@host:5000/',
      MLFLOW_TRACKING_USERNAME: 'ana',
      MLFLOW_TRACKING_PASSWORD: 'pw',
      MLFLOW_TRACKING_TOKEN: 't',
    };
    const manager = new ConnectionManager({ configDir: null, vault: new FakeVault(), env });
    const [profile] = await manager.list();
    expect(profile).toMatchObject({ url: 'http://host:5000', authKind: 'basic', username: 'ana' });
    expect((await manager.target('env')).options.auth).toEqual({
      kind: 'basic',
      username: 'ana',
      password: 'pw',
    });
  });

  it('tests a server and reports its version, or the exact reason it failed', async () => {
    const good = new ConnectionManager({
      configDir: null,
      vault: new FakeVault(),
      remote: fakeRemote().remote,
    });
    expect(
      await good.test({ url: 'http://127.0.0.1:5000', authKind: 'none', insecureTls: false }),
    ).toEqual({
      ok: true,
      serverVersion: '3.1.2.dev0',
      message: 'Connected: MLflow 3.1.2.dev0',
    });
    const failing = fakeRemote({
      ok: false,
      error: { code: 'UNAUTHORIZED', message: 'The server refused the credentials (HTTP 401)' },
    });
    const bad = new ConnectionManager({
      configDir: null,
      vault: new FakeVault(),
      remote: failing.remote,
    });
    expect(
      await bad.test({
        url: 'http://127.0.0.1:5000',
        authKind: 'bearer',
        secret: SECRET,
        insecureTls: false,
      }),
    ).toEqual({
      ok: false,
      message: 'The server refused the credentials (HTTP 401)',
    });
    expect(failing.calls[0]?.options.auth).toEqual({ kind: 'bearer', token: SECRET });
    // Form mistakes come back as a failed test with the reason, without reaching the server.
    expect(
      await bad.test({ url: 'ftp://host', authKind: 'none', insecureTls: false }),
    ).toMatchObject({ ok: false, message: expect.stringContaining('http://') });
    expect(
      await bad.test({
        url: 'https://h',
        authKind: 'none',
        insecureTls: true,
        caCertPath: '/ca.pem',
      }),
    ).toMatchObject({ ok: false });
    expect(
      await bad.test({
        url: 'https://h',
        authKind: 'none',
        insecureTls: false,
        caCertPath: join(dir, 'missing.pem'),
      }),
    ).toEqual({
      ok: false,
      message: `The CA certificate file ${join(dir, 'missing.pem')} does not exist`,
    });
    expect(failing.calls).toHaveLength(1);
  });

  it('tests an edited profile with its stored secret when none is typed', async () => {
    const { remote, calls } = fakeRemote();
    const manager = new ConnectionManager({ configDir: null, vault: new FakeVault(), remote });
    const { id } = await manager.save({ ...basic, secret: SECRET });
    await manager.test({ ...basic, profileId: id });
    expect(calls[0]?.options.auth).toEqual({ kind: 'basic', username: 'ana', password: SECRET });
  });

  it("gives connect the profile's URL, name and credentials, and opens through the REST client", async () => {
    const { remote, calls } = fakeRemote();
    const manager = new ConnectionManager({ configDir: null, vault: new FakeVault(), remote });
    const { id } = await manager.save({ ...basic, secret: SECRET });
    const target = await manager.target(id);
    expect(target).toEqual({
      key: `connection:${id}`,
      url: 'https://mlflow.example.com',
      displayName: 'Team server',
      options: { auth: { kind: 'basic', username: 'ana', password: SECRET }, insecureTls: false },
    });
    await manager.open(target);
    expect(calls).toEqual([
      { what: 'open', url: 'https://mlflow.example.com', options: target.options },
    ]);
    await expect(manager.target('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lists command-line servers read-only, with their secret in memory only', async () => {
    const manager = new ConnectionManager({ configDir: dir, vault: new FakeVault() });
    const cli = manager.addCliConnection({
      url: 'https://host:5000',
      authKind: 'bearer',
      secret: SECRET,
    });
    expect(cli).toEqual({
      id: 'cli-1',
      name: 'host:5000',
      url: 'https://host:5000',
      authKind: 'bearer',
      hasSecret: true,
      insecureTls: false,
      source: 'cli',
    });
    expect((await manager.target('cli-1')).options.auth).toEqual({ kind: 'bearer', token: SECRET });
    await expect(manager.delete('cli-1')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(() => readFileSync(join(dir, 'connections.json'))).toThrow();
  });

  it('refuses bad input with a message naming what to fix', async () => {
    const manager = new ConnectionManager({ configDir: null, vault: new FakeVault() });
    await expect(manager.save({ ...basic, name: '  ' })).rejects.toThrow(
      'Give the connection a name',
    );
    await expect(manager.save({ ...basic, username: '' })).rejects.toThrow('needs a username');
    await expect(manager.save({ ...basic, url: 'https://ana:pw@host' })).rejects.toThrow(
      'not in the URL',
    );
    await expect(manager.save({ ...basic, id: 'missing' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('reports a corrupt connections.json instead of overwriting it', async () => {
    writeFileSync(join(dir, 'connections.json'), '{ not json');
    const manager = new ConnectionManager({ configDir: dir, vault: new FakeVault() });
    await expect(manager.list()).rejects.toMatchObject({
      code: 'STORE_UNREADABLE',
      message: expect.stringContaining('not valid JSON'),
    });
    await expect(manager.save(basic)).rejects.toMatchObject({ code: 'STORE_UNREADABLE' });
    expect(readFileSync(join(dir, 'connections.json'), 'utf8')).toBe('{ not json');
  });
});

describe('normalizeServerUrl', () => {
  it.each([
    ['https://host:5000/', 'https://host:5000'],
    [' http://host/mlflow/ ', 'http://host/mlflow'],
    ['https://host/#frag', 'https://host'],
  ])('%s → %s', (input, expected) => expect(normalizeServerUrl(input)).toBe(expected));
});

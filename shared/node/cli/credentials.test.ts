import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startReplayServer } from '../../../test/rest/replayServer';
import type { ConnectionProfile } from '../../common/connections';
import type { StoreInfo } from '../../common/contract';
import { fromWireJson } from '../../common/wire';
import { parse } from './args';
import {
  CREDENTIAL_OPTIONS,
  credentialFlags,
  readFirstLine,
  readFlagSecret,
  refuseSecretArgs,
  serverConnection,
} from './credentials';
import { main } from './main';

const REPO = resolve(import.meta.dirname, '../../..');
const CAPTURES = join(REPO, 'test/fixtures/mlflow-3.1.2.dev0/rest');
const URL_ = 'https://mlflow.example.com';

const flagsOf = (args: string[], stores = [URL_]) =>
  credentialFlags(parse(args, { ...CREDENTIAL_OPTIONS }), stores);

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('credential flags', () => {
  it('reads --username, --password-stdin and --token-env', () => {
    expect(flagsOf([])).toBeNull();
    expect(flagsOf(['--username', 'ana', '--password-stdin'])).toEqual({
      username: 'ana',
      passwordStdin: true,
    });
    expect(flagsOf(['--token-env', 'DATABRICKS_TOKEN'])).toEqual({
      passwordStdin: false,
      tokenEnv: 'DATABRICKS_TOKEN',
    });
  });

  it.each([
    [['--password-stdin'], '--password-stdin needs --username'],
    [['--token-env', 'T', '--username', 'ana'], 'use either --token-env'],
    [['--token-env', 'dapi123-secret'], '--token-env takes the NAME of an environment variable'],
  ])('refuses %j', (args, message) => {
    expect(() => flagsOf(args)).toThrow(message);
  });

  it('applies only to http(s) servers', () => {
    expect(() => flagsOf(['--token-env', 'T'], ['./mlruns'])).toThrow(
      'apply to an http(s):// tracking server',
    );
  });

  it('never takes a secret as an argument value, and does not echo it', () => {
    expect(() => refuseSecretArgs(['serve', URL_, '--password', 'hunter2'])).toThrow(
      'use --password-stdin',
    );
    expect(() => refuseSecretArgs(['--token=dapi-x'])).toThrow('use --token-env NAME');
    try {
      refuseSecretArgs(['--token=dapi-x']);
    } catch (err) {
      expect((err as Error).message).not.toContain('dapi-x');
    }
    expect(() => refuseSecretArgs(['--password-stdin', '--token-env', 'T'])).not.toThrow();
  });
});

describe('readFlagSecret', () => {
  it('reads the token from the named variable, the password from stdin or MLFLOW_TRACKING_PASSWORD', async () => {
    const stdin = vi.fn(async () => 'pw-from-stdin');
    expect(
      await readFlagSecret(
        { passwordStdin: false, tokenEnv: 'MY_TOKEN' },
        { MY_TOKEN: ' tok ' },
        stdin,
      ),
    ).toBe('tok');
    expect(await readFlagSecret({ username: 'ana', passwordStdin: true }, {}, stdin)).toBe(
      'pw-from-stdin',
    );
    expect(
      await readFlagSecret(
        { username: 'ana', passwordStdin: false },
        { MLFLOW_TRACKING_PASSWORD: 'envpw' },
        stdin,
      ),
    ).toBe('envpw');
    expect(stdin).toHaveBeenCalledOnce();
  });

  it('says what is missing', async () => {
    await expect(
      readFlagSecret({ passwordStdin: false, tokenEnv: 'NOPE' }, {}, async () => null),
    ).rejects.toThrow('NOPE: that environment variable is empty or not set');
    await expect(
      readFlagSecret({ username: 'a', passwordStdin: true }, {}, async () => null),
    ).rejects.toThrow('stdin gave no password');
    await expect(
      readFlagSecret({ username: 'a', passwordStdin: false }, {}, async () => null),
    ).rejects.toThrow('--username needs --password-stdin');
  });

  it('takes the first line of stdin without its line ending', async () => {
    const stream = new PassThrough();
    const line = readFirstLine(stream);
    stream.write('pass word\r\nsecond line\n');
    expect(await line).toBe('pass word');
    const empty = new PassThrough();
    const none = readFirstLine(empty);
    empty.end();
    expect(await none).toBeNull();
  });
});

describe('serverConnection', () => {
  it("uses MLflow's variables for the server, with the flags' credentials on top", () => {
    const env = { MLFLOW_TRACKING_TOKEN: 'envtok', MLFLOW_TRACKING_SERVER_CERT_PATH: '/ca.pem' };
    expect(serverConnection(URL_, null, env, undefined)).toEqual({
      url: URL_,
      authKind: 'bearer',
      secret: 'envtok',
      insecureTls: false,
      caCertPath: '/ca.pem',
    });
    expect(serverConnection(URL_, { username: 'ana', passwordStdin: true }, env, 'pw')).toEqual({
      url: URL_,
      authKind: 'basic',
      username: 'ana',
      secret: 'pw',
      insecureTls: false,
      caCertPath: '/ca.pem',
    });
  });
});

function post(url: URL, path: string, token: string): Promise<string> {
  return new Promise((done, fail) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: 'POST',
        headers: { 'x-runlens-token': token },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
      },
    );
    req.on('error', fail);
    req.end('{}');
  });
}

describe('runlens serve https://… --username U --password-stdin', () => {
  it('connects with the password read from stdin, lists the server read-only, never serves the password', async () => {
    const PASSWORD = 'correct horse battery staple';
    const expected = `Basic ${Buffer.from(`ana:${PASSWORD}`).toString('base64')}`;
    const replay = await startReplayServer(CAPTURES, {
      gate: (req, res) => {
        if (req.headers.authorization === expected) return false;
        res.statusCode = 401;
        res.end('You are not authenticated.');
        return true;
      },
    });
    vi.stubEnv('RUNLENS_CONFIG_DIR', join(REPO, 'test-results', 'no-such-config'));
    let stop = (): void => undefined;
    const stopped = new Promise<void>((r) => (stop = r));
    const out: string[] = [];
    let printed = (): void => undefined;
    const ready = new Promise<void>((r) => (printed = r));
    const exit = main(['serve', replay.url, '--username', 'ana', '--password-stdin'], {
      stdout: (t) => {
        out.push(t);
        printed();
      },
      stderr: () => undefined,
      cwd: REPO,
      untilStopped: () => stopped,
      readStdinLine: async () => PASSWORD,
    });
    try {
      await Promise.race([ready, exit]);
      const match = /(http:\/\/\S+)\?token=(\S+)/.exec(out[0] ?? '');
      expect(out[0]).toMatch(/serving 1 store/);
      const url = new URL(match?.[1] ?? '');
      const stores = fromWireJson(await post(url, '/api/listStores', match?.[2] ?? '')) as {
        value: StoreInfo[];
      };
      expect(stores.value).toEqual([
        expect.objectContaining({ kind: 'rest', state: 'ready', location: replay.url }),
      ]);
      const body = await post(url, '/api/listConnections', match?.[2] ?? '');
      expect(body).not.toContain(PASSWORD);
      const profiles = (fromWireJson(body) as { value: ConnectionProfile[] }).value;
      expect(profiles).toEqual([
        expect.objectContaining({
          source: 'cli',
          authKind: 'basic',
          username: 'ana',
          hasSecret: true,
        }),
      ]);
      expect(replay.requests.every((r) => r.headers.authorization === expected)).toBe(true);
    } finally {
      stop();
      await exit;
      await replay.close();
    }
  });

  it('exits 2 with one line when --token-env names an empty variable', async () => {
    const err: string[] = [];
    const code = await main(['serve', URL_, '--token-env', 'RUNLENS_TEST_UNSET_TOKEN'], {
      stderr: (t) => void err.push(t),
      stdout: () => undefined,
      cwd: REPO,
    });
    expect(code).toBe(2);
    expect(err.join('')).toBe(
      'runlens: --token-env RUNLENS_TEST_UNSET_TOKEN: that environment variable is empty or not set (see runlens serve --help)\n',
    );
  });
});

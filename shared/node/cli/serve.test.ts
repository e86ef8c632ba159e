import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StoreInfo } from '../../common/contract';
import { fromWireJson } from '../../common/wire';
import { main } from './main';

const REPO = resolve(import.meta.dirname, '../../..');
const FIXTURE = join(REPO, 'test/fixtures/mlflow-3.1.2.dev0');

function post(url: URL, path: string, token: string): Promise<{ status: number; body: string }> {
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
        res.on('end', () =>
          done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', fail);
    req.end('{}');
  });
}

/** Starts `runlens serve …` in-process; resolves once it printed its line. */
async function startServe(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  let stop = (): void => undefined;
  const stopped = new Promise<void>((r) => (stop = r));
  let printed = (): void => undefined;
  const ready = new Promise<void>((r) => (printed = r));
  const exit = main(argv, {
    stdout: (t) => {
      out.push(t);
      printed();
    },
    stderr: (t) => void err.push(t),
    cwd: REPO,
    untilStopped: () => stopped,
  });
  await Promise.race([ready, exit]);
  return { out, err, stop, exit };
}

describe('runlens serve', () => {
  it('prints one line with the URL, serves the API, reports broken stores and stops cleanly', async () => {
    const serve = await startServe([
      'serve',
      join(FIXTURE, 'mlruns'),
      join(FIXTURE, 'missing.db'),
      join(FIXTURE, 'mlflow.db'),
    ]);
    expect(serve.out).toHaveLength(1);
    const match =
      /^Runlens is serving 2 store\(s\) at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))\n$/.exec(
        serve.out[0] ?? '',
      );
    expect(match).not.toBeNull();
    expect(serve.err.join('')).toMatch(
      /^runlens: cannot open .*missing\.db: .*does not exist.*\n$/,
    );

    const url = new URL(match?.[1] ?? '');
    const reply = await post(url, '/api/listStores', match?.[3] ?? '');
    expect(reply.status).toBe(200);
    const result = fromWireJson(reply.body) as { ok: true; value: StoreInfo[] };
    expect(result.value.map((s) => [s.kind, s.state])).toEqual([
      ['file', 'ready'],
      ['sqlite', 'error'],
      ['sqlite', 'ready'],
    ]);

    serve.stop();
    expect(await serve.exit).toBe(0);
    await expect(post(url, '/api/listStores', match?.[3] ?? '')).rejects.toThrow();
  });

  it('uses --port and --host, and exits 1 with one line when the port is taken', async () => {
    const first = await startServe([
      'serve',
      join(FIXTURE, 'mlruns'),
      '--host',
      'localhost',
      '--port',
      '0',
    ]);
    const port = /:(\d+)\//.exec(first.out[0] ?? '')?.[1] ?? '';
    expect(first.out[0]).toContain(`http://localhost:${port}/?token=`);
    const second = await startServe([
      'serve',
      join(FIXTURE, 'mlruns'),
      '--host',
      'localhost',
      '--port',
      port,
    ]);
    expect(await second.exit).toBe(1);
    expect(second.err.join('')).toMatch(
      /^runlens: port \d+ is in use: choose another with --port\n$/,
    );
    first.stop();
    expect(await first.exit).toBe(0);
  });

  it('prints the --host-name URLs after the first line and refuses a --host-name with a port', async () => {
    const serve = await startServe([
      'serve',
      join(FIXTURE, 'mlruns'),
      '--host-name',
      'box.lan',
      '--host-name',
      'alias.lan',
    ]);
    const lines = (serve.out[0] ?? '').split('\n');
    expect(lines[0]).toMatch(
      /^Runlens is serving 1 store\(s\) at http:\/\/127\.0\.0\.1:\d+\/\?token=/,
    );
    expect(lines[1]).toMatch(/^ {2}also reachable at http:\/\/box\.lan:\d+\/\?token=/);
    expect(lines[2]).toMatch(/^ {2}also reachable at http:\/\/alias\.lan:\d+\/\?token=/);
    serve.stop();
    expect(await serve.exit).toBe(0);
    const bad = await startServe(['serve', join(FIXTURE, 'mlruns'), '--host-name', 'box.lan:80']);
    expect(await bad.exit).toBe(2);
    expect(bad.err.join('')).toContain("--host-name 'box.lan:80'");
  });
});

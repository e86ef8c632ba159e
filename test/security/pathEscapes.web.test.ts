/**
 * No path escapes over HTTP (issue 11, part 2 item 2): the web host with the real service and a temp copy
 * of the 2.12 FileStore holding escape symlinks answers every path of the shared hostile table with an
 * INVALID_ARGUMENT error, for readArtifact and listArtifacts; no reply carries the file outside the store.
 * The same table goes through the static file route as URL paths (raw and percent-encoded).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreInfo } from '../../shared/common/contract';
import { fromWireJson, toWireJson } from '../../shared/common/wire';
import { InspectorService } from '../../shared/node/service/InspectorService';
import { startWebHost, type WebHost } from '../../shared/node/web/startWebHost';
import { findRunArtifactsDir } from '../support/artifactLinks';
import { httpSend } from '../support/httpSend';
import { copyFixture, fixtureIds } from '../support/fileStoreCopies';
import { HOSTILE_ARTIFACT_PATHS, OUTSIDE_SECRET, plantEscapeLinks } from '../support/hostilePaths';

const VERSION = 'mlflow-2.12.2.dev0';
const TOKEN = 'escape-test-token-0123456789';
const RUN_ID = fixtureIds(VERSION).runs['iris-0'] as string;

let root: string;
let host: WebHost;
let service: InspectorService;
let storeId: string;

async function send(path: string, method: string, body?: string): Promise<string> {
  const headers = { 'x-runlens-token': TOKEN };
  return (await httpSend(host.port, path, { method, headers, ...(body ? { body } : {}) })).body;
}

async function api(method: string, body: unknown): Promise<unknown> {
  return fromWireJson(await send(`/api/${method}`, 'POST', toWireJson(body)));
}

beforeAll(async () => {
  root = copyFixture(VERSION);
  plantEscapeLinks(findRunArtifactsDir(root, RUN_ID), join(root, '..', 'outside'));
  const staticDir = join(root, '..', 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Runlens</title>');
  service = new InspectorService({ cwd: () => root });
  host = await startWebHost({ service, staticDir, token: TOKEN });
  const opened = (await api('openStore', { location: root })) as { ok: true; value: StoreInfo };
  expect(opened.ok).toBe(true);
  storeId = opened.value.storeId;
});

afterAll(async () => {
  await host.close();
  await service.dispose();
  rmSync(join(root, '..'), { recursive: true, force: true });
});

describe('web host API refuses every hostile artifact path', () => {
  it('reads an ordinary artifact (the setup is sound)', async () => {
    const reply = await api('readArtifact', { storeId, runId: RUN_ID, path: 'logs/train.log' });
    expect(reply).toMatchObject({ ok: true });
  });

  it.each(HOSTILE_ARTIFACT_PATHS.map((h) => [h.why, h.path]))('%s', async (_why, path) => {
    for (const method of ['readArtifact', 'listArtifacts']) {
      const raw = await send(
        `/api/${method}`,
        'POST',
        toWireJson({ storeId, runId: RUN_ID, path }),
      );
      expect(raw).not.toContain(OUTSIDE_SECRET);
      expect(fromWireJson(raw)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    }
  });
});

describe('web host static route never serves a file outside its folder', () => {
  it.each(HOSTILE_ARTIFACT_PATHS.map((h) => [h.why, h.path]))('%s', async (_why, path) => {
    const raw = path.replace(/\0/g, '%00');
    for (const url of [`/${raw}`, `/${encodeURIComponent(path)}`, `/assets/${raw}`]) {
      const body = await send(url.replace(/\\/g, '%5C'), 'GET');
      expect(body).not.toContain(OUTSIDE_SECRET);
      expect(body).not.toContain('artifact_uri'); // the run's meta.yaml
      expect(body).not.toContain('root:'); // /etc/passwd
    }
  });

  it('cannot reach the sibling folder holding the secret, however encoded', async () => {
    for (const url of [
      '/../outside/secret.txt',
      '/%2e%2e/outside/secret.txt',
      '/..%2foutside%2fsecret.txt',
      '/%252e%252e%252foutside%252fsecret.txt',
      '/..%5coutside%5csecret.txt',
      '/assets/..%2f..%2foutside/secret.txt',
    ])
      expect(await send(url, 'GET')).not.toContain(OUTSIDE_SECRET);
  });
});

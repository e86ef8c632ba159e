/**
 * The failures the network tests cannot provoke on 127.0.0.1 without the outside world (DNS), and the
 * JSON error mapping, given the error objects Node and MLflow produce.
 */
import { describe, expect, it } from 'vitest';
import { type RequestContext, httpStatusError, networkError } from './httpErrors';

const ctx: RequestContext = {
  where: 'https://mlflow.example.com/api/2.0/mlflow/runs/get',
  server: 'https://mlflow.example.com',
  method: 'GET',
  endpoint: 'base',
  attempts: 1,
  timeoutMs: 120_000,
};

const nodeError = (code: string): Error =>
  Object.assign(new Error(`getaddrinfo ${code} mlflow.example.com`), { code });

describe('networkError', () => {
  it('names a DNS failure', () => {
    expect(networkError(nodeError('ENOTFOUND'), ctx).message).toBe(
      "Cannot find host 'mlflow.example.com' (DNS lookup failed) — check the server URL",
    );
    expect(networkError(nodeError('EAI_AGAIN'), { ...ctx, attempts: 4 }).message).toMatch(
      /DNS lookup of 'mlflow\.example\.com' failed \(4 attempts\)/,
    );
  });
});

describe('httpStatusError', () => {
  const json = (code: string, message: string): Buffer =>
    Buffer.from(JSON.stringify({ error_code: code, message }));
  it("maps MLflow's JSON error codes and keeps MLflow's message", () => {
    expect(
      httpStatusError(404, {}, json('RESOURCE_DOES_NOT_EXIST', 'Run x not found'), ctx),
    ).toMatchObject({ code: 'NOT_FOUND', message: 'Run x not found' });
    expect(
      httpStatusError(400, {}, json('INVALID_PARAMETER_VALUE', 'bad filter'), ctx),
    ).toMatchObject({ code: 'INVALID_ARGUMENT', message: 'bad filter' });
    expect(httpStatusError(403, {}, json('PERMISSION_DENIED', 'no'), ctx).code).toBe(
      'UNAUTHORIZED',
    );
    expect(httpStatusError(500, {}, json('INTERNAL_ERROR', 'boom'), ctx).message).toBe(
      'https://mlflow.example.com answered INTERNAL_ERROR (HTTP 500): boom',
    );
  });

  it('never shows an HTML body; a 404 page is "not an MLflow server" or "not in this version"', () => {
    const html = Buffer.from('<!doctype html><title>404 Not Found</title>');
    expect(httpStatusError(404, {}, html, ctx).message).toBe(
      'https://mlflow.example.com is not an MLflow server (no GET /api/2.0/mlflow/runs/get there) — give the address `mlflow server` listens on',
    );
    expect(httpStatusError(404, {}, html, { ...ctx, endpoint: 'optional' }).message).toBe(
      `${ctx.where}: endpoint not in this MLflow version`,
    );
    expect(
      httpStatusError(302, { location: 'https://u:p@sso.example.com/login' }, html, ctx).message,
    ).toMatch(/redirected .* to https:\/\/sso\.example\.com\/login/);
  });
});

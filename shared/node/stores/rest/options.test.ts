import { describe, expect, it } from 'vitest';
import { authorizationHeader, restOptionsFromEnv } from './options';

describe('restOptionsFromEnv (MLflow client environment variables)', () => {
  it('reads nothing from an empty environment', () => {
    expect(restOptionsFromEnv({})).toEqual({ auth: { kind: 'none' }, insecureTls: false });
  });

  it('uses Basic for username + password, Bearer for a token, Basic first when both (MLflow http_request)', () => {
    expect(restOptionsFromEnv({ MLFLOW_TRACKING_TOKEN: 'tok' }).auth).toEqual({
      kind: 'bearer',
      token: 'tok',
    });
    expect(
      restOptionsFromEnv({ MLFLOW_TRACKING_USERNAME: 'u', MLFLOW_TRACKING_PASSWORD: 'p' }).auth,
    ).toEqual({ kind: 'basic', username: 'u', password: 'p' });
    expect(
      restOptionsFromEnv({
        MLFLOW_TRACKING_USERNAME: 'u',
        MLFLOW_TRACKING_PASSWORD: 'p',
        MLFLOW_TRACKING_TOKEN: 't',
      }).auth?.kind,
    ).toBe('basic');
    expect(
      restOptionsFromEnv({ MLFLOW_TRACKING_USERNAME: 'u', MLFLOW_TRACKING_TOKEN: 't' }).auth?.kind,
    ).toBe('bearer');
  });

  it('reads TLS settings and refuses insecure TLS with a CA file', () => {
    expect(restOptionsFromEnv({ MLFLOW_TRACKING_INSECURE_TLS: 'True' }).insecureTls).toBe(true);
    expect(
      restOptionsFromEnv({
        MLFLOW_TRACKING_INSECURE_TLS: '0',
        MLFLOW_TRACKING_SERVER_CERT_PATH: '/ca.pem',
      }),
    ).toMatchObject({ insecureTls: false, caCertPath: '/ca.pem' });
    expect(restOptionsFromEnv({ MLFLOW_TRACKING_CLIENT_CERT_PATH: '/c.pem' }).clientCertPath).toBe(
      '/c.pem',
    );
    expect(() =>
      restOptionsFromEnv({
        MLFLOW_TRACKING_INSECURE_TLS: 'true',
        MLFLOW_TRACKING_SERVER_CERT_PATH: '/ca.pem',
      }),
    ).toThrow(/MLFLOW_TRACKING_INSECURE_TLS and MLFLOW_TRACKING_SERVER_CERT_PATH are both set/);
    expect(() => restOptionsFromEnv({ MLFLOW_TRACKING_INSECURE_TLS: 'yes' })).toThrow(
      /must be true, false, 1 or 0/,
    );
  });

  it('builds the Authorization header as MLflow does', () => {
    expect(authorizationHeader({ kind: 'basic', username: 'alice', password: 'pw' })).toBe(
      'Basic YWxpY2U6cHc=',
    );
    expect(authorizationHeader({ kind: 'bearer', token: 'abc' })).toBe('Bearer abc');
    expect(authorizationHeader({ kind: 'none' })).toBeUndefined();
  });
});

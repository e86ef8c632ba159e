import { describe, expect, it } from 'vitest';
import type { ConnectionProfile } from '../../../shared/common/connections';
import { defaultName, formFrom, saveRequest, secretStatus, testRequest } from './connectionForm';

const profile: ConnectionProfile = {
  id: 'p1',
  name: 'Team',
  url: 'https://mlflow.example.com',
  authKind: 'basic',
  username: 'ana',
  hasSecret: true,
  clientCertPath: '/client.pem',
  insecureTls: false,
  source: 'saved',
};

describe('connection form', () => {
  it('sends only what the sign-in kind uses, and no CA file while TLS checks are skipped', () => {
    const form = {
      ...formFrom(),
      url: ' https://h ',
      username: 'ana',
      secret: 'pw',
      caCertPath: '/ca.pem',
      insecureTls: true,
    };
    expect(saveRequest(form)).toEqual({
      name: 'h',
      url: 'https://h',
      authKind: 'none',
      insecureTls: true,
    });
    expect(saveRequest({ ...form, authKind: 'basic', insecureTls: false })).toEqual({
      name: 'h',
      url: 'https://h',
      authKind: 'basic',
      username: 'ana',
      secret: 'pw',
      caCertPath: '/ca.pem',
      insecureTls: false,
    });
  });

  it('edits keep the id and the stored secret: nothing typed means "test with the saved one"', () => {
    const form = formFrom(profile);
    expect(form.secret).toBe('');
    expect(saveRequest(form, profile)).toEqual({
      id: 'p1',
      name: 'Team',
      url: 'https://mlflow.example.com',
      authKind: 'basic',
      username: 'ana',
      clientCertPath: '/client.pem',
      insecureTls: false,
    });
    expect(testRequest(form, profile)).toMatchObject({ profileId: 'p1' });
    expect(testRequest({ ...form, secret: 'new' }, profile)).not.toHaveProperty('profileId');
  });

  it('names the secret state for the sidebar', () => {
    expect(secretStatus(profile)).toBe('password saved');
    expect(secretStatus({ ...profile, hasSecret: false })).toBe('no password saved');
    expect(
      secretStatus({ ...profile, authKind: 'bearer', secretNotice: 'kept for this session only' }),
    ).toBe('token for this session');
    expect(secretStatus({ ...profile, authKind: 'bearer', source: 'env' })).toBe(
      'token from environment',
    );
    expect(secretStatus({ ...profile, authKind: 'none' })).toBeNull();
    expect(defaultName('not a url')).toBe('not a url');
  });
});

import { describe, expect, it } from 'vitest';
import { validateRequest } from './contract';

const form = {
  url: 'https://mlflow.example.com',
  authKind: 'basic',
  username: 'ana',
  secret: 'pw',
  insecureTls: false,
};

describe('connection requests', () => {
  it('accepts a full saveConnection and testConnection request', () => {
    expect(
      validateRequest('saveConnection', { ...form, name: 'Team', caCertPath: '/ca.pem' }),
    ).toEqual({ ...form, name: 'Team', caCertPath: '/ca.pem' });
    expect(validateRequest('testConnection', { ...form, profileId: 'p1' })).toEqual({
      ...form,
      profileId: 'p1',
    });
    expect(validateRequest('connect', { profileId: 'p1' })).toEqual({ profileId: 'p1' });
    expect(validateRequest('listConnections', {})).toEqual({});
  });

  it.each([
    ['saveConnection', { ...form }, 'request.name must be a string'],
    [
      'saveConnection',
      { ...form, name: 'x', insecureTls: 'yes' },
      'request.insecureTls must be true or false',
    ],
    [
      'saveConnection',
      { ...form, name: 'x', authKind: 'oauth' },
      'request.authKind must be one of none, basic, bearer',
    ],
    // A misnamed secret field is refused, not silently dropped.
    [
      'saveConnection',
      { ...form, name: 'x', password: 'pw' },
      'request.password is not a known field',
    ],
    [
      'testConnection',
      { url: 'https://h', authKind: 'none' },
      'request.insecureTls must be true or false',
    ],
    ['deleteConnection', {}, 'request.id must be a string'],
    ['connect', { profileId: '' }, 'request.profileId must be a non-empty string'],
  ] as const)('%s rejects %j', (method, request, message) => {
    expect(() => validateRequest(method, request)).toThrow(message);
  });
});

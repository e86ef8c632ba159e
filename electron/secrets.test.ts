import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SecretStorageUnavailable } from '../shared/node/connections/SecretVault';
import { SafeStorageVault, type SafeStorageLike } from './secrets';

const SECRET = 'dapi-0123456789abcdef';

/** Reversible "encryption" that leaves no plain text behind, like the real one. */
function fakeSafeStorage(state: { available: boolean; backend?: string }): SafeStorageLike {
  const shift = (text: string, by: number) =>
    String.fromCharCode(...[...text].map((c) => c.charCodeAt(0) + by));
  const storage: SafeStorageLike = {
    isEncryptionAvailable: () => state.available,
    encryptString: (plain) => Buffer.from(shift(plain, 7), 'utf8'),
    decryptString: (encrypted) => shift(encrypted.toString('utf8'), -7),
  };
  if (state.backend !== undefined) storage.getSelectedStorageBackend = () => state.backend ?? '';
  return storage;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'runlens-secrets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('SafeStorageVault', () => {
  it('stores each secret encrypted, base64, in secrets.json, and reads it back', async () => {
    const path = join(dir, 'secrets.json');
    const vault = new SafeStorageVault(
      fakeSafeStorage({ available: true, backend: 'gnome_libsecret' }),
      path,
      'linux',
    );
    expect(vault.persistence()).toEqual({ persistent: true });
    await vault.set('p1', SECRET);
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain(SECRET);
    expect(JSON.parse(text)).toEqual({
      version: 1,
      secrets: { p1: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/) },
    });
    expect(await vault.has('p1')).toBe(true);
    expect(await vault.get('p1')).toBe(SECRET);
    await vault.delete('p1');
    expect(await vault.has('p1')).toBe(false);
    expect(await vault.get('p1')).toBeUndefined();
  });

  it('refuses to store when encryption is unavailable', async () => {
    const vault = new SafeStorageVault(
      fakeSafeStorage({ available: false }),
      join(dir, 'secrets.json'),
      'darwin',
    );
    expect(vault.persistence()).toMatchObject({
      persistent: false,
      reason: expect.stringContaining('not available'),
    });
    await expect(vault.set('p1', SECRET)).rejects.toBeInstanceOf(SecretStorageUnavailable);
    expect(() => readFileSync(join(dir, 'secrets.json'))).toThrow();
  });

  it("refuses Linux's basic_text backend (a hard-coded key is plain text in disguise)", async () => {
    const vault = new SafeStorageVault(
      fakeSafeStorage({ available: true, backend: 'basic_text' }),
      join(dir, 'secrets.json'),
      'linux',
    );
    expect(vault.persistence()).toMatchObject({
      persistent: false,
      reason: expect.stringContaining('GNOME Keyring or KWallet'),
    });
    await expect(vault.set('p1', SECRET)).rejects.toThrow(/plain text/);
    expect(() => readFileSync(join(dir, 'secrets.json'))).toThrow();
  });

  it('treats a damaged file or an undecryptable secret as none stored', async () => {
    const path = join(dir, 'secrets.json');
    const storage = fakeSafeStorage({ available: true });
    const vault = new SafeStorageVault(storage, path, 'win32');
    await vault.set('p1', SECRET);
    storage.decryptString = () => {
      throw new Error(
        'Error while decrypting the ciphertext provided to safeStorage.decryptString.',
      );
    };
    expect(await vault.get('p1')).toBeUndefined();
    writeFileSync(path, '{ damaged');
    expect(await vault.has('p1')).toBe(false);
    await vault.set('p2', SECRET);
    expect(Object.keys(JSON.parse(readFileSync(path, 'utf8')).secrets)).toEqual(['p2']);
  });
});

/**
 * The desktop app's SecretVault: Electron's safeStorage (macOS Keychain, Windows DPAPI, Linux
 * libsecret/kwallet) encrypts each secret; the ciphertexts are kept base64 in `secrets.json` in the
 * user-data folder, apart from the profiles (connections.json), so the profiles file can be shared
 * or inspected without exposing anything.
 *
 * It refuses to store (SecretStorageUnavailable) when encryption is unavailable, and on Linux when
 * Chromium picked the 'basic_text' backend: that one "encrypts" with a hard-coded key, which is
 * plain text in disguise. The manager then keeps the secret for the session and tells the user.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  SecretStorageUnavailable,
  type SecretVault,
  type VaultPersistence,
} from '../shared/node/connections/SecretVault';

/** The part of Electron's `safeStorage` used here (a fake in the tests). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron. */
  getSelectedStorageBackend?(): string;
}

export const SECRETS_FILE = 'secrets.json';

interface SecretsFile {
  version: 1;
  /** Profile id → safeStorage ciphertext, base64. */
  secrets: Record<string, string>;
}

export class SafeStorageVault implements SecretVault {
  constructor(
    private readonly safeStorage: SafeStorageLike,
    /** Absolute path of secrets.json. */
    private readonly path: string,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  persistence(): VaultPersistence {
    if (!this.safeStorage.isEncryptionAvailable()) {
      return {
        persistent: false,
        reason: "the operating system's encrypted storage is not available to Runlens",
      };
    }
    if (
      this.platform === 'linux' &&
      this.safeStorage.getSelectedStorageBackend?.() === 'basic_text'
    ) {
      return {
        persistent: false,
        reason:
          'no keyring such as GNOME Keyring or KWallet is running, so it could only be stored as plain text',
      };
    }
    return { persistent: true };
  }

  private read(): SecretsFile {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return { version: 1, secrets: {} };
    }
    try {
      const secrets = (JSON.parse(text) as Partial<SecretsFile>).secrets;
      if (typeof secrets === 'object' && secrets !== null)
        return { version: 1, secrets: { ...secrets } };
    } catch {
      // A damaged file loses its secrets (each profile then says "no token saved"), never the app.
    }
    return { version: 1, secrets: {} };
  }

  private write(file: SecretsFile): void {
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const temp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, this.path);
  }

  async has(id: string): Promise<boolean> {
    return typeof this.read().secrets[id] === 'string';
  }

  async get(id: string): Promise<string | undefined> {
    const stored = this.read().secrets[id];
    if (typeof stored !== 'string') return undefined;
    const state = this.persistence();
    if (!state.persistent) return undefined;
    try {
      return this.safeStorage.decryptString(Buffer.from(stored, 'base64'));
    } catch {
      // Encrypted under another OS account or keyring: as if none were stored (the user types it again).
      return undefined;
    }
  }

  async set(id: string, secret: string): Promise<void> {
    const state = this.persistence();
    if (!state.persistent) throw new SecretStorageUnavailable(state.reason);
    const file = this.read();
    file.secrets[id] = this.safeStorage.encryptString(secret).toString('base64');
    this.write(file);
  }

  async delete(id: string): Promise<void> {
    const file = this.read();
    if (!(id in file.secrets)) return;
    delete file.secrets[id];
    this.write(file);
  }
}

/**
 * Where the passwords and tokens of saved connection profiles are kept, keyed by profile id.
 *
 * Contract: a vault either keeps a secret safely (encrypted by the operating system: Electron's
 * safeStorage, see electron/secrets.ts) or refuses to, by throwing `SecretStorageUnavailable` from
 * `set` with the reason; it never falls back to plain text on disk. A vault whose secrets live only in
 * this process's memory says so through `persistence()`, so the user is told the secret is kept for
 * this session only. Secrets are never logged.
 */

export type VaultPersistence = { persistent: true } | { persistent: false; reason: string };

export interface SecretVault {
  /** Whether a stored secret survives a restart; when not, why (a phrase for the user). */
  persistence(): VaultPersistence;
  has(id: string): Promise<boolean>;
  get(id: string): Promise<string | undefined>;
  /** Throws SecretStorageUnavailable (with the reason) when it cannot store secrets safely. */
  set(id: string, secret: string): Promise<void>;
  delete(id: string): Promise<void>;
}

/** Thrown by `SecretVault.set` when the system offers no secure storage; `reason` is for the user. */
export class SecretStorageUnavailable extends Error {
  constructor(readonly reason: string) {
    super(`No secure storage for secrets: ${reason}`);
    this.name = 'SecretStorageUnavailable';
  }
}

/**
 * The vault of the web host and the CLI: secrets (from flags, environment variables or typed in the
 * browser) live in this process's memory only — never written to disk, never sent to the browser.
 */
export class MemoryVault implements SecretVault {
  private readonly secrets = new Map<string, string>();

  persistence(): VaultPersistence {
    return {
      persistent: false,
      reason: 'runlens serve keeps passwords and tokens in memory only, never on disk',
    };
  }

  async has(id: string): Promise<boolean> {
    return this.secrets.has(id);
  }

  async get(id: string): Promise<string | undefined> {
    return this.secrets.get(id);
  }

  async set(id: string, secret: string): Promise<void> {
    this.secrets.set(id, secret);
  }

  async delete(id: string): Promise<void> {
    this.secrets.delete(id);
  }
}

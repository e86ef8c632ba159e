/**
 * The saved connection profiles on disk: `connections.json` in the app's own config folder. It holds
 * names, URLs, usernames and certificate paths — never a password or token (those are in the vault).
 * Writes go to a temp file renamed over the old one, so a crash never leaves half a file.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AUTH_KINDS, type AuthKind } from '../../common/connections';
import { StoreError } from '../../common/errors';

export interface StoredProfile {
  id: string;
  name: string;
  url: string;
  authKind: AuthKind;
  username?: string;
  caCertPath?: string;
  clientCertPath?: string;
  insecureTls: boolean;
}

export const PROFILES_FILE = 'connections.json';
const FORMAT_VERSION = 1;

function isStoredProfile(value: unknown): value is StoredProfile {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  const optionalString = (v: unknown) => v === undefined || typeof v === 'string';
  return (
    typeof p.id === 'string' &&
    typeof p.name === 'string' &&
    typeof p.url === 'string' &&
    (AUTH_KINDS as readonly unknown[]).includes(p.authKind) &&
    optionalString(p.username) &&
    optionalString(p.caCertPath) &&
    optionalString(p.clientCertPath) &&
    typeof p.insecureTls === 'boolean'
  );
}

/** Only the known fields, so nothing else (a secret by mistake) is ever written. */
function pick(profile: StoredProfile): StoredProfile {
  const out: StoredProfile = {
    id: profile.id,
    name: profile.name,
    url: profile.url,
    authKind: profile.authKind,
    insecureTls: profile.insecureTls,
  };
  if (profile.username !== undefined) out.username = profile.username;
  if (profile.caCertPath !== undefined) out.caCertPath = profile.caCertPath;
  if (profile.clientCertPath !== undefined) out.clientCertPath = profile.clientCertPath;
  return out;
}

export class ProfileFile {
  readonly path: string;

  constructor(private readonly dir: string) {
    this.path = join(dir, PROFILES_FILE);
  }

  /** The saved profiles; none when the file does not exist yet. Throws STORE_UNREADABLE when it is corrupt. */
  read(): StoredProfile[] {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new StoreError(
        'STORE_UNREADABLE',
        `Cannot read the saved connections (${this.path}): ${(err as Error).message}`,
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new StoreError(
        'STORE_UNREADABLE',
        `${this.path} is not valid JSON: fix it or delete it to start over`,
      );
    }
    const profiles = (parsed as { profiles?: unknown } | null)?.profiles;
    if (!Array.isArray(profiles)) {
      throw new StoreError(
        'STORE_UNREADABLE',
        `${this.path} has no "profiles" list: fix it or delete it to start over`,
      );
    }
    // A hand-edited entry that lost a field is skipped rather than failing every other profile.
    return profiles.filter(isStoredProfile).map(pick);
  }

  write(profiles: readonly StoredProfile[]): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const body = `${JSON.stringify({ version: FORMAT_VERSION, profiles: profiles.map(pick) }, null, 2)}\n`;
    const temp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temp, body, { mode: 0o600 });
    renameSync(temp, this.path);
  }
}

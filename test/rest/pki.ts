/**
 * A throwaway certificate authority for TLS tests, made with the `openssl` CLI in a temp folder:
 * a CA, server certificates for chosen names (or already expired), and a client certificate PEM
 * (certificate + key in one file, as MLFLOW_TRACKING_CLIENT_CERT_PATH takes it). EC P-256 keys: fast.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KeyPair {
  key: Buffer;
  cert: Buffer;
}

export interface TestPki {
  caPath: string;
  ca: Buffer;
  /** A certificate signed by the CA for `altNames` (e.g. `IP:127.0.0.1`); days < 0 makes it expired. */
  issue(name: string, altNames: string, days?: number): KeyPair & { pemPath: string };
  cleanup(): void;
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

export function makePki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'runlens-pki-'));
  const ssl = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  };
  ssl(
    'req',
    '-x509',
    ...EC,
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=Runlens test CA',
  );
  return {
    caPath: join(dir, 'ca.pem'),
    ca: readFileSync(join(dir, 'ca.pem')),
    issue(name, altNames, days = 1) {
      ssl('req', ...EC, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
      writeFileSync(join(dir, `${name}.ext`), `subjectAltName=${altNames}\n`);
      ssl(
        'x509',
        '-req',
        '-in',
        `${name}.csr`,
        '-CA',
        'ca.pem',
        '-CAkey',
        'ca.key',
        '-CAcreateserial',
        '-out',
        `${name}.pem`,
        '-days',
        String(days),
        '-extfile',
        `${name}.ext`,
      );
      const key = readFileSync(join(dir, `${name}.key`));
      const cert = readFileSync(join(dir, `${name}.pem`));
      const pemPath = join(dir, `${name}.both.pem`);
      writeFileSync(pemPath, Buffer.concat([cert, key]));
      return { key, cert, pemPath };
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

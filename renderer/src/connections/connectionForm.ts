/**
 * The connection dialog's form state and what it sends. Pure, so the rules (which fields go out for
 * which sign-in kind, when the stored secret is reused) are unit-tested without a DOM.
 */
import type { AuthKind, ConnectionProfile } from '../../../shared/common/connections';
import type { RequestOf } from '../../../shared/common/contract';

export interface ConnectionForm {
  name: string;
  url: string;
  authKind: AuthKind;
  username: string;
  /** Typed in this dialog only; never filled from the host (it never sends one back). */
  secret: string;
  caCertPath: string;
  insecureTls: boolean;
}

export function formFrom(profile?: ConnectionProfile): ConnectionForm {
  return {
    name: profile?.name ?? '',
    url: profile?.url ?? '',
    authKind: profile?.authKind ?? 'none',
    username: profile?.username ?? '',
    secret: '',
    caCertPath: profile?.caCertPath ?? '',
    insecureTls: profile?.insecureTls ?? false,
  };
}

/** A name for a profile the user did not name: the server's host. */
export function defaultName(url: string): string {
  try {
    return new URL(url.trim()).host || url.trim();
  } catch {
    return url.trim();
  }
}

/** The server fields of a request: only what the sign-in kind uses, no CA file when TLS is skipped. */
function serverFields(form: ConnectionForm) {
  const fields: RequestOf<'testConnection'> = {
    url: form.url.trim(),
    authKind: form.authKind,
    insecureTls: form.insecureTls,
  };
  if (form.authKind === 'basic') fields.username = form.username.trim();
  if (form.authKind !== 'none' && form.secret !== '') fields.secret = form.secret;
  if (!form.insecureTls && form.caCertPath.trim() !== '')
    fields.caCertPath = form.caCertPath.trim();
  return fields;
}

export function saveRequest(
  form: ConnectionForm,
  editing?: ConnectionProfile,
): RequestOf<'saveConnection'> {
  const request: RequestOf<'saveConnection'> = {
    ...serverFields(form),
    name: form.name.trim() || defaultName(form.url),
  };
  if (editing) request.id = editing.id;
  // Not shown in the dialog: keep what the profile had.
  if (editing?.clientCertPath) request.clientCertPath = editing.clientCertPath;
  return request;
}

export function testRequest(
  form: ConnectionForm,
  editing?: ConnectionProfile,
): RequestOf<'testConnection'> {
  const request = serverFields(form);
  // Nothing typed: the host tests with the secret it already holds for this profile.
  if (editing && request.secret === undefined) request.profileId = editing.id;
  if (editing?.clientCertPath) request.clientCertPath = editing.clientCertPath;
  return request;
}

export const SECRET_LABELS: Record<AuthKind, string> = {
  none: '',
  basic: 'Password',
  bearer: 'Token',
};

/** What the sidebar says about a profile's secret. */
export function secretStatus(profile: ConnectionProfile): string | null {
  if (profile.authKind === 'none') return null;
  const what = profile.authKind === 'bearer' ? 'token' : 'password';
  if (!profile.hasSecret) return `no ${what} saved`;
  if (profile.source === 'env') return `${what} from environment`;
  if (profile.source === 'cli' || profile.secretNotice) return `${what} for this session`;
  return `${what} saved`;
}

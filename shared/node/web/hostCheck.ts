/**
 * The Host header check, against DNS rebinding: a page of evil.example whose name is made to resolve
 * to this machine reaches the server with `Host: evil.example:P`, so only the names and addresses
 * this server is really reachable at pass.
 *
 * What passes, for a server bound to address B on port P:
 * - a specific address B: B itself; when B is loopback, also `localhost` and the other loopback
 *   literals (127.0.0.1, [::1]), which are this machine whatever the browser resolves;
 * - a wildcard (`0.0.0.0`: every IPv4 interface; `::`: every interface, Node binds it dual-stack):
 *   the addresses of the machine's interfaces that the wildcard covers, read once at start (an
 *   address added later needs a restart). Loopback names pass only when a loopback interface is
 *   among them, so a `Host: 127.0.0.1:P` is accepted exactly when 127.0.0.1 reaches the server —
 *   the same rule as for any other interface. An IP literal cannot be rebound (the page's origin is
 *   then that address, not an attacker's name), so accepting the machine's own addresses opens
 *   nothing; names are what the check is about;
 * - the names given with `--host-name` (the machine's DNS name, an alias): the user vouches for them.
 * Everything else is refused, and the token and the Origin check still apply to what passes.
 */
import type { NetworkInterfaceInfo } from 'node:os';
import type { IncomingMessage } from 'node:http';

/** The shape of os.networkInterfaces(), injectable for tests. */
export type InterfaceList = NodeJS.Dict<NetworkInterfaceInfo[]>;

export interface HostCheckOptions {
  /** The machine's interfaces (os.networkInterfaces()); only read for wildcard binds. */
  interfaces?: InterfaceList;
  /** Extra names the server may be reached at (`--host-name`). */
  hostNames?: readonly string[];
}

const WILDCARD_V4 = '0.0.0.0';
const WILDCARD_V6 = '::';
const LOOPBACK_LITERALS = ['127.0.0.1', '::1'];

/** Only the characters a host (name, IPv4, bracketed IPv6) and port can contain: no userinfo or path. */
const HOST_CHARS = /^[a-z0-9._~\-[\]:]+$/i;

/** An address or name as it appears in a URL: IPv6 in brackets. */
export function urlHostForm(address: string): string {
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
}

/**
 * The canonical form of a Host header value `host[:port]` as a browser sends it (WHATWG URL
 * serialisation: lower case, IPv6 compressed, port 80 left out), or undefined when it is no host.
 */
export function canonicalHost(text: string): string | undefined {
  if (!HOST_CHARS.test(text)) return undefined;
  try {
    const url = new URL(`http://${text}`);
    return url.username || url.password || url.pathname !== '/' ? undefined : url.host;
  } catch {
    return undefined;
  }
}

export function isLoopbackAddress(address: string): boolean {
  return address === '::1' || address === 'localhost' || /^127\./.test(address);
}

/** The addresses a bind address makes the server reachable at (without port). */
export function reachableAddresses(bindHost: string, interfaces: InterfaceList = {}): string[] {
  const host = bindHost.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (host !== WILDCARD_V4 && host !== WILDCARD_V6) return [host];
  const out: string[] = [];
  for (const list of Object.values(interfaces)) {
    for (const info of list ?? []) {
      if (host === WILDCARD_V4 && info.family !== 'IPv4') continue;
      if (!out.includes(info.address)) out.push(info.address);
    }
  }
  return out;
}

/** Every `host:port` form that passes the check (canonical, see canonicalHost). */
export function allowedHosts(
  bindHost: string,
  port: number,
  options: HostCheckOptions = {},
): Set<string> {
  const addresses = reachableAddresses(bindHost, options.interfaces);
  const names = [...addresses, ...(options.hostNames ?? [])];
  if (addresses.some(isLoopbackAddress)) names.push('localhost', ...LOOPBACK_LITERALS);
  const allowed = new Set<string>();
  for (const name of names) {
    const canonical = canonicalHost(`${urlHostForm(name)}:${port}`);
    if (canonical !== undefined) allowed.add(canonical);
  }
  return allowed;
}

export function isAllowedHost(req: IncomingMessage, allowed: ReadonlySet<string>): boolean {
  const host = req.headers.host;
  if (typeof host !== 'string') return false;
  const canonical = canonicalHost(host);
  return canonical !== undefined && allowed.has(canonical);
}

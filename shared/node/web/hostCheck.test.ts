import { request } from 'node:http';
import type { NetworkInterfaceInfo } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunlensHandlers } from '../../common/contract';
import { allowedHosts, canonicalHost, type InterfaceList } from './hostCheck';
import { startWebHost, type WebHost } from './startWebHost';

function nic(address: string, family: 'IPv4' | 'IPv6', internal = false): NetworkInterfaceInfo {
  const common = { address, netmask: '', mac: '00:00:00:00:00:00', internal, cidr: null };
  return family === 'IPv4' ? { ...common, family } : { ...common, family, scopeid: 0 };
}

/** A machine with loopback, a LAN address (v4 + v6) and a link-local v6 address. */
const MACHINE: InterfaceList = {
  lo: [nic('127.0.0.1', 'IPv4', true), nic('::1', 'IPv6', true)],
  eth0: [nic('192.168.1.23', 'IPv4'), nic('2001:db8::23', 'IPv6'), nic('fe80::1', 'IPv6')],
};
const NO_LOOPBACK: InterfaceList = { eth0: [nic('10.0.0.5', 'IPv4')] };

describe('allowedHosts', () => {
  it('on 0.0.0.0 accepts every IPv4 interface address with the port, loopback included', () => {
    const allowed = allowedHosts('0.0.0.0', 5000, { interfaces: MACHINE });
    expect([...allowed].sort()).toEqual(
      ['127.0.0.1:5000', '192.168.1.23:5000', '[::1]:5000', 'localhost:5000'].sort(),
    );
  });

  it('on :: (dual stack) accepts IPv6 addresses in brackets too', () => {
    const allowed = allowedHosts('::', 5000, { interfaces: MACHINE });
    for (const h of ['[2001:db8::23]:5000', '[fe80::1]:5000', '192.168.1.23:5000', '[::1]:5000'])
      expect(allowed.has(h)).toBe(true);
    expect(allowed.has('0.0.0.0:5000')).toBe(false);
    expect(allowed.has('[::]:5000')).toBe(false);
  });

  it('accepts loopback names only when a loopback interface is bound', () => {
    const allowed = allowedHosts('0.0.0.0', 5000, { interfaces: NO_LOOPBACK });
    expect([...allowed]).toEqual(['10.0.0.5:5000']);
    expect([...allowedHosts('192.168.1.23', 5000, { interfaces: MACHINE })]).toEqual([
      '192.168.1.23:5000',
    ]);
  });

  it('accepts the --host-name names, case-insensitively, and port 80 without port', () => {
    const allowed = allowedHosts('0.0.0.0', 80, {
      interfaces: NO_LOOPBACK,
      hostNames: ['Box.LAN'],
    });
    expect(allowed.has('box.lan')).toBe(true);
    expect(allowed.has('10.0.0.5')).toBe(true);
    expect(canonicalHost('BOX.lan:80')).toBe('box.lan');
  });

  it('reads Host headers strictly: no userinfo, path or junk', () => {
    expect(canonicalHost('evil@127.0.0.1:5000')).toBeUndefined();
    expect(canonicalHost('127.0.0.1:5000/x')).toBeUndefined();
    expect(canonicalHost('')).toBeUndefined();
    expect(canonicalHost('[::1]:5000')).toBe('[::1]:5000');
  });
});

const TOKEN = 'host-check-token';
const service = new Proxy({} as RunlensHandlers, {
  get: () => () => Promise.resolve({ ok: true, value: [] }),
});

function status(port: number, hostHeader: string): Promise<number> {
  return new Promise((done, fail) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/listStores',
        method: 'POST',
        headers: { host: hostHeader, 'x-runlens-token': TOKEN },
      },
      (res) => {
        res.resume();
        res.on('end', () => done(res.statusCode ?? 0));
      },
    );
    req.on('error', fail);
    req.end('{}');
  });
}

describe('a web host bound to 0.0.0.0', () => {
  let withLoopback: WebHost;
  let withoutLoopback: WebHost;
  beforeAll(async () => {
    const common = { service, token: TOKEN, host: '0.0.0.0', hostNames: ['box.lan'] };
    withLoopback = await startWebHost({ ...common, interfaces: MACHINE });
    withoutLoopback = await startWebHost({ ...common, interfaces: NO_LOOPBACK });
  });
  afterAll(async () => {
    await withLoopback.close();
    await withoutLoopback.close();
  });

  it("answers at the machine's addresses and the given names, and refuses others", async () => {
    const p = withLoopback.port;
    expect(await status(p, `192.168.1.23:${p}`)).toBe(200);
    expect(await status(p, `box.lan:${p}`)).toBe(200);
    expect(await status(p, `127.0.0.1:${p}`)).toBe(200);
    expect(await status(p, `evil.example:${p}`)).toBe(403);
    expect(await status(p, `192.168.1.24:${p}`)).toBe(403);
    expect(await status(p, `192.168.1.23:${p + 1}`)).toBe(403);
  });

  it('refuses a spoofed loopback Host when loopback is not among the interfaces', async () => {
    const p = withoutLoopback.port;
    expect(await status(p, `127.0.0.1:${p}`)).toBe(403);
    expect(await status(p, `localhost:${p}`)).toBe(403);
    expect(await status(p, `10.0.0.5:${p}`)).toBe(200);
  });

  it('lists every reachable URL, loopback first, each with the token', () => {
    const p = withLoopback.port;
    expect(withLoopback.urls).toEqual([
      `http://127.0.0.1:${p}/?token=${TOKEN}`,
      `http://192.168.1.23:${p}/?token=${TOKEN}`,
      `http://box.lan:${p}/?token=${TOKEN}`,
    ]);
    expect(withLoopback.url).toBe(withLoopback.urls[0]);
    expect(withoutLoopback.url).toBe(`http://10.0.0.5:${withoutLoopback.port}/?token=${TOKEN}`);
  });
});

import { describe, expect, it } from 'vitest';
import {
  formatDeepLink,
  isDeepLinkArg,
  isRouteHash,
  parseDeepLink,
  routeHashFor,
  storeIdsInRoute,
} from './deepLink';

describe('parseDeepLink', () => {
  it.each([
    ['runlens://open?store=/data/mlruns', { location: '/data/mlruns' }],
    [
      'runlens://open/?store=%2Fdata%2Fmlflow.db&experiment=3',
      { location: '/data/mlflow.db', experimentId: '3' },
    ],
    [
      'runlens://open?store=https%3A%2F%2Fmlflow.example&run=ab12',
      { location: 'https://mlflow.example', runId: 'ab12' },
    ],
    ['RUNLENS://open?store=C:%5Cdata%5Cmlruns', { location: 'C:\\data\\mlruns' }],
  ])('%s', (link, expected) => {
    expect(parseDeepLink(link)).toEqual(expected);
  });

  it.each([
    'runlens://open',
    'runlens://open?store=relative/mlruns',
    'runlens://open?store=%5C%5Cevil%5Cshare',
    'runlens://open?store=%2F%2Fevil%2Fshare',
    'runlens://open?store=https%3A%2F%2Fu%3Ap%40mlflow.example',
    'runlens://open?store=%2Fdata%00x',
    'runlens://open?store=%2Fdata&run=..%2F..%2Fx',
    'runlens://open?store=%2Fdata&experiment=%3Cscript%3E',
    'runlens://delete?store=/data',
    'runlens://open/etc?store=/data',
    'https://open?store=/data',
    'not a link',
  ])('refuses %s', (link) => {
    expect(parseDeepLink(link)).toBeNull();
  });

  it('round-trips with formatDeepLink', () => {
    const link = { location: '/a b/mlruns', experimentId: '0', runId: 'r1' };
    expect(parseDeepLink(formatDeepLink(link))).toEqual(link);
    expect(isDeepLinkArg(formatDeepLink(link))).toBe(true);
    expect(isDeepLinkArg('/data/mlruns')).toBe(false);
  });
});

describe('routes', () => {
  it('maps a link to the renderer route of its view', () => {
    expect(routeHashFor({ location: '/x', runId: 'r1' }, 's2')).toBe('#/run/s2/r1');
    expect(routeHashFor({ location: '/x', experimentId: '7' }, 's2')).toBe('#/runs?e=s2%3A7');
    expect(routeHashFor({ location: '/x' }, 's2')).toBeNull();
    expect(isRouteHash('#/run/s2/r1')).toBe(true);
    expect(isRouteHash('#/runs?e=s2%3A7')).toBe(true);
    expect(isRouteHash('javascript:alert(1)')).toBe(false);
    expect(isRouteHash('#/x"><script>')).toBe(false);
  });

  it.each([
    ['app://runlens/index.html#/run/s3/abc?tab=metrics', ['s3']],
    ['app://runlens/index.html#/runs?e=s1%3A0', ['s1']],
    ['app://runlens/index.html#/runs?e=%5B%22s1%3A0%22%2C%22s2%3A4%22%5D', ['s1', 's2']],
    ['app://runlens/index.html#/models/s4/iris', ['s4']],
    ['app://runlens/index.html#/compare?runs=%5B%22s5%3Ar1%22%5D', ['s5']],
    ['app://runlens/index.html#/', []],
    ['app://runlens/index.html', []],
  ])('finds the stores of %s', (url, expected) => {
    expect(storeIdsInRoute(url)).toEqual(expected);
  });
});

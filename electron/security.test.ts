import { describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';
import {
  decideNavigation,
  hardenSession,
  hardenWebContents,
  isAppMainFrame,
  isSafeExternalUrl,
} from './security';

describe('isAppMainFrame', () => {
  const top = { url: 'app://runlens/index.html', parent: null };
  it('trusts only the main frame of the app origin', () => {
    expect(isAppMainFrame(top)).toBe(true);
    expect(isAppMainFrame({ url: 'app://runlens/index.html', parent: top })).toBe(false);
    expect(isAppMainFrame({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(isAppMainFrame({ url: 'app://other/index.html', parent: null })).toBe(false);
    expect(isAppMainFrame(null)).toBe(false);
  });
});

describe('isSafeExternalUrl', () => {
  it.each([
    ['https://mlflow.org/docs', true],
    ['http://mlflow.org', true],
    ['HTTPS://MLFLOW.ORG/x', true],
    ['https://', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['app://runlens/index.html', false],
    ['smb://host/share', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isSafeExternalUrl(url)).toBe(expected);
  });
});

describe('decideNavigation', () => {
  it('allows only the app origin, denies the rest, and treats file URLs as drops', () => {
    expect(decideNavigation('app://runlens/index.html')).toEqual({ action: 'allow' });
    expect(decideNavigation('https://example.com/')).toEqual({ action: 'deny' });
    expect(decideNavigation('about:blank')).toEqual({ action: 'deny' });
    expect(decideNavigation('garbage')).toEqual({ action: 'deny' });
    expect(decideNavigation('file:///home/me/mlruns/')).toEqual({
      action: 'openDropped',
      path: '/home/me/mlruns/',
    });
  });
});

type Handler = (...args: unknown[]) => unknown;

function fakeContents() {
  const handlers = new Map<string, Handler>();
  let windowOpen: ((details: { url: string }) => unknown) | undefined;
  const contents = {
    on(event: string, handler: Handler) {
      handlers.set(event, handler);
      return contents;
    },
    setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
      windowOpen = handler;
    },
  };
  return {
    contents: contents as unknown as WebContents,
    handlers,
    openWindow: (url: string) => windowOpen?.({ url }),
  };
}

function navigationEvent(url: string) {
  return { url, preventDefault: vi.fn() };
}

describe('hardenWebContents', () => {
  it('blocks foreign navigation and redirects, and hands dropped paths over', () => {
    const { contents, handlers } = fakeContents();
    const onDroppedPath = vi.fn();
    hardenWebContents(contents, { openExternal: vi.fn(async () => undefined), onDroppedPath });

    const inside = navigationEvent('app://runlens/index.html');
    handlers.get('will-navigate')?.(inside);
    expect(inside.preventDefault).not.toHaveBeenCalled();

    const away = navigationEvent('https://example.com');
    handlers.get('will-navigate')?.(away);
    expect(away.preventDefault).toHaveBeenCalled();

    const dropped = navigationEvent('file:///data/mlruns');
    handlers.get('will-navigate')?.(dropped);
    expect(dropped.preventDefault).toHaveBeenCalled();
    expect(onDroppedPath).toHaveBeenCalledWith('/data/mlruns');

    const redirect = navigationEvent('https://example.com');
    handlers.get('will-redirect')?.(redirect);
    expect(redirect.preventDefault).toHaveBeenCalled();

    const webview = navigationEvent('');
    handlers.get('will-attach-webview')?.(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('denies every new window and opens only http(s) links externally', () => {
    const { contents, openWindow } = fakeContents();
    const openExternal = vi.fn(async () => undefined);
    hardenWebContents(contents, { openExternal, onDroppedPath: vi.fn() });
    expect(openWindow('https://mlflow.org')).toEqual({ action: 'deny' });
    expect(openWindow('http://mlflow.org')).toEqual({ action: 'deny' });
    expect(openWindow('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(openWindow('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://mlflow.org'], ['http://mlflow.org']]);
  });
});

describe('hardenSession', () => {
  it('denies every permission request and check', () => {
    let request: Handler | undefined;
    let check: Handler | undefined;
    const session = {
      setPermissionRequestHandler: (handler: Handler) => (request = handler),
      setPermissionCheckHandler: (handler: Handler) => (check = handler),
    } as unknown as Session;
    hardenSession(session);
    const callback = vi.fn();
    request?.({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(check?.({}, 'clipboard-read')).toBe(false);
  });
});

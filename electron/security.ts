/**
 * Electron's security checklist, applied to every web contents and to the default session:
 * no navigation away from `app://runlens`, no new windows, no webviews, no permissions, and links
 * opened in the user's browser only when they parse as https.
 *
 * Only types come from 'electron' here (the objects are passed in), so the decisions are unit-tested.
 */
import type { Session, WebContents } from 'electron';
import { fileURLToPath } from 'node:url';
import { isAppUrl } from './appProtocol';

/**
 * Only web links leave the app, and only through the OS browser: a URL that parses with an http(s)
 * scheme and has a host (never file:, javascript:, smb: or a custom scheme another app handles).
 * Plain http is allowed (issue 9): run descriptions link to such pages, and the OS browser, not
 * Runlens, loads them.
 */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * The only sender an IPC handler answers: the main frame (no parent) of a page of the app's own
 * origin. An iframe, even of app://, and any other origin are refused.
 */
export function isAppMainFrame(
  frame: { readonly url: string; readonly parent: unknown } | null,
): boolean {
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

export type NavigationDecision =
  | { action: 'allow' }
  | { action: 'deny' }
  /** Chromium navigates to `file://` when a file or folder is dropped on the page: open it as a store. */
  | { action: 'openDropped'; path: string };

export function decideNavigation(url: string): NavigationDecision {
  if (isAppUrl(url)) return { action: 'allow' };
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'file:') return { action: 'openDropped', path: fileURLToPath(parsed) };
  } catch {
    // An unparsable URL is denied like any other foreign one.
  }
  return { action: 'deny' };
}

export interface HardenOptions {
  openExternal: (url: string) => Promise<void>;
  /** A file or folder was dropped on the window. */
  onDroppedPath: (path: string) => void;
}

export function hardenWebContents(contents: WebContents, options: HardenOptions): void {
  contents.on('will-navigate', (event) => {
    const decision = decideNavigation(event.url);
    if (decision.action === 'allow') return;
    event.preventDefault();
    if (decision.action === 'openDropped') options.onDroppedPath(decision.path);
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) {
      options
        .openExternal(url)
        .catch((err: unknown) => console.error('runlens: could not open link:', err));
    }
    return { action: 'deny' };
  });
}

export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

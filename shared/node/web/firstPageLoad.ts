/**
 * When the first page a browser asked for has loaded: the page is sent and so is every script and
 * stylesheet it names. `runlens serve` holds work that may wait (reading caches ahead) until then: on
 * a 2-core machine the browser evaluating the app and the server warming up slowed each other down
 * (issue 12: ~25 ms later to the sidebar with the warm-up running during the script's download).
 */

/** The same-origin scripts and stylesheets a page names, as URL paths resolved against `pagePath`. */
export function pageAssetPaths(html: string, pagePath: string): string[] {
  const base = new URL(pagePath, 'http://runlens.invalid');
  const paths = new Set<string>();
  for (const tag of html.match(/<(?:script|link)\b[^>]*>/gi) ?? []) {
    const isScript = /^<script/i.test(tag);
    if (!isScript && !/\brel=["']?stylesheet\b/i.test(tag)) continue;
    const ref = /\b(?:src|href)=["']([^"']+)["']/i.exec(tag)?.[1];
    if (!ref) continue;
    const url = new URL(ref, base);
    if (url.origin === base.origin) paths.add(url.pathname);
  }
  return [...paths];
}

export class FirstPageLoad {
  /** Resolves once the first page and the assets it names have been sent. */
  readonly loaded: Promise<void>;
  private resolve!: () => void;
  /** Assets of the first page not sent yet; undefined until that page is sent. */
  private pending: Set<string> | undefined;

  constructor() {
    this.loaded = new Promise<void>((resolve) => (this.resolve = resolve));
  }

  /** A page was sent (only the first one counts). */
  pageSent(html: string, pagePath: string): void {
    if (this.pending) return;
    this.pending = new Set(pageAssetPaths(html, pagePath));
    this.settle();
  }

  /** A static file was sent, by its URL path. */
  fileSent(urlPath: string): void {
    if (!this.pending) return;
    this.pending.delete(urlPath);
    this.settle();
  }

  private settle(): void {
    if (this.pending?.size === 0) this.resolve();
  }
}

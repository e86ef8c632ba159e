/**
 * The app's hash routes as TanStack Router writes them (arrays and booleans as JSON), so a spec can
 * deep-link a screen the way a copied address does.
 */
export type SearchValue = string | boolean | string[] | undefined;

export function hashRoute(path: string, search: Record<string, SearchValue> = {}): string {
  const parts = Object.entries(search).flatMap(([key, value]) => {
    if (value === undefined) return [];
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return [`${encodeURIComponent(key)}=${encodeURIComponent(text)}`];
  });
  return `#${path}${parts.length ? `?${parts.join('&')}` : ''}`;
}

/** The URL of a hash route on a running server (the token is in its cookie after the first visit). */
export function appUrl(serverUrl: string, hash: string): string {
  return `${new URL(serverUrl).origin}/${hash}`;
}

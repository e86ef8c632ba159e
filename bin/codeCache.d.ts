/** Types of codeCache.js (plain JavaScript: bin/ runs before anything is built). */
export interface LoadedBundle {
  /** The module's `module.exports`. */
  exports: Record<string, unknown>;
  /** Whether V8 compiled it from a cache file it accepted. */
  cacheUsed: boolean;
  /** Writes the cache once when none was used; true when it did. Never throws. */
  saveCache(): boolean;
}

export function loadWithCodeCache(file: string, variant?: string): LoadedBundle;

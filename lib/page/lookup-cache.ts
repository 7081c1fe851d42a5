import type { CodeView } from '../cdt/index';

/**
 * Per-page cache of code details: one message to the background per code, and in-flight lookups
 * shared. A failed lookup is not cached, so it is tried again on the next hover.
 */
export function cacheLookups(fetch: (code: string) => Promise<CodeView | null>): {
  (code: string): Promise<CodeView | null>;
  /** Forgets every answer (the official text changed). */
  clear(): void;
} {
  const cache = new Map<string, Promise<CodeView | null>>();
  const lookup = (code: string) => {
    let hit = cache.get(code);
    if (!hit) {
      hit = fetch(code);
      cache.set(code, hit);
      hit.catch(() => cache.delete(code));
    }
    return hit;
  };
  return Object.assign(lookup, { clear: () => cache.clear() });
}

import type { CodeView } from '../cdt/index';

/**
 * Per-page cache of code details: one message to the background per code, and in-flight lookups
 * shared. A failed lookup is not cached, so it is tried again on the next hover.
 */
export function cacheLookups(
  fetch: (code: string) => Promise<CodeView | null>,
): (code: string) => Promise<CodeView | null> {
  const cache = new Map<string, Promise<CodeView | null>>();
  return (code) => {
    let hit = cache.get(code);
    if (!hit) {
      hit = fetch(code);
      cache.set(code, hit);
      hit.catch(() => cache.delete(code));
    }
    return hit;
  };
}

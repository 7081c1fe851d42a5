import type { CodeView } from '../cdt/index';

/**
 * Per-page cache of code details: one message to the background per code, and in-flight lookups
 * shared. A failed lookup is not cached, so it is tried again on the next hover.
 */
export function cacheLookups(fetch: (code: string) => Promise<CodeView | null>): {
  (code: string): Promise<CodeView | null>;
  /** The answer for `code` if it has come (a card asked for during the dwell opens whole). */
  peek: (code: string) => CodeView | null | undefined;
  /** Forgets every answer (the official text changed). */
  clear(): void;
} {
  const cache = new Map<string, Promise<CodeView | null>>();
  const answers = new Map<string, CodeView | null>();
  const lookup = (code: string) => {
    let hit = cache.get(code);
    if (!hit) {
      const asked = (hit = fetch(code));
      cache.set(code, asked);
      asked.then(
        // An answer that came after a clear() is not kept.
        (view) => cache.get(code) === asked && answers.set(code, view),
        () => cache.get(code) === asked && cache.delete(code),
      );
    }
    return hit;
  };
  return Object.assign(lookup, {
    peek: (code: string) => answers.get(code),
    clear: () => {
      cache.clear();
      answers.clear();
    },
  });
}

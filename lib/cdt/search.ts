import Fuse from 'fuse.js';
import type { CdtEntry } from './schema';

/** One search hit, as the result list shows it. */
export interface SearchHit {
  code: string;
  summary: string;
  status: CdtEntry['status'];
  replacedBy?: string[];
  /** `code` for exact and prefix code matches, which always rank first; `recent` for lookups. */
  via: 'code' | 'text' | 'recent';
}

/** Queries past this length are cut: nobody types more, and fuzzy cost grows with length. */
export const MAX_QUERY_CHARS = 120;
/** Default number of hits. */
export const DEFAULT_LIMIT = 25;

/** Added to a deleted code's fuzzy score (0 best, 1 worst): a current code ranks first. */
const DELETED_PENALTY = 0.1;

/** `D27`, `d2740`, `2740`, `27`: a code or the start of one. */
const CODE_QUERY = /^d?\s*(\d{1,4})$/i;

function hit(e: CdtEntry, via: SearchHit['via']): SearchHit {
  return {
    code: e.code,
    summary: e.summary,
    status: e.status,
    ...(e.replacedBy && { replacedBy: e.replacedBy }),
    via,
  };
}

/** A recent lookup as a hit, for the popup's empty search box. */
export function recentHit(e: CdtEntry): SearchHit {
  return hit(e, 'recent');
}

/**
 * Builds a search over `entries`: exact and prefix code matches first (in code order), then
 * fuzzy matches over everyday terms, summaries and subcategories, tolerant of typos.
 */
export function createSearch(
  entries: readonly CdtEntry[],
): (query: string, limit?: number) => SearchHit[] {
  const fuse = new Fuse(entries, {
    keys: [
      { name: 'terms', weight: 3 },
      { name: 'summary', weight: 2 },
      { name: 'subcategory', weight: 0.7 },
      // Notes are left out: fuzzy matching their long text doubled the latency per keystroke,
      // and the everyday terms and summaries already carry the words people search with.
    ],
    ignoreLocation: true,
    // 0.3: "extration" finds extractions, not the "-ation" of sedation codes; "porcelin" still works.
    threshold: 0.3,
    minMatchCharLength: 2,
    includeScore: true,
  });

  return (query, limit = DEFAULT_LIMIT) => {
    const q = query.slice(0, MAX_QUERY_CHARS).trim();
    if (!q) return [];
    const code = CODE_QUERY.exec(q);
    if (code) {
      const digits = code[1]!;
      // "2740" and "D2740" mean the code; "27" and "D27" the codes that start so.
      const prefix = `D${digits}`;
      return entries
        .filter((e) => e.code.startsWith(prefix))
        .slice(0, limit)
        .map((e) => hit(e, 'code'));
    }
    // Deleted codes stay findable but yield to current ones that match about as well.
    return fuse
      .search(q, { limit: limit * 2 })
      .map((r) => ({
        r,
        rank: (r.score ?? 1) + (r.item.status === 'deleted' ? DELETED_PENALTY : 0),
      }))
      .sort((a, b) => a.rank - b.rank)
      .slice(0, limit)
      .map(({ r }) => hit(r.item, 'text'));
  };
}

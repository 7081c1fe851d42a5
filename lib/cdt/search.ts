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

/** Share of its score a deleted code gives up: a current code that matches as well ranks first. */
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

/** How much a word found in each field counts: everyday terms most, then the summary. */
const FIELD_WEIGHTS = { terms: 3, summary: 2, subcategory: 0.7 } as const;
/** Most words of a query that are searched; more add nothing but cost. */
const MAX_QUERY_WORDS = 6;
/** Fuzzy matches per query word (typo corrections) taken from the vocabulary. */
const FUZZY_PER_WORD = 8;
/** Vocabulary words that start with a query word, taken as it is typed (fewer for 1–2 letters,
 * which start hundreds of words and say little). */
const PREFIX_PER_WORD = 40;
const PREFIX_PER_SHORT_WORD = 12;
/** Bonus when all the query's words meet in one everyday term of an entry. */
const PHRASE_BONUS = 5;
/** Further bonus when the query is one of the entry's everyday terms, word for word. */
const EXACT_TERM_BONUS = 6;
/** Cap on what one word can add to an entry, however often its terms repeat it. */
const MAX_WORD_WEIGHT = 8;
/** How much a prefix match counts against a whole-word match ("crow" while typing "crown"). */
const PREFIX_SIMILARITY = 0.9;

/** Lower-case words of a text; hyphenated words also count by their parts ("x-ray": x-ray, ray). */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9-]+/)
    .flatMap((w) => (w.includes('-') ? [w, ...w.split('-')] : [w]))
    .filter((w) => w.length >= 2);
}

/** First index of `sorted` whose word is not below `word`. */
function lowerBound(sorted: readonly string[], word: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < word) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Builds a search over `entries`: exact and prefix code matches first (in code order), then word
 * matches over everyday terms, summaries and subcategories. Each query word is matched against
 * the vocabulary of those fields (a few thousand words): whole words, words it starts, and, with
 * fuse.js, words within a typo or two ("porcelin", "extration"); entries are then scored through
 * an inverted index. This keeps a keystroke to a few milliseconds over the whole dataset, where
 * fuzzy matching every field of every entry took tens.
 */
export function createSearch(
  entries: readonly CdtEntry[],
): (query: string, limit?: number) => SearchHit[] {
  const index = new Map<string, Map<number, number>>();
  /** Each entry's everyday terms as word sets, to reward a query whose words meet in one term. */
  const termWords = entries.map((e) => e.terms.map((t) => new Set(words(t))));
  const termText = entries.map((e) => new Set(e.terms.map((t) => words(t).join(' '))));
  entries.forEach((e, i) => {
    // A word counts once per field it is in, and again (up to a cap) for each further term: an
    // entry whose everyday terms keep saying "extraction" is about extractions.
    const add = (text: string, weight: number) => {
      for (const w of new Set(words(text))) {
        let postings = index.get(w);
        if (!postings) index.set(w, (postings = new Map<number, number>()));
        postings.set(i, Math.min((postings.get(i) ?? 0) + weight, MAX_WORD_WEIGHT));
      }
    };
    e.terms.forEach((t) => add(t, FIELD_WEIGHTS.terms));
    add(e.summary, FIELD_WEIGHTS.summary);
    add(e.subcategory, FIELD_WEIGHTS.subcategory);
  });
  const vocabulary = [...index.keys()].sort();
  const fuzzy = new Fuse(vocabulary, {
    // 0.3: "extration" finds "extraction", not the "-ation" of "sedation".
    threshold: 0.3,
    ignoreLocation: true,
    includeScore: true,
  });

  /** Vocabulary words for one query word, with how closely each matches (1 = the word itself). */
  const matchesOf = (q: string): Map<string, number> => {
    const found = new Map<string, number>();
    if (index.has(q)) found.set(q, 1);
    for (
      let i = lowerBound(vocabulary, q), n = 0;
      i < vocabulary.length && n < (q.length < 3 ? PREFIX_PER_SHORT_WORD : PREFIX_PER_WORD);
      i++, n++
    ) {
      const w = vocabulary[i]!;
      if (!w.startsWith(q)) break;
      if (!found.has(w)) found.set(w, PREFIX_SIMILARITY);
    }
    // Typo tolerance only where the word is nowhere as typed: a real word or prefix is taken as
    // meant, and the fuzzy pass (most of a keystroke's cost) is skipped.
    if (q.length >= 4 && found.size === 0)
      for (const r of fuzzy.search(q, { limit: FUZZY_PER_WORD }))
        if (!found.has(r.item)) found.set(r.item, 1 - (r.score ?? 1));
    return found;
  };

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
    const queryWords = [...new Set(words(q))].slice(0, MAX_QUERY_WORDS);
    const matches = queryWords.map(matchesOf);
    const score = new Map<number, { score: number; words: number }>();
    for (const found of matches) {
      const best = new Map<number, number>();
      for (const [w, similarity] of found)
        for (const [i, weight] of index.get(w) ?? [])
          best.set(i, Math.max(best.get(i) ?? 0, weight * similarity));
      for (const [i, s] of best) {
        const prior = score.get(i) ?? { score: 0, words: 0 };
        score.set(i, { score: prior.score + s, words: prior.words + 1 });
      }
    }
    // The query with each word replaced by its closest vocabulary word ("extration" → "extraction").
    const corrected = matches
      .map((found, k) => [...found].sort((x, y) => y[1] - x[1])[0]?.[0] ?? queryWords[k])
      .join(' ');
    // All the query's words in one everyday term ("porcelin crown" ~ "porcelain crown").
    const matchedWords = matches.map((found) => [...found.keys()]);
    const inOneTerm = (i: number) =>
      termWords[i]!.some((term) => matchedWords.every((list) => list.some((w) => term.has(w))));
    // Entries that match every word first; then by score; a deleted code yields to current ones.
    const rank = (i: number) => {
      const s = score.get(i)!;
      const phrase =
        (s.words === queryWords.length && inOneTerm(i) ? PHRASE_BONUS : 0) +
        (termText[i]!.has(corrected) ? EXACT_TERM_BONUS : 0);
      return (
        s.words * 100 +
        (s.score + phrase) * (entries[i]!.status === 'deleted' ? 1 - DELETED_PENALTY : 1)
      );
    };
    const ranks = new Map([...score.keys()].map((i) => [i, rank(i)]));
    return [...score.keys()]
      .sort((a, b) => ranks.get(b)! - ranks.get(a)! || a - b)
      .slice(0, limit)
      .map((i) => hit(entries[i]!, 'text'));
  };
}

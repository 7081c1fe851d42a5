/**
 * Popup search latency per keystroke over the whole dataset, against a plain substring filter over
 * the same entries in the same run.
 */
import { allEntries } from '../../lib/cdt/index';
import { createSearch } from '../../lib/cdt/search';

/** Queries as billing staff type them, one keystroke at a time. */
const QUERIES = [
  'cleaning',
  'porcelain crown',
  'D27',
  'root canal',
  'extration',
  'night guard',
  'four bitewings',
  'deep cleaning',
  'photo',
  'implant abutment',
];

/** Every prefix of every query: what the search runs on as the user types. */
function keystrokes(): string[] {
  return QUERIES.flatMap((q) => Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1)));
}

function substringFilter(entries: ReturnType<typeof allEntries>, q: string) {
  const needle = q.toLowerCase();
  return entries.filter(
    (e) =>
      e.code.toLowerCase().includes(needle) ||
      e.summary.toLowerCase().includes(needle) ||
      e.terms.some((t) => t.includes(needle)),
  );
}

/** Latencies in ms per keystroke: ours and the substring baseline, interleaved. */
export function benchSearch(quick: boolean): {
  ours: number[];
  baseline: number[];
  keystrokes: number;
} {
  const entries = allEntries();
  const search = createSearch(entries);
  const keys = keystrokes();
  const rounds = quick ? 2 : 5;
  const ours: number[] = [];
  const baseline: number[] = [];
  for (const k of keys) search(k); // warm-up
  for (let r = 0; r < rounds; r++)
    for (const k of keys) {
      let t = performance.now();
      substringFilter(entries, k);
      baseline.push(performance.now() - t);
      t = performance.now();
      search(k);
      ours.push(performance.now() - t);
    }
  return { ours, baseline, keystrokes: keys.length };
}

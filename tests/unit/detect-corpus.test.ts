/**
 * Precision and recall of the detector on our own labelled corpus (tests/fixtures/detect/*.json):
 * realistic fragments of fee schedules, remittances, claims, EOBs, PDF text, prose, forum posts and
 * look-alikes, each labelled with the codes a biller expects marked, in order.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getEntry } from '../../lib/cdt/index';
import { findCodes } from '../../lib/detect/index';

interface Fragment {
  id: string;
  text: string;
  codes: string[];
  why?: string;
}

const DIR = resolve(import.meta.dirname, '../fixtures/detect');
const corpus: Fragment[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .flatMap((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Fragment[]);

/** Counts matches per fragment as multisets: a code found once where it occurs twice is one miss. */
function score() {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const misses: string[] = [];
  for (const f of corpus) {
    const found = findCodes(f.text).map((m) => m.code);
    const expected = [...f.codes];
    const extra: string[] = [];
    for (const code of found) {
      const i = expected.indexOf(code);
      if (i >= 0) {
        expected.splice(i, 1);
        tp++;
      } else extra.push(code);
    }
    fp += extra.length;
    fn += expected.length;
    if (extra.length || expected.length)
      misses.push(`${f.id}: missed [${expected.join(' ')}] extra [${extra.join(' ')}]`);
  }
  return { tp, fp, fn, precision: tp / (tp + fp), recall: tp / (tp + fn), misses };
}

describe('detector on the labelled corpus', () => {
  it('has at least 400 fragments, all labelled with codes of the bundled data', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(400);
    expect(new Set(corpus.map((f) => f.id)).size).toBe(corpus.length);
    for (const f of corpus)
      for (const c of f.codes) expect(getEntry(c), `${f.id}: ${c}`).toBeDefined();
  });

  it('reaches precision >= 0.99 and recall >= 0.98', () => {
    const s = score();
    console.log(
      `detector corpus: ${corpus.length} fragments, ${s.tp + s.fn} labelled codes; ` +
        `precision ${s.precision.toFixed(4)}, recall ${s.recall.toFixed(4)} ` +
        `(tp ${s.tp}, fp ${s.fp}, fn ${s.fn})` +
        (s.misses.length ? `\n  ${s.misses.join('\n  ')}` : ''),
    );
    expect(s.precision).toBeGreaterThanOrEqual(0.99);
    expect(s.recall).toBeGreaterThanOrEqual(0.98);
  });
});

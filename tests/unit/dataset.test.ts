import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, CODE_PATTERN, categoryForCode } from '../../lib/cdt/categories';
import { packCodeNumbers, unpackCodeNumbers } from '../../lib/cdt/code-pack';
import { CODE_ACTIVE, CODE_DELETED, codeTable } from '../../lib/cdt/code-set';
import { allEntries, browseTree, codeView, datasetMeta, getEntry } from '../../lib/cdt/index';
import { CATEGORY_EXCEPTIONS, checkDataset, LIMITS } from '../../lib/cdt/schema';
import { loadDataset } from '../../lib/cdt/vite-plugin';

const entries = allEntries();
const meta = datasetMeta();

describe('bundled dataset', () => {
  it('loads through the build step without a problem', () => {
    expect(() => loadDataset(resolve(import.meta.dirname, '../../data'))).not.toThrow();
  });

  it('covers every category with current codes', () => {
    for (const c of CATEGORIES)
      expect(
        entries.filter((e) => e.category === c.id && e.status === 'active').length,
        c.id,
      ).toBeGreaterThan(5);
  });

  it('has unique, well-formed codes sorted by code', () => {
    const codes = entries.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.every((c) => CODE_PATTERN.test(c))).toBe(true);
    expect([...codes].sort()).toEqual(codes);
  });

  it('puts every code in the category of its range, or lists the exception', () => {
    for (const e of entries)
      expect(e.category, e.code).toBe(CATEGORY_EXCEPTIONS[e.code] ?? categoryForCode(e.code)?.id);
  });

  it('links only to codes that exist, never to itself', () => {
    for (const e of entries)
      for (const c of [...e.related, ...(e.replacedBy ?? [])]) {
        expect(getEntry(c), `${e.code} -> ${c}`).toBeDefined();
        expect(c).not.toBe(e.code);
      }
  });

  it('keeps text within budget, non-empty and distinct', () => {
    const summaries = new Set<string>();
    for (const e of entries) {
      expect(e.summary.length, e.code).toBeLessThanOrEqual(LIMITS.summary);
      expect(e.note.length, e.code).toBeLessThanOrEqual(LIMITS.note);
      expect(e.summary.trim().length, e.code).toBeGreaterThan(10);
      expect(e.note.trim().length, e.code).toBeGreaterThan(20);
      expect(summaries.has(e.summary), `${e.code} summary repeats another`).toBe(false);
      summaries.add(e.summary);
      expect(e.terms.length, e.code).toBeGreaterThan(0);
    }
  });

  it('gives deleted codes a year within the recorded span and live replacements', () => {
    const deleted = entries.filter((e) => e.status === 'deleted');
    expect(deleted.length).toBeGreaterThan(10);
    for (const e of deleted) {
      expect(e.deletedIn, e.code).toBeGreaterThanOrEqual(2016);
      expect(e.deletedIn, e.code).toBeLessThanOrEqual(meta.codeYear);
      for (const r of e.replacedBy ?? [])
        expect(getEntry(r)?.status, `${e.code} -> ${r}`).toBe('active');
    }
  });

  it('records the additions of its own code year (a bumped year without them is half done)', () => {
    expect(entries.filter((e) => e.added === meta.codeYear).length).toBeGreaterThan(0);
  });

  it('links a replacement back to what it replaces', () => {
    const d1352 = getEntry('D1352');
    expect(d1352?.status).toBe('deleted');
    for (const r of d1352?.replacedBy ?? []) expect(getEntry(r)?.replaces).toContain('D1352');
  });

  it('matches the compact code set of the content script exactly', () => {
    const table = codeTable();
    const fromTable = [...table.keys()].filter((n) => table[n] !== 0);
    expect(fromTable.length).toBe(entries.length);
    for (const e of entries)
      expect(table[Number(e.code.slice(1))], e.code).toBe(
        e.status === 'active' ? CODE_ACTIVE : CODE_DELETED,
      );
  });

  it('answers the seed example with its curated relations', () => {
    const e = getEntry('d0350 ');
    expect(e?.category).toBe('diagnostic');
    expect(e?.related.length).toBeGreaterThan(1);
  });
});

describe('browseTree', () => {
  it('has the twelve categories, every entry exactly once, current codes first', () => {
    const tree = browseTree();
    expect(tree.map((c) => c.id)).toEqual(CATEGORIES.map((c) => c.id));
    const codes = tree.flatMap((c) => c.subcategories.flatMap((s) => s.codes.map((x) => x.code)));
    expect(codes.length).toBe(entries.length);
    expect(new Set(codes).size).toBe(entries.length);
    for (const s of tree.flatMap((c) => c.subcategories)) {
      const firstDeleted = s.codes.findIndex((x) => x.status === 'deleted');
      if (firstDeleted >= 0)
        expect(s.codes.slice(firstDeleted).every((x) => x.status === 'deleted')).toBe(true);
    }
    expect(tree[0]?.range).toBe('D0100–D0999');
  });
});

describe('codeView', () => {
  it('describes a known code with its related codes labelled', () => {
    const v = codeView('D0350');
    expect(v?.entry?.code).toBe('D0350');
    expect(v?.category?.id).toBe('diagnostic');
    expect(v?.related.every((r) => r.summary.length > 0)).toBe(true);
  });

  it('gives a well-formed unknown code its category from the range and the code year', () => {
    const unknown = Array.from({ length: 9000 }, (_, i) => `D${i + 1000}`).find(
      (c) => !getEntry(c),
    )!;
    const v = codeView(unknown);
    expect(v?.entry).toBeUndefined();
    expect(v?.category?.id).toBe(categoryForCode(unknown)?.id);
    expect(v?.codeYear).toBe(meta.codeYear);
  });

  it('returns undefined for text that is not a code', () => {
    expect(codeView('hello')).toBeUndefined();
    expect(codeView('D123')).toBeUndefined();
  });
});

/** A valid entry to vary in the malformed-data tests. */
function entry(over: Record<string, unknown> = {}) {
  return {
    code: 'D0120',
    category: 'diagnostic',
    subcategory: 'Exams',
    summary: 'A routine check-up exam for an established patient.',
    note: 'Used at recall visits; not for a first visit or an emergency.',
    terms: ['checkup'],
    related: [],
    sources: ['a', 'b'],
    ...over,
  };
}
const file = (entries: unknown[]) => [
  { name: 'data/cdt/test.json', data: { sources: { a: 'A', b: 'B' }, entries } },
];

describe('checkDataset on malformed data', () => {
  it('accepts a valid file', () => {
    expect(checkDataset(file([entry()]), meta).errors).toEqual([]);
  });

  it.each([
    [{ code: 'D012' }, 'entry #1 (D012): field "code"'],
    [{ category: 'dental' }, '(D0120): field "category"'],
    [{ summary: '' }, '(D0120): field "summary" must not be empty'],
    [{ summary: 'x'.repeat(200) }, 'field "summary" is 200 characters'],
    [{ note: 'TODO write this' }, 'field "note" contains placeholder text'],
    [{ terms: ['Cleaning'] }, 'field "terms"'],
    [{ sources: ['a'] }, 'field "sources"'],
    [{ related: [{ code: 'D0150', type: 'sibling' }] }, 'field "related"'],
    [{ deletedIn: 2010 }, 'field "deletedIn"'],
    [{ replacedBy: ['D0150'] }, 'field "replacedBy" is only allowed on deleted codes'],
    [{ colour: 'red' }, 'field "colour" is not a known field'],
    [{ code: 'D1110' }, 'field "category" is diagnostic but the code\'s range is preventive'],
  ])('names the entry and field for %j', (over, message) => {
    const { errors } = checkDataset(file([entry(over)]), meta);
    expect(errors.join('\n')).toContain(message);
  });

  it('catches duplicates, twin summaries and dangling links across files', () => {
    const { errors } = checkDataset(
      file([
        entry(),
        entry(),
        entry({ code: 'D0140', related: [{ code: 'D0999', type: 'see-also' }] }),
      ]),
      meta,
    );
    const text = errors.join('\n');
    expect(text).toContain('D0120: code is also defined');
    expect(text).toContain('D0140: field "summary" is identical to that of D0120');
    expect(text).toContain('D0140: field "related" names unknown code D0999');
  });

  it('catches a half-done deletion: replacement missing or itself deleted', () => {
    const { errors } = checkDataset(
      file([
        entry({ deletedIn: 2024, replacedBy: ['D0140'] }),
        entry({ code: 'D0140', summary: 'Another exam.', deletedIn: 2025, replacedBy: ['D0170'] }),
      ]),
      meta,
    );
    const text = errors.join('\n');
    expect(text).toContain('D0120: field "replacedBy" names D0140, which is deleted too');
    expect(text).toContain('D0140: field "replacedBy" names unknown code D0170');
  });

  it('fails the build step with every problem named, for a bad data folder', () => {
    expect(() => loadDataset(resolve(import.meta.dirname, '../fixtures/data-bad'))).toThrow(
      /data\/cdt\/bad\.json: entry #2 \(D0140\): field "summary" must not be empty/,
    );
  });

  it('rejects a file that is not a dataset file', () => {
    expect(checkDataset([{ name: 'data/cdt/x.json', data: [] }], meta).errors[0]).toContain(
      'data/cdt/x.json: must be an object',
    );
  });
});

describe('packed code numbers', () => {
  it('round-trips any set of code numbers, in order, whatever the gaps', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 9999 }), { maxLength: 1200 }), (ns) => {
        expect(unpackCodeNumbers(packCodeNumbers(ns))).toEqual([...ns].sort((a, b) => a - b));
      }),
    );
  });

  it('packs the bundled set into about a third of plain digits', () => {
    const codes = allEntries().map((e) => e.code.slice(1));
    const packed = packCodeNumbers(codes);
    expect(unpackCodeNumbers(packed)).toEqual(codes.map(Number).sort((a, b) => a - b));
    expect(packed.length).toBeLessThan((codes.length * 4) / 2);
  });
});

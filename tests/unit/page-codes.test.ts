import { describe, expect, it } from 'vitest';
import {
  checkCounts,
  checkPages,
  countCodes,
  MAX_REPORTED_CODES,
  pageList,
  pageRows,
  rowsAsTable,
} from '../../lib/page-codes';

describe('page codes', () => {
  it('counts matches per code', () => {
    const m = (code: string) => ({ code, start: 0, end: 5, status: 'active' as const });
    expect(countCodes([m('D0120'), m('D1110'), m('D0120')])).toEqual({ D0120: 2, D1110: 1 });
  });

  it('counts a list shared by several text nodes once per node, into one total', () => {
    const m = (code: string) => ({ code, start: 0, end: 5, status: 'active' as const });
    const total = countCodes([m('D0120')], 3);
    countCodes([m('D0120'), m('D1110')], 2, total);
    expect(total).toEqual({ D0120: 5, D1110: 2 });
  });

  it('keeps only code-shaped keys with positive whole counts, bounded', () => {
    expect(checkCounts({ D0120: 2, hack: 1, D1110: -1, D2740: 1.5, D4910: '3' })).toEqual({
      D0120: 2,
    });
    expect(checkCounts(null)).toEqual({});
    const flood = Object.fromEntries(
      Array.from({ length: 5000 }, (_, i) => [`D${String(i).padStart(4, '0')}`, 1]),
    );
    expect(Object.keys(checkCounts(flood)).length).toBe(MAX_REPORTED_CODES);
  });

  it('merges frames, deleted codes first, then by count', () => {
    const rows = pageRows(
      [
        { D0120: 1, D1110: 3 },
        { D0120: 4, D1352: 1 },
      ],
      (code) =>
        code === 'D1352'
          ? { status: 'deleted', summary: 'old' }
          : { status: 'active', summary: code },
    );
    expect(rows.map((r) => [r.code, r.count])).toEqual([
      ['D1352', 1],
      ['D0120', 5],
      ['D1110', 3],
    ]);
  });

  it('copies as a tab-separated table that no summary can break', () => {
    const table = rowsAsTable([
      { code: 'D0120', count: 2, status: 'active', summary: 'Exam\twith\ntabs' },
    ]);
    expect(table.split('\n')).toEqual([
      'Code\tSummary\tCount\tStatus',
      'D0120\tExam with tabs\t2\tactive',
    ]);
  });

  it('keeps page reports that are code-shaped lists of page numbers, sorted and unique', () => {
    expect(
      checkPages({ D0120: [3, 1, 1, 2.5, -1, '4'], hack: [1], D1110: 'x', D2740: [] }),
    ).toEqual({ D0120: [1, 3] });
    expect(checkPages(null)).toEqual({});
  });

  it('writes page lists short, with ranges', () => {
    expect(pageList([1])).toBe('1');
    expect(pageList([1, 2, 3, 7, 9, 10])).toBe('1–3, 7, 9–10');
    expect(pageList([1, 3, 5, 7, 9], 3)).toBe('1, 3, 5 and 2 more');
  });

  it('adds the pages to the rows of a PDF', () => {
    const rows = pageRows([{ D0120: 2, D1110: 1 }], () => ({ status: 'active', summary: '' }), {
      D0120: [1, 4],
    });
    expect(rows.map((r) => [r.code, r.pages])).toEqual([
      ['D0120', [1, 4]],
      ['D1110', undefined],
    ]);
  });
});

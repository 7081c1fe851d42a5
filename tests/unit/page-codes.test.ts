import { describe, expect, it } from 'vitest';
import {
  checkCounts,
  countCodes,
  MAX_REPORTED_CODES,
  pageRows,
  rowsAsTable,
} from '../../lib/page-codes';

describe('page codes', () => {
  it('counts matches per code', () => {
    const m = (code: string) => ({ code, start: 0, end: 5, status: 'active' as const });
    expect(countCodes([m('D0120'), m('D1110'), m('D0120')])).toEqual({ D0120: 2, D1110: 1 });
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
});

import { describe, expect, it } from 'vitest';
import { allEntries, getEntry } from '../../lib/cdt/index';
import { createSearch, MAX_QUERY_CHARS } from '../../lib/cdt/search';

const search = createSearch(allEntries());
const codes = (q: string, n = 10) => search(q, n).map((h) => h.code);

describe('search', () => {
  it.each(['D2740', 'd2740', '2740', ' D2740 '])('finds the code itself for %j, first', (q) => {
    expect(codes(q)[0]).toBe('D2740');
  });

  it('lists a code prefix in code order', () => {
    const hits = codes('D27', 50);
    expect(hits.length).toBeGreaterThan(3);
    expect(hits.every((c) => c.startsWith('D27'))).toBe(true);
    expect([...hits].sort()).toEqual(hits);
  });

  it.each([
    ['cleaning', 'D1110'],
    ['root canal', 'D3330'],
    ['photo', 'D0350'],
    ['night guard', 'D9944'],
    ['crown', 'D2740'],
  ])('finds everyday term %j', (q, code) => {
    expect(codes(q, 25)).toContain(code);
  });

  it.each([
    ['extration', ['D7140']],
    ['porcelin crown', ['D2740']],
    ['four bitewings', ['D0274']],
    ['deep cleaning', ['D4341', 'D4342']],
    ['root canal', ['D3310', 'D3320', 'D3330']],
    ['periodic exam', ['D0120']],
  ])('ranks what a biller expects first for %j, typos included', (q, firsts) => {
    expect(firsts).toContain(codes(q, 5)[0]);
  });

  it('ranks current codes before a deleted one that matches as well', () => {
    const hits = search('night guard', 10);
    expect(hits[0]?.status).toBe('active');
    expect(hits.some((h) => h.code === 'D9940' && h.status === 'deleted')).toBe(true);
  });

  it('finds deleted codes, labelled with their replacement', () => {
    const hit = search('D1352')[0];
    expect(hit?.status).toBe('deleted');
    expect(hit?.replacedBy).toEqual(getEntry('D1352')?.replacedBy);
  });

  it.each([
    '',
    '   ',
    '<img src=x onerror=alert(1)>',
    '.*+?^${}()|[]\\',
    '🦷🦷🦷',
    'x'.repeat(MAX_QUERY_CHARS * 50),
  ])('survives hostile query %#', (q) => {
    expect(() => search(q)).not.toThrow();
  });
});

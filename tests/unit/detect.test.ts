import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packCodeNumbers } from '../../lib/cdt/code-pack';
import { buildCodeTable } from '../../lib/cdt/code-set';
import { createDetector, findCodes } from '../../lib/detect/index';

/** A small fixed code set, so these tests do not move with the data. */
const ACTIVE = [
  '0120',
  '0140',
  '0150',
  '0350',
  '0364',
  '0365',
  '0366',
  '0367',
  '0368',
  '0999',
  '1110',
  '1120',
  '1206',
  '2391',
  '2392',
  '2740',
  '2750',
  '2950',
  '4341',
  '4342',
  '4910',
  '6603',
  '2799',
];
const DELETED = ['1352', '0351'];
const detect = createDetector(buildCodeTable(packCodeNumbers(ACTIVE), packCodeNumbers(DELETED)));
const codes = (text: string) => detect(text).map((m) => m.code);

describe('findCodes: shapes of real codes', () => {
  it.each([
    ['plain', 'Billed D0120 today', ['D0120']],
    ['table cells', 'D0120\tPeriodic exam\t$62.00\nD1110\tProphy\t$110.00', ['D0120', 'D1110']],
    ['list with commas', 'D0350, D0364, D0365', ['D0350', 'D0364', 'D0365']],
    ['list with slash', 'D4341/D4342', ['D4341', 'D4342']],
    ['list with semicolon and and', 'D4341; D4342 and D4910', ['D4341', 'D4342', 'D4910']],
    ['parentheses and bullets', '• periodic exam (D0120)\n• cleaning (D1110)', ['D0120', 'D1110']],
    ['range with hyphen', 'D0364-D0368', ['D0364', 'D0368']],
    ['range with spaced en dash', 'D0364 – D0368', ['D0364', 'D0368']],
    ['range without second D', 'D0364-0368', ['D0364', 'D0368']],
    ['range in words', 'D0364 through D0368', ['D0364', 'D0368']],
    ['category range', 'Diagnostic D0100-D0999 and crowns D2700–D2799', []],
    ['837D service line', 'SV3*AD:D2392*210*UN*1~', ['D2392']],
    ['835 with submitted code in SVC06', 'SVC*AD:D2391*65*0**1*AD:D1352~', ['D2391', 'D1352']],
    ['other component separator', 'SVC*AD>D1110*110*79**1~', ['D1110']],
    ['271 eligibility', 'EB*1*IND*35*DB***27*2*VS*1~III*AD:D0120~', ['D0120']],
    ['PDF glue word before', 'ProphylaxisD1110Adult', ['D1110']],
    ['PDF glue fee before', '45.00D2391 65.00D2392', ['D2391', 'D2392']],
    ['PDF glue fee after', 'D239145.00', ['D2391']],
    ['practice suffix', 'D0120.a and D2740.MOD', ['D0120', 'D2740']],
    ['tooth and surface notes', 'D2392 MO #30, D2740 #8', ['D2392', 'D2740']],
    ['non-breaking and full-width spaces', 'D0120\u00a0exam\u3000D1110', ['D0120', 'D1110']],
    ['lowercase standalone', 'we billed d2740 on #8', ['D2740']],
  ])('%s', (_name, text, expected) => {
    expect(codes(text)).toEqual(expected);
  });
});

describe('findCodes: look-alikes are not codes', () => {
  it.each([
    ['ICD-10 with dot', 'Dx D12.5 and D69.6'],
    ['ICD in EDI diagnosis segment', 'HI*ABK:D6603*ABF:D1110~'],
    ['phone model with brand', 'Sony Xperia Z3 D6603 battery'],
    ['CPU with brand', 'Intel Atom D2950 board'],
    ['test standard', 'hardness per ASTM D2240 and ISO D0120'],
    ['vitamin dose', 'Vitamin D1110 IU daily'],
    ['identifier with letters and digits', 'Order X7D0120B4 and ID0120'],
    ['longer number', 'D01201 and X1D0120'],
    ['amount', 'PAID2750.00 and REFUND1206.50'],
    ['hex run', 'sha 9f3aD2391c71e0 and 0xD1110'],
    ['URL', 'see https://example.com/codes/D2740 and www.example.org/D0120'],
    ['e-mail', 'write to d2750@billing-example.org or D0120@x.com'],
    ['lowercase glued', 'abcd1110 and 3d2740f'],
    ['not in the code set', 'D7500 D3500 D0100'],
  ])('%s', (_name, text) => {
    expect(codes(text)).toEqual([]);
  });
});

describe('findCodes: match details', () => {
  it('reports offsets that cover the code, status and form', () => {
    const text = 'Old: D1352; EDI: SVC*AD:D2391*65~; range D0364-D0368';
    const found = detect(text);
    for (const m of found) expect(text.slice(m.start, m.end).toUpperCase()).toBe(m.code);
    expect(found.map((m) => [m.code, m.status, m.form])).toEqual([
      ['D1352', 'deleted', undefined],
      ['D2391', 'active', 'edi'],
      ['D0364', 'active', 'range'],
      ['D0368', 'active', 'range'],
    ]);
    expect(found[3]?.range).toEqual(['D0364', 'D0368']);
  });

  it('treats null-like input as empty and other types as a TypeError', () => {
    expect(findCodes(null as unknown as string)).toEqual([]);
    expect(findCodes(undefined as unknown as string)).toEqual([]);
    expect(findCodes('')).toEqual([]);
    expect(() => findCodes(42 as unknown as string)).toThrow(TypeError);
  });
});

/** Text made of pieces that stress the detector: codes, look-alike parts, glue and separators. */
const piece = fc.constantFrom(
  'D0120',
  'D1110',
  'd2740',
  'D1352',
  'D0364-D0368',
  'AD:',
  'ABK:',
  '*',
  '~',
  ' ',
  '\n',
  '-',
  '–',
  '.',
  '45.00',
  'Nikon ',
  'ASTM ',
  'x',
  'é',
  '\u00a0',
  '\u200b',
  'https://',
  '@',
  '\ud800',
  '0',
  '9',
);
const messy = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.array(piece, { maxLength: 40 }).map((p) => p.join('')),
);

describe('findCodes: properties', () => {
  it('never throws, reports in order, and points at the code', () => {
    fc.assert(
      fc.property(messy, (text) => {
        const found = detect(text);
        let last = -1;
        for (const m of found) {
          expect(m.start).toBeGreaterThan(last);
          expect(m.end).toBeLessThanOrEqual(text.length);
          expect(text.slice(m.start, m.end).toUpperCase()).toBe(
            m.code.slice(m.end - m.start === 4 ? 1 : 0),
          );
          last = m.start;
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the same matches when the text is split at a line break and rescanned', () => {
    fc.assert(
      fc.property(messy, messy, (a, b) => {
        const whole = detect(`${a}\n${b}`);
        const parts = [
          ...detect(a),
          ...detect(b).map((m) => ({
            ...m,
            start: m.start + a.length + 1,
            end: m.end + a.length + 1,
          })),
        ];
        expect(whole).toEqual(parts);
      }),
      { numRuns: 3000 },
    );
  });

  it('stays linear on megabytes of D and digits', () => {
    const unit = 'D1110 D0120,DDDD0000D9999999 ';
    const small = unit.repeat(4_000);
    const big = unit.repeat(40_000);
    const time = (s: string) => {
      const t = performance.now();
      detect(s);
      return performance.now() - t;
    };
    time(small);
    // A ratio in the same run, not a wall-clock threshold: 10× the text may cost at most ~30× the
    // time (linear, with generous slack for a noisy machine); backtracking would be far worse.
    expect(time(big) / Math.max(time(small), 0.5)).toBeLessThan(30);
    expect(detect(big).length).toBeGreaterThan(0);
  });
});

describe('createDetector: the code table is built on the first candidate only', () => {
  it('never builds it for text without a candidate, and once for any number of codes', () => {
    let builds = 0;
    const lazy = createDetector(() => {
      builds++;
      return buildCodeTable(packCodeNumbers(ACTIVE), packCodeNumbers(DELETED));
    });
    expect(lazy('Dear Dr. Dunn, the Dental Department (D-wing) has no code today.')).toEqual([]);
    expect(builds).toBe(0);
    expect(lazy('D0120 and D1110').map((m) => m.code)).toEqual(['D0120', 'D1110']);
    expect(lazy('D4341')).toHaveLength(1);
    expect(builds).toBe(1);
  });
});

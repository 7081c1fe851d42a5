/**
 * Fuzzing the bundled detector with fast-check for a fixed time budget: `CDT_FUZZ_MS` (2 s in
 * `npm test`, a minute in `npm run soak`). Any failure prints fast-check's seed and the shrunk
 * input: add that input to the regression list below.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CodeMatch, findCodes } from '../../lib/detect/index';

const BUDGET_MS = Number(process.env.CDT_FUZZ_MS ?? 2000);

/** Inputs that once broke a property, kept so they never break it again. */
const REGRESSIONS: string[] = [
  // None found yet by the fuzzer; these are the shapes it is aimed at.
  'D0120\ud800D1110',
  'AD:D0120-D0999-D1110',
  'D0364-0368-0370',
];

/** Pieces of real code shapes and their look-alikes, glue and separators. */
const piece = fc.oneof(
  fc.constantFrom('D0120', 'D1110', 'd2740', 'D1352', 'D0364-D0368', 'D0364-0368', 'D 0120'),
  fc.constantFrom('AD:', 'HC>', '*', '~', ':', '=SUM(', '$', '#8', '×', 'x4', '.a', '45.00'),
  fc.constantFrom(' ', '\n', '\t', '-', '–', ' through ', '\u00a0', '\u00ad', '\u200b', '\ufeff'),
  fc.constantFrom('Nikon ', 'ICD-10 ', 'K02.52', 'RECEIVE', 'ID', 'Reutlingen', 'é', '\ud800'),
  fc.stringMatching(/^[Dd]?\d{1,6}$/),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
);
const text = fc.oneof(
  { arbitrary: fc.array(piece, { maxLength: 80 }).map((p) => p.join('')), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 200 }), weight: 1 },
);

/** The properties every result must have. */
function check(input: string, found: CodeMatch[]): void {
  let lastEnd = -1;
  for (const m of found) {
    expect(m.start).toBeGreaterThanOrEqual(0);
    expect(m.start).toBeGreaterThanOrEqual(lastEnd);
    expect(m.end).toBeGreaterThan(m.start);
    expect(m.end).toBeLessThanOrEqual(input.length);
    expect(m.code).toMatch(/^D\d{4}$/);
    expect(['active', 'deleted']).toContain(m.status);
    // The digits of the code are the last four characters of the match.
    expect(input.slice(m.end - 4, m.end)).toBe(m.code.slice(1));
    if (m.range) expect(m.range).toContain(m.code);
    lastEnd = m.end;
  }
}

describe('findCodes: fuzzing', () => {
  it.each(REGRESSIONS)('keeps its properties on %j', (input) => {
    check(input, findCodes(input));
  });

  it(
    `keeps its properties on random text for ${BUDGET_MS} ms`,
    () => {
      fc.assert(
        fc.property(text, text, (a, b) => {
          const found = findCodes(a);
          check(a, found);
          // Same answer on a second call, after another text: no state leaks between calls.
          findCodes(b);
          expect(findCodes(a)).toEqual(found);
        }),
        { numRuns: Number.MAX_SAFE_INTEGER, plugins: [fc.interruptAfterTimeLimit(BUDGET_MS)] },
      );
    },
    BUDGET_MS + 30_000,
  );
});

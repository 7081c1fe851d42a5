/**
 * The hardening suite, run by `npm run soak` (tests/bench/soak/run.ts): the mutation storm and the
 * long session in Chromium with the built extension, plus the detector fuzzing result passed in by
 * the runner. Writes .bench/soak.md and .bench/soak.json.
 */
import { expect, it } from 'vitest';
import { type Row, writeReport } from '../stats';
import { soakSession } from './session';
import { soakStorm } from './storm';

it('storms, runs a long session, and writes the report', async () => {
  const rows: Row[] = [];
  const fuzz = process.env.SOAK_FUZZ;
  if (fuzz) {
    const [status, seconds] = fuzz.split(':');
    rows.push({
      benchmark: `detector fuzzing (fast-check, ${seconds} s budget)`,
      median: status === 'passed' ? 'no failure' : 'FAILED: see the fuzz output',
      spread: '',
      baseline: 'properties: bounds, order, code shape, status, no state between calls',
      ratio: '',
      target: 'no failure',
      met: status === 'passed' ? 'yes' : 'no',
    });
  }
  // One part failing to run is a failed row, not a lost report.
  for (const [name, part] of [
    ['mutation storm', () => soakStorm(2)],
    ['long session', soakSession],
  ] as const)
    rows.push(
      ...(await part().catch((e: unknown) => [
        {
          benchmark: `${name}: did not finish`,
          median: String(e).split('\n')[0]!,
          spread: '',
          baseline: '',
          ratio: '',
          target: 'finishes',
          met: 'no' as const,
        },
      ])),
    );

  const md = writeReport('soak', 'Soak report', rows);
  console.log(md);
  // The soak fails on any missed target, after writing the report.
  expect(rows.filter((r) => r.met === 'no').map((r) => r.benchmark)).toEqual([]);
});

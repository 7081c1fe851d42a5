/**
 * The hardening suite, run by `npm run soak` (tests/bench/soak/run.ts): the mutation storm and the
 * long session in Chromium with the built extension, plus the detector fuzzing result passed in by
 * the runner. Writes .bench/soak.md and .bench/soak.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import type { Row } from '../stats';
import { soakSession } from './session';
import { soakStorm } from './storm';

const OUT = resolve(import.meta.dirname, '../../../.bench');
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;

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

  const header: (keyof Row)[] = [
    'benchmark',
    'median',
    'spread',
    'baseline',
    'ratio',
    'target',
    'met',
  ];
  const md = [
    '# Soak report',
    '',
    `Machine: ${machine}. Date: ${new Date().toISOString()}.`,
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${header.map((h) => String(r[h] ?? '')).join(' | ')} |`),
    '',
  ].join('\n');
  mkdirSync(OUT, { recursive: true });
  writeFileSync(`${OUT}/soak.md`, md);
  writeFileSync(`${OUT}/soak.json`, JSON.stringify({ machine, rows }, null, 2));
  console.log(md);
  // The soak fails on any missed target, after writing the report.
  expect(rows.filter((r) => r.met === 'no').map((r) => r.benchmark)).toEqual([]);
});

/**
 * Detector throughput on realistic mixed text, as a ratio against a bare `/D\d{4}/g` scan of the
 * same text in the same run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findCodes } from '../../lib/detect/index';

const CORPUS = resolve(import.meta.dirname, '../fixtures/detect');

/** Ordinary prose that pages are mostly made of, with no codes. */
const FILLER = [
  'Thank you for choosing our practice. Please arrive ten minutes before your appointment. ',
  'Benefits are subject to the terms of the plan and the member’s eligibility on the date of service. ',
  'Questions about this statement? Call the number on the back of your ID card, Monday to Friday. ',
  'The hygienist reviewed home care, flossing technique and the use of an electric toothbrush. ',
];

/**
 * About `bytes` of text: fragments of the labelled corpus (codes, EDI, PDF glue, look-alikes)
 * every `every` lines, prose between them. Every 3rd line is a claims portal or remittance; every
 * 25th, an article or a policy page.
 */
export function mixedText(bytes: number, every: number): string {
  const fragments = readdirSync(CORPUS)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) =>
      (JSON.parse(readFileSync(join(CORPUS, f), 'utf8')) as { text: string }[]).map((x) => x.text),
    );
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const piece = i % every === 0 ? fragments[i % fragments.length]! : FILLER[i % FILLER.length]!;
    parts.push(piece, '\n');
    size += piece.length + 1;
  }
  return parts.join('');
}

/** The baseline: what a naive extension would run. */
function bareScan(text: string): number {
  const re = /D\d{4}/g;
  let n = 0;
  while (re.exec(text)) n++;
  return n;
}

export interface Sample {
  name: string;
  unit: string;
  value: number;
  baseline: number;
}

function time(fn: () => unknown, reps: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out;
}

/** Text densities: how often a line comes from the corpus. */
const DENSITIES = [
  { name: 'dense (claims, remittances)', every: 3 },
  { name: 'sparse (articles, policies)', every: 25 },
];

/** Runs the detector benchmark on 1 and 10 MB of text (1 MB only when quick), dense and sparse. */
export function benchDetector(
  quick: boolean,
): { name: string; size: number; ours: number[]; bare: number[]; codes: number }[] {
  const sizes = quick ? [1e6] : [1e6, 1e7];
  const reps = quick ? 5 : 9;
  return DENSITIES.flatMap(({ name, every }) => sizes.map((size) => ({ name, every, size }))).map(
    ({ name, every, size }) => {
      const text = mixedText(size, every);
      time(() => findCodes(text), 2);
      time(() => bareScan(text), 2);
      const ours: number[] = [];
      const bare: number[] = [];
      // Interleaved, so a burst of load on a shared machine hits both alike.
      for (let i = 0; i < reps; i++) {
        bare.push(...time(() => bareScan(text), 1));
        ours.push(...time(() => findCodes(text), 1));
      }
      return { name, size: text.length, ours, bare, codes: findCodes(text).length };
    },
  );
}

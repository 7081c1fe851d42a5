/**
 * The benchmark suite, run by `npm run bench` (tests/bench/run.ts) in the `bench` Vitest project so
 * that the build's virtual modules resolve. Every benchmark is a ratio against a baseline measured
 * in the same run, with medians and spread; writes .bench/report.md and .bench/report.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { it } from 'vitest';
import { benchDetector } from './detector';
import { benchPage } from './page';
import { benchPdf } from './pdf';
import { benchPopup } from './popup';
import { benchSearch } from './search';
import { growthRow, type Row } from './stats';

const quick = process.env.BENCH_QUICK === '1';
const OUT = resolve(import.meta.dirname, '../../.bench');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
/** The p-th percentile (0..1) of `xs`. */
function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * (s.length - 1)))]!;
}

/** Spread as the interquartile range over the median, in percent. */
function spread(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1)))]!;
  return ((q(0.75) - q(0.25)) / median(xs)) * 100;
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const rows: Row[] = [];

it('measures and writes the report', async () => {
  const detector = benchDetector(quick);
  for (const r of detector) {
    const mb = r.size / 1e6;
    const ours = median(r.ours);
    const bare = median(r.bare);
    rows.push({
      benchmark: `detector, ${mb.toFixed(0)} MB ${r.name}, ${r.codes} codes`,
      median: `${ours.toFixed(1)} ms (${(mb / (ours / 1000)).toFixed(0)} MB/s)`,
      spread: `±${spread(r.ours).toFixed(0)}%`,
      baseline: `bare /D\\d{4}/g: ${bare.toFixed(1)} ms`,
      ratio: +(ours / bare).toFixed(2),
      target: '≤ 2× and ≥ 100 MB/s',
    });
  }

  {
    // Growth with the amount of text, per density (1 → 10 MB; one size only when quick).
    for (const name of new Set(detector.map((r) => r.name))) {
      const runs = detector.filter((r) => r.name === name);
      if (runs.length > 1)
        rows.push(
          growthRow(
            `detector, ${name}`,
            ' ms',
            runs.map((r) => ({
              label: `${(r.size / 1e6).toFixed(0)} MB`,
              size: r.size,
              cost: median(r.ours),
            })),
          ),
        );
    }
  }

  rows.push(...(await benchPage(quick)));

  {
    const { ours, baseline, keystrokes } = benchSearch(quick);
    rows.push({
      benchmark: `popup search, ${keystrokes} keystrokes of 10 typed queries, full dataset`,
      median: `p50 ${percentile(ours, 0.5).toFixed(2)} ms, p95 ${percentile(ours, 0.95).toFixed(2)} ms`,
      spread: `±${spread(ours).toFixed(0)}%`,
      baseline: `substring filter: p50 ${percentile(baseline, 0.5).toFixed(2)} ms, p95 ${percentile(baseline, 0.95).toFixed(2)} ms`,
      ratio: +(percentile(ours, 0.95) / percentile(baseline, 0.95)).toFixed(2),
      target: 'p95 < 5 ms',
    });
  }

  {
    const t = await benchPopup(quick ? 3 : 7);
    const dcl = median(t.domContentLoaded);
    for (const [what, xs] of [
      ['search box interactive', t.interactive],
      ['first results (q=crown)', t.firstResults],
    ] as const)
      rows.push({
        benchmark: `popup opened → ${what}, Chromium`,
        median: `${median(xs).toFixed(1)} ms`,
        spread: `±${spread(xs).toFixed(0)}%`,
        baseline: `DOMContentLoaded: ${dcl.toFixed(1)} ms`,
        ratio: +(median(xs) / dcl).toFixed(2),
        target: 'feels instant (< 100 ms)',
      });
  }

  {
    const t = await benchPdf(quick ? 3 : 7);
    for (const [what, xs, base, baseWhat] of [
      ['first page marked', t.firstMarked, t.baseFirst, 'first page drawn'],
      ['every page scanned', t.allScanned, t.baseAll, 'every text layer built'],
    ] as const)
      rows.push({
        benchmark: `PDF viewer, ${t.pages}-page fee schedule (${t.lines} lines): ${what}, Chromium`,
        median: `${median(xs).toFixed(0)} ms`,
        spread: `±${spread(xs).toFixed(0)}%`,
        baseline: `pdf.js alone, ${baseWhat}: ${median(base).toFixed(0)} ms`,
        ratio: +(median(xs) / median(base)).toFixed(2),
        target: '≤ 1.5× pdf.js',
      });
  }

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
    `# Benchmark report (${quick ? 'quick' : 'full'})`,
    '',
    `Machine: ${machine}. Date: ${new Date().toISOString()}.`,
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${header.map((h) => String(r[h] ?? '')).join(' | ')} |`),
    '',
  ].join('\n');
  mkdirSync(OUT, { recursive: true });
  writeFileSync(`${OUT}/report.md`, md);
  writeFileSync(`${OUT}/report.json`, JSON.stringify({ machine, quick, rows }, null, 2));
  console.log(md);
  console.log(`Written to ${OUT}/report.md and report.json`);
});

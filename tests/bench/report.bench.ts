/**
 * The benchmark suite, run by `npm run bench` (tests/bench/run.ts) in the `bench` Vitest project so
 * that the build's virtual modules resolve. Every benchmark is a ratio against a baseline measured
 * in the same run, with medians and spread; writes .bench/report.md and .bench/report.json.
 */
import { it } from 'vitest';
import { benchDetector } from './detector';
import { benchPage } from './page';
import { benchPdf } from './pdf';
import { benchPopup } from './popup';
import { benchSearch } from './search';
import { growthRow, median, percentile, type Row, spread, writeReport } from './stats';

const quick = process.env.BENCH_QUICK === '1';
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
      spread: spread(r.ours),
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
      spread: spread(ours),
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
        spread: spread(xs),
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
        spread: spread(xs),
        baseline: `pdf.js alone, ${baseWhat}: ${median(base).toFixed(0)} ms`,
        ratio: +(median(xs) / median(base)).toFixed(2),
        target: '≤ 1.5× pdf.js',
      });
  }

  const md = writeReport('report', `Benchmark report (${quick ? 'quick' : 'full'})`, rows, {
    quick,
  });
  console.log(md);
  console.log('Written to .bench/report.md and report.json');
});

/**
 * Statistics and report rows shared by the benchmark modules: each module returns rows, the reports
 * (report.bench.ts, soak/soak.soak.ts) write them. Growth with the amount of work is judged here, in
 * one place.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';

/** Where reports go (git-ignored). */
export const REPORT_DIR = resolve(import.meta.dirname, '../../.bench');
/** The machine a report was measured on. */
export const MACHINE = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;

/** One line of the report. */
export interface Row {
  benchmark: string;
  median: string;
  spread: string;
  baseline: string;
  ratio: number | string;
  target: string;
  /** Whether the target is met: "yes", "no", or "n/a" where a figure has no pass mark. */
  met?: 'yes' | 'no' | 'n/a';
}

/** Median of `xs` (NaN for none). */
export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The p-th percentile (0..1) of `xs`, nearest rank. */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * (s.length - 1)))]!;
}

/** Spread as the interquartile range over the median, in percent ("±12%"); min–max under 4 runs. */
export function spread(xs: number[]): string {
  if (xs.length < 2) return 'one run';
  const s = [...xs].sort((a, b) => a - b);
  const m = median(xs);
  if (s.length < 4) return `${fmt(s[0]!)}–${fmt(s.at(-1)!)}`;
  return `±${(((percentile(s, 0.75) - percentile(s, 0.25)) / m) * 100).toFixed(0)}%`;
}

/** A number with a sensible precision for the report. */
export function fmt(x: number, unit = ''): string {
  if (!Number.isFinite(x)) return 'n/a';
  const digits = Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2;
  return `${x.toFixed(digits)}${unit}`;
}

/** Log-log slope above which a cost counts as growing faster than linearly (noise allowance). */
export const SUPERLINEAR_SLOPE = 1.15;

/**
 * A growth row: how `cost` (medians at each `size`) grows with the work. The slope of log(cost)
 * over log(size) between the smallest and the largest size is 1 for linear growth; above
 * {@link SUPERLINEAR_SLOPE} the row is flagged.
 */
export function growthRow(
  what: string,
  unit: string,
  sizes: { label: string; size: number; cost: number }[],
): Row {
  const first = sizes[0]!;
  const last = sizes.at(-1)!;
  if (!(first.cost > 0 && last.cost > 0))
    return {
      benchmark: `growth: ${what}, ${sizes.map((s) => s.label).join(' → ')}`,
      median: sizes.map((s) => fmt(s.cost, unit)).join(' → '),
      spread: '',
      baseline: 'a cost at or below zero (within noise)',
      ratio: 'n/a',
      target: 'linear or better (slope ≤ 1.15)',
      met: 'n/a',
    };
  const slope = Math.log(last.cost / first.cost) / Math.log(last.size / first.size);
  const superlinear = slope > SUPERLINEAR_SLOPE;
  return {
    benchmark: `growth: ${what}, ${sizes.map((s) => s.label).join(' → ')}`,
    median: sizes.map((s) => fmt(s.cost, unit)).join(' → '),
    spread: '',
    baseline: `work × ${sizes.map((s) => fmt(s.size / first.size)).join(', ×')}`,
    ratio: `slope ${slope.toFixed(2)}${superlinear ? ' ⚠ super-linear' : ''}`,
    target: 'linear or better (slope ≤ 1.15)',
    met: superlinear ? 'no' : 'yes',
  };
}

/** Writes `rows` as `<name>.md` (a Markdown table) and `<name>.json` under REPORT_DIR; returns the Markdown. */
export function writeReport(name: string, title: string, rows: Row[], facts: object = {}): string {
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
    `# ${title}`,
    '',
    `Machine: ${MACHINE}. Date: ${new Date().toISOString()}.`,
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${header.map((h) => String(r[h] ?? '')).join(' | ')} |`),
    '',
  ].join('\n');
  mkdirSync(REPORT_DIR, { recursive: true });
  writeFileSync(`${REPORT_DIR}/${name}.md`, md);
  writeFileSync(
    `${REPORT_DIR}/${name}.json`,
    JSON.stringify({ machine: MACHINE, ...facts, rows }, null, 2),
  );
  return md;
}

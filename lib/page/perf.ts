/**
 * A few User Timing entries that the benchmark reads from the page: when the page side started,
 * when the first codes were registered, and the first full scan with its slice statistics. At most
 * three entries per document (never one per slice or per rescan, so a long session does not grow
 * the page's timeline). Chromium shares one performance timeline between the page and the
 * content script's isolated world (tests/bench/page.ts checks it on every run).
 */

/** Entry names, read by tests/bench/page.ts. */
export const PERF = {
  /** Mark: the page side starts (settings read, before the first scan). */
  start: 'cdt-lens:start',
  /** Mark: the first codes were registered with the highlight registry. */
  firstMarks: 'cdt-lens:first-marks',
  /** Measure: the first full scan of the document, `detail` holding its {@link ScanStats}. */
  scan: 'cdt-lens:scan',
} as const;

/** What one scan did, for the benchmark: cheap counters kept by the scanner anyway. */
export interface ScanStats {
  /** Text nodes visited. */
  nodes: number;
  /** Codes found. */
  matches: number;
  /** Slices the scan ran in (it yields to the page between two). */
  slices: number;
  /** Longest slice, in ms: the longest main-thread task the scan itself caused. */
  longestSliceMs: number;
  /**
   * From the start to the end of the document's own text, in ms: what a walk over its text nodes
   * (the benchmark's baseline) covers. The rest is the pass over its elements for open shadow roots
   * and the text in them.
   */
  textMs: number;
}

/** Adds a mark to the timeline; a missing or throwing User Timing API costs nothing. */
export function perfMark(name: string): void {
  try {
    performance.mark(name);
  } catch {
    // Measurements are never worth breaking the page side.
  }
}

/** Records the first full scan, from `startMs` (performance.now()) to now. */
export function perfScanned(startMs: number, stats: ScanStats): void {
  try {
    performance.measure(PERF.scan, { start: startMs, detail: stats });
  } catch {
    // As above.
  }
}

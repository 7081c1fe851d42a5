/**
 * The codes of one tab, as the popup's "On this page" list and the toolbar badge show them: counts
 * reported by each frame's content script, merged per code.
 */
import { CODE_PATTERN } from './cdt/categories';
import type { CodeMatch } from './detect/index';

/** Counts per code, as one frame reports them. */
export type CodeCounts = Record<string, number>;

/** Most codes one frame may report: bounds what a hostile page can make the background hold. */
export const MAX_REPORTED_CODES = 2000;

/** Counts per code of `matches`, seen `times` times (text nodes sharing one list), added to `into`. */
export function countCodes(
  matches: readonly CodeMatch[],
  times = 1,
  into: CodeCounts = {},
): CodeCounts {
  for (const m of matches) if (!m.continued) into[m.code] = (into[m.code] ?? 0) + times;
  return into;
}

/** A report from a page, checked: code-shaped keys and positive whole counts, bounded. */
export function checkCounts(value: unknown): CodeCounts {
  if (typeof value !== 'object' || value === null) return {};
  const out: CodeCounts = {};
  for (const [code, n] of Object.entries(value).slice(0, MAX_REPORTED_CODES))
    if (CODE_PATTERN.test(code) && Number.isInteger(n) && (n as number) > 0)
      out[code] = n as number;
  return out;
}

/** The pages (1-based, ascending) each code is on: what the PDF viewer reports besides counts. */
export type CodePages = Record<string, number[]>;

/** Most page numbers kept for one code. */
export const MAX_PAGES_PER_CODE = 1000;

/** A page report, checked: code-shaped keys and bounded lists of positive whole page numbers. */
export function checkPages(value: unknown): CodePages {
  if (typeof value !== 'object' || value === null) return {};
  const out: CodePages = {};
  for (const [code, pages] of Object.entries(value).slice(0, MAX_REPORTED_CODES))
    if (CODE_PATTERN.test(code) && Array.isArray(pages)) {
      const ok = pages
        .slice(0, MAX_PAGES_PER_CODE)
        .filter((n): n is number => Number.isInteger(n) && (n as number) > 0);
      if (ok.length > 0) out[code] = [...new Set(ok)].sort((a, b) => a - b);
    }
  return out;
}

/** Page numbers as a short list: `1–3, 7`, and `and N more` past `max` parts. */
export function pageList(pages: readonly number[], max = 8): string {
  const parts: string[] = [];
  for (let i = 0; i < pages.length; i++) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j]! + 1) j++;
    parts.push(j > i ? `${pages[i]}–${pages[j]}` : String(pages[i]));
    i = j;
  }
  if (parts.length <= max) return parts.join(', ');
  return `${parts.slice(0, max).join(', ')} and ${parts.length - max} more`;
}

/** One row of the "On this page" list. */
export interface PageCodeRow {
  code: string;
  count: number;
  status: 'active' | 'deleted' | 'unknown';
  summary: string;
  /** In a PDF: the pages the code is on. */
  pages?: number[];
}

/** Merges the frames' counts into rows: deleted codes first, then by count, then by code. */
export function pageRows(
  frames: Iterable<CodeCounts>,
  describe: (code: string) => Pick<PageCodeRow, 'status' | 'summary'>,
  pages?: CodePages,
): PageCodeRow[] {
  const total = new Map<string, number>();
  for (const counts of frames)
    for (const [code, n] of Object.entries(counts)) total.set(code, (total.get(code) ?? 0) + n);
  const rank = (r: PageCodeRow) => (r.status === 'deleted' ? 0 : 1);
  return [...total]
    .map(([code, count]) => ({
      code,
      count,
      ...describe(code),
      ...(pages?.[code] && { pages: pages[code] }),
    }))
    .sort((a, b) => rank(a) - rank(b) || b.count - a.count || (a.code < b.code ? -1 : 1));
}

/** The rows as a tab-separated table with a header, for a claim note or a spreadsheet. */
export function rowsAsTable(rows: readonly PageCodeRow[]): string {
  const clean = (s: string) => s.replace(/[\t\r\n]+/g, ' ');
  return [
    'Code\tSummary\tCount\tStatus',
    ...rows.map((r) => [r.code, clean(r.summary), r.count, r.status].join('\t')),
  ].join('\n');
}

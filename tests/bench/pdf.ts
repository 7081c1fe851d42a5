/**
 * The PDF viewer in the real Chromium with the built extension, on a generated 50-page fee
 * schedule: time to the first page with marked codes and to every page scanned, against pdf.js
 * showing the same file in the same viewer without our detection (`viewer.html?marks=off`), in the
 * same run. Times are from the viewer's navigation start, read from its performance marks.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeFeeSchedule } from '../fixtures/pdf/make-pdfs';
import { launchWithExtension, openExtensionPage, openPage, tabIdOf } from '../harness/browsers';
import { serveStatic } from '../harness/server';

export interface PdfTiming {
  pages: number;
  lines: number;
  /** With detection: first page with a marked code, every page scanned. */
  firstMarked: number[];
  allScanned: number[];
  /** pdf.js alone: first page drawn with its text layer, every page's text layer built. */
  baseFirst: number[];
  baseAll: number[];
}

/** Opens the fee schedule `runs` times each way, alternating, and reads the marks. */
export async function benchPdf(runs: number, pages = 50): Promise<PdfTiming> {
  const dir = mkdtempSync(join(tmpdir(), 'cdt-lens-pdf-bench-'));
  const { bytes, lines } = await makeFeeSchedule(pages);
  writeFileSync(join(dir, 'fees.pdf'), bytes);
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><title>Fees</title><a href="fees.pdf">Fees</a>',
  );
  const server = await serveStatic(dir);
  const b = await launchWithExtension('chromium');
  const out: PdfTiming = {
    pages,
    lines,
    firstMarked: [],
    allScanned: [],
    baseFirst: [],
    baseAll: [],
  };
  try {
    const links = await openPage(b, `${server.url}/index.html`);
    const tab = await tabIdOf(b, links);
    const file = encodeURIComponent(`${server.url}/fees.pdf`);
    for (let i = 0; i < runs; i++)
      for (const marks of ['on', 'off'] as const) {
        const page = await openExtensionPage(
          b,
          `/viewer.html?file=${file}&tab=${tab}&frame=0${marks === 'off' ? '&marks=off' : ''}`,
        );
        await page.bringToFront();
        // No named helpers in the page function: tsx's name-keeping wrappers do not exist there.
        const t = await page.evaluate(async (detect) => {
          const highlights = (CSS as unknown as { highlights: Map<string, Set<unknown>> })
            .highlights;
          let firstMarked = NaN;
          if (detect)
            for (let k = 0; k < 1000 && Number.isNaN(firstMarked); k++) {
              if ([...highlights.values()].some((h) => h.size > 0)) firstMarked = performance.now();
              else await new Promise((r) => requestAnimationFrame(r));
            }
          const at: number[] = [];
          for (const name of [
            'cdt-lens:pdf-first-page',
            detect ? 'cdt-lens:pdf-all-scanned' : 'cdt-lens:pdf-all-text',
          ]) {
            for (let k = 0; k < 3000 && !performance.getEntriesByName(name).length; k++)
              await new Promise((r) => setTimeout(r, 5));
            at.push(performance.getEntriesByName(name)[0]?.startTime ?? NaN);
          }
          return { firstMarked, first: at[0]!, all: at[1]! };
        }, marks === 'on');
        if (marks === 'on') {
          out.firstMarked.push(t.firstMarked);
          out.allScanned.push(t.all);
        } else {
          out.baseFirst.push(t.first);
          out.baseAll.push(t.all);
        }
        await page.close();
      }
  } finally {
    await b.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

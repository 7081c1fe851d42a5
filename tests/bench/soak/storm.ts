/**
 * Mutation storm: 10,000 changes a second for ten seconds on a live claims board, with and without
 * the extension (Chromium). The page's own frame rate and input delay must stay within a stated
 * margin of the page without us; the heap must come back to where it was before the storm; and
 * once the storm ends, every code on the page must be marked.
 */
import type { CDPSession, Page } from 'puppeteer-core';
import { launchChromiumPlain, launchWithExtension } from '../../harness/browsers';
import { serveStatic } from '../../harness/server';
import { writeSoakPages } from '../pages';
import { fmt, median, percentile, type Row } from '../stats';

export const STORM_RATE = 10_000;
export const STORM_MS = 10_000;
/** Margins, stated: frame rate at least 90% of the page's own, input delay p95 within one frame. */
export const FPS_MARGIN = 0.9;
export const INPUT_MARGIN_MS = 16.7;
/** Heap after the storm (after GC) may exceed the heap before it by this much. */
export const HEAP_MARGIN_BYTES = 1 * 2 ** 20;
/** Time the extension gets to catch up once the storm ends. */
export const CATCH_UP_MS = 5000;

interface StormResult {
  fps: number;
  changes: number;
  workMs: number;
  inputDelays: number[];
}

async function heap(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

/** Runs the storm on `page` while pressing a key every 100 ms. */
async function storm(page: Page): Promise<StormResult> {
  const done = page.evaluate(
    (rate, ms) =>
      (
        window as unknown as {
          storm: {
            run(r: number, m: number): Promise<{ fps: number; changes: number; workMs: number }>;
          };
        }
      ).storm.run(rate, ms),
    STORM_RATE,
    STORM_MS,
  );
  let finished = false;
  void done.finally(() => (finished = true));
  while (!finished) {
    await page.keyboard.press('Shift');
    await new Promise((r) => setTimeout(r, 100));
  }
  const r = await done;
  const inputDelays = await page.evaluate(
    () => (window as unknown as { storm: { inputDelays: number[] } }).storm.inputDelays,
  );
  return { ...r, inputDelays };
}

/** Codes in the page's text that no registered highlight covers. */
function unmarked(page: Page): Promise<number> {
  return page.evaluate(() => {
    const highlights = (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> })
      .highlights;
    const marked = new Set<string>();
    const ids = new Map<Node, number>();
    const id = (n: Node) => ids.get(n) ?? (ids.set(n, ids.size), ids.size - 1);
    for (const [, h] of highlights)
      for (const r of h) marked.add(`${id(r.startContainer)}:${r.startOffset}`);
    const walker = document.createTreeWalker(document.querySelector('main')!, NodeFilter.SHOW_TEXT);
    let missing = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode())
      for (const m of (n as Text).data.matchAll(/D\d{4}/g))
        if (!marked.has(`${id(n)}:${m.index}`)) missing++;
    return missing;
  });
}

/** Runs the storm with and without the extension, `reps` times each, interleaved. */
export async function soakStorm(reps: number): Promise<Row[]> {
  const pages = writeSoakPages();
  const server = await serveStatic();
  const ext = await launchWithExtension('chromium');
  const plain = await launchChromiumPlain();
  const withUs: StormResult[] = [];
  const without: StormResult[] = [];
  const heaps: { before: number; after: number }[] = [];
  const catchUp: number[] = [];
  const missing: number[] = [];
  try {
    for (let r = 0; r < reps; r++) {
      const p = await plain.newPage();
      await p.goto(`${server.url}${pages.storm}`, { waitUntil: 'load' });
      await p.bringToFront();
      without.push(await storm(p));
      await p.close();

      const page = await ext.browser.newPage();
      const cdp = await page.createCDPSession();
      await page.goto(`${server.url}${pages.storm}`, { waitUntil: 'load' });
      await page.bringToFront();
      await page.waitForFunction(() => performance.getEntriesByName('cdt-lens:scan').length > 0);
      await new Promise((res) => setTimeout(res, 500));
      const before = await heap(cdp);
      withUs.push(await storm(page));
      const end = Date.now();
      let left = await unmarked(page);
      while (left > 0 && Date.now() - end < CATCH_UP_MS) {
        await new Promise((res) => setTimeout(res, 50));
        left = await unmarked(page);
      }
      catchUp.push(Date.now() - end);
      missing.push(left);
      await new Promise((res) => setTimeout(res, 500));
      heaps.push({ before, after: await heap(cdp) });
      await page.close();
    }
  } finally {
    await ext.close();
    await plain.close();
    await server.close();
  }
  const fps = median(withUs.map((x) => x.fps));
  const fps0 = median(without.map((x) => x.fps));
  const p95 = percentile(
    withUs.flatMap((x) => x.inputDelays),
    0.95,
  );
  const p950 = percentile(
    without.flatMap((x) => x.inputDelays),
    0.95,
  );
  const work = median(withUs.map((x) => x.workMs));
  const work0 = median(without.map((x) => x.workMs));
  const growth = Math.max(...heaps.map((h) => h.after - h.before));
  const label = `storm of ${STORM_RATE.toLocaleString('en')} changes/s for ${STORM_MS / 1000} s`;
  return [
    {
      benchmark: `${label}: page's frame rate`,
      median: `${fmt(fps)} fps`,
      spread: withUs.map((x) => fmt(x.fps)).join(', '),
      baseline: `without the extension: ${fmt(fps0)} fps`,
      ratio: +(fps / fps0).toFixed(2),
      target: `≥ ${FPS_MARGIN}× the page's own`,
      met: fps >= FPS_MARGIN * fps0 ? 'yes' : 'no',
    },
    {
      benchmark: `${label}: input delay p95 (key every 100 ms)`,
      median: fmt(p95, ' ms'),
      spread: `p50 ${fmt(
        percentile(
          withUs.flatMap((x) => x.inputDelays),
          0.5,
        ),
        ' ms',
      )}`,
      baseline: `without the extension: ${fmt(p950, ' ms')}`,
      ratio: fmt(p95 - p950, ' ms more'),
      target: `≤ the page's own + ${INPUT_MARGIN_MS} ms`,
      met: p95 <= p950 + INPUT_MARGIN_MS ? 'yes' : 'no',
    },
    {
      benchmark: `${label}: the page's own time in its change ticks`,
      median: fmt(work, ' ms'),
      spread: withUs.map((x) => fmt(x.workMs)).join(', '),
      baseline: `without the extension: ${fmt(work0, ' ms')}`,
      ratio: +(work / work0).toFixed(2),
      target: '≤ 1.05×',
      met: work <= 1.05 * work0 ? 'yes' : 'no',
    },
    {
      benchmark: `${label}: heap after the storm vs before (after GC)`,
      median: fmt(growth / 2 ** 20, ' MB'),
      spread: heaps.map((h) => fmt((h.after - h.before) / 2 ** 20)).join(', '),
      baseline: `before: ${fmt(median(heaps.map((h) => h.before)) / 2 ** 20, ' MB')}`,
      ratio: fmt(growth / HEAP_MARGIN_BYTES),
      target: `≤ +${HEAP_MARGIN_BYTES / 2 ** 20} MB`,
      met: growth <= HEAP_MARGIN_BYTES ? 'yes' : 'no',
    },
    {
      benchmark: `${label}: codes left unmarked after it`,
      median: `${Math.max(...missing)} unmarked`,
      spread: '',
      baseline: `caught up in ${fmt(median(catchUp), ' ms')}`,
      ratio: Math.max(...missing),
      target: `0 within ${CATCH_UP_MS / 1000} s`,
      met: Math.max(...missing) === 0 ? 'yes' : 'no',
    },
  ];
}

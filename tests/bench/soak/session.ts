/**
 * Long session (Chromium): 200 single-page-app navigations and 2,000 hovers on one tab. The JS heap
 * (page and content script share the renderer's isolate) and the event listeners on the window and
 * document must stay flat: compared at the 20th navigation and at the end.
 */
import type { CDPSession, Page } from 'puppeteer-core';
import { launchWithExtension, setStorage } from '../../harness/browsers';
import { serveStatic } from '../../harness/server';
import { writeSoakPages } from '../pages';
import { fmt, type Row } from '../stats';

export const NAVIGATIONS = 200;
export const HOVERS = 2000;
/** Every this many hovers waits for the card to open (the others sweep across codes). */
const CARD_EVERY = 10;
/** Dwell set for the session, so that 200 cards take seconds, not minutes. */
const DWELL_MS = 30;
/** A frame at 60 Hz, and some. */
const FRAME_MS = 20;
/** Growth allowed from the first checkpoint to the end, stated. */
export const HEAP_MARGIN_BYTES = 2 * 2 ** 20;

interface Checkpoint {
  navigation: number;
  heap: number;
  listeners: number;
  cardHosts: number;
  ranges: number;
}

async function checkpoint(
  page: Page,
  cdp: CDPSession,
  world: number,
  navigation: number,
): Promise<Checkpoint> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  let listeners = 0;
  for (const expression of ['window', 'document']) {
    const { result } = await cdp.send('Runtime.evaluate', { expression, contextId: world });
    const found = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId! });
    listeners += found.listeners.length;
  }
  const counts = await page.evaluate(() => ({
    cardHosts: document.querySelectorAll('cdt-lens-card').length,
    ranges: [
      ...(CSS as unknown as { highlights: Map<string, Set<unknown>> }).highlights.values(),
    ].reduce((n, h) => n + h.size, 0),
  }));
  return { navigation, heap: usedSize, listeners, ...counts };
}

/** Runs the session; returns report rows and the checkpoints. */
export async function soakSession(navigations = NAVIGATIONS, hoverCount = HOVERS): Promise<Row[]> {
  const pages = writeSoakPages();
  const server = await serveStatic();
  const b = await launchWithExtension('chromium');
  const points: Checkpoint[] = [];
  let cards = 0;
  let missedCards = 0;
  const missed: string[] = [];
  try {
    await setStorage(b, { hoverTrigger: { delayMs: DWELL_MS, modifier: 'none' } });
    const page = await b.browser.newPage();
    const cdp = await page.createCDPSession();
    // The content script's isolated world, where its listeners are registered.
    let world = 0;
    cdp.on('Runtime.executionContextCreated', ({ context }) => {
      const aux = context.auxData as { type?: string; isDefault?: boolean } | undefined;
      if (aux?.type === 'isolated' && context.name === 'CDT Lens') world = context.id;
    });
    await cdp.send('Runtime.enable');
    await page.goto(`${server.url}${pages.session}`, { waitUntil: 'load' });
    await page.waitForFunction(() => performance.getEntriesByName('cdt-lens:scan').length > 0);
    if (!world) throw new Error("The content script's isolated world was not found");
    await page.bringToFront();
    const perNavigation = hoverCount / navigations;
    let hovers = 0;
    for (let n = 1; n <= navigations; n++) {
      await page.evaluate(
        (i) => (window as unknown as { app: { go(n: number): void } }).app.go(i),
        n,
      );
      // The new batch's codes are marked (the mutation batcher waits ~80 ms).
      await page.waitForFunction(
        () => {
          const h = (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights;
          const want = document.querySelector('#claims td.code')?.firstChild;
          return [...(h.get('cdt-code') ?? [])].some((r) => r.startContainer === want);
        },
        { timeout: 10_000, polling: 20 },
      );
      const cells = await page.$$eval('#claims td.code', (tds) =>
        tds.map((td) => {
          const r = td.getBoundingClientRect();
          return { x: r.left + 12, y: r.top + r.height / 2, code: td.textContent ?? '' };
        }),
      );
      for (let k = 0; k < perNavigation; k++, hovers++) {
        const cell = cells[(k * 3 + n) % Math.min(cells.length, 20)]!;
        const wantCard = hovers % CARD_EVERY === CARD_EVERY - 1;
        if (wantCard) {
          // A card a sweep opened may cover the next cell, and the pointer in a card keeps it
          // open (WCAG 1.4.13): close it, and leave it for a frame (a dismissed code stays
          // closed until the pointer has left it).
          await page.keyboard.press('Escape');
          await page.mouse.move(600, 5);
          await new Promise((r) => setTimeout(r, FRAME_MS));
        }
        await page.mouse.move(cell.x, cell.y);
        if (wantCard) {
          const opened = await page
            .waitForFunction(
              (code) => {
                const host = document.querySelector('cdt-lens-card');
                return (
                  !!host?.matches(':popover-open') && !!host.shadowRoot?.textContent?.includes(code)
                );
              },
              { timeout: 5000, polling: 20 },
              cell.code,
            )
            .then(
              () => true,
              () => false,
            );
          if (opened) cards++;
          else {
            missedCards++;
            const state = await page.evaluate(() => {
              const host = document.querySelector('cdt-lens-card');
              return `${host?.matches(':popover-open') ? 'open' : 'closed'}: ${host?.shadowRoot?.textContent?.slice(0, 40) ?? 'no host'}`;
            });
            missed.push(`${cell.code} at navigation ${n}, hover ${hovers} (card ${state})`);
          }
          await page.keyboard.press('Escape');
        }
        // Off the code, for a frame: the hit test runs once per frame, on the last position.
        await page.mouse.move(600, 5);
        await new Promise((r) => setTimeout(r, FRAME_MS));
      }
      if (n === 20 || n === navigations / 2 || n === navigations)
        points.push(await checkpoint(page, cdp, world, n));
    }
    await page.close();
  } finally {
    await b.close();
    await server.close();
  }
  const first = points[0]!;
  const last = points.at(-1)!;
  const series = (f: (p: Checkpoint) => string) => points.map(f).join(' → ');
  const label = `long session: ${navigations} SPA navigations, ${hoverCount.toLocaleString('en')} hovers (${cards} cards)`;
  return [
    {
      benchmark: `${label}: JS heap after GC at navigations ${series((p) => String(p.navigation))}`,
      median: series((p) => fmt(p.heap / 2 ** 20, ' MB')),
      spread: '',
      baseline: `at navigation ${first.navigation}`,
      ratio: fmt((last.heap - first.heap) / 2 ** 20, ' MB'),
      target: `flat (≤ +${HEAP_MARGIN_BYTES / 2 ** 20} MB)`,
      met: last.heap - first.heap <= HEAP_MARGIN_BYTES ? 'yes' : 'no',
    },
    {
      benchmark: `${label}: event listeners on window and document (content script's world)`,
      median: series((p) => String(p.listeners)),
      spread: '',
      baseline: `at navigation ${first.navigation}`,
      ratio: last.listeners - first.listeners,
      target: 'flat (no more than at the start)',
      // None at all would mean the count reads the wrong world: a check that cannot fail.
      met: first.listeners > 0 && last.listeners <= first.listeners ? 'yes' : 'no',
    },
    {
      benchmark: `${label}: cards that did not open within 5 s`,
      median: `${missedCards} of ${cards + missedCards}`,
      spread: missed.slice(0, 2).join('; '),
      baseline: `dwell set to ${DWELL_MS} ms for the session`,
      ratio: missedCards,
      target: '0',
      met: missedCards === 0 ? 'yes' : 'no',
    },
    {
      benchmark: `${label}: card hosts and registered marks`,
      median: series((p) => `${p.cardHosts} host, ${p.ranges} marks`),
      spread: '',
      baseline: 'one host, the marks of one batch',
      ratio: last.cardHosts,
      target: '≤ 1 host, marks bounded',
      met: last.cardHosts <= 1 && last.ranges <= first.ranges * 2 ? 'yes' : 'no',
    },
  ];
}

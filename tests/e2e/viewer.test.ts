/**
 * The code-aware PDF viewer in both browsers, on PDFs generated with pdf-lib
 * (tests/fixtures/pdf/make-pdfs.ts): marks (a code split over two text runs and one glued to words
 * included), the hover card, the popup's list for the viewer tab, "Look up code", find, zoom, the
 * menu items, the takeover setting, and the messages for damaged, protected, image-only and huge
 * files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  BROWSERS,
  type ExtensionBrowser,
  inBackground,
  launchWithExtension,
  openExtensionPage,
  openPage,
  setStorage,
  tabIdOf,
} from '../harness/browsers';
import {
  collectErrors,
  collectRequests,
  highlightedTexts,
  waitForCard,
  waitForHighlights,
} from '../harness/page-helpers';
import { PAGES_DIR } from '../harness/server';
import {
  EOB_CODES,
  makeCorrupt,
  makeEncrypted,
  makeEob,
  makeFeeSchedule,
  makeScanned,
} from '../fixtures/pdf/make-pdfs';

const base = inject('baseUrl');
const GEN = join(PAGES_DIR, '.gen/pdf');
const pdfUrl = (file: string) => `${base}/.gen/pdf/${file}`;

/** Marks in the EOB: seven codes, D2740 as two parts ("D27" and "40"). */
const EOB_MARKS = Object.values(EOB_CODES).reduce((a, b) => a + b, 0) + 1;

type Hooks = {
  handleLookupClick(info: object, tab: object | undefined): Promise<string>;
  handleLookupCommand(command: string, tab: object | undefined): Promise<string>;
  handleViewerClick(info: object, tab: object | undefined): Promise<boolean>;
};

let fees: Awaited<ReturnType<typeof makeFeeSchedule>>;

beforeAll(async () => {
  mkdirSync(GEN, { recursive: true });
  writeFileSync(join(GEN, 'eob.pdf'), await makeEob());
  fees = await makeFeeSchedule(3);
  writeFileSync(join(GEN, 'fee-schedule.pdf'), fees.bytes);
  writeFileSync(join(GEN, 'scanned.pdf'), await makeScanned());
  writeFileSync(join(GEN, 'encrypted.pdf'), makeEncrypted());
  writeFileSync(join(GEN, 'corrupt.pdf'), makeCorrupt());
  writeFileSync(join(GEN, 'huge.pdf'), (await makeFeeSchedule(500)).bytes);
});

/** URLs of the browser's tabs, asked from the background. */
function tabUrls(b: ExtensionBrowser): Promise<string[]> {
  return inBackground(
    b,
    async () => {
      type Tabs = { tabs: { query(q: object): Promise<{ url?: string }[]> } };
      const g = globalThis as unknown as { browser?: Tabs; chrome?: Tabs };
      return (await (g.browser ?? g.chrome)!.tabs.query({})).map((t) => t.url ?? '');
    },
    undefined,
  );
}

/** Waits until some tab shows the viewer for `file`. */
async function viewerTabFor(b: ExtensionBrowser, file: string): Promise<string | undefined> {
  const want = `viewer.html?file=${encodeURIComponent(pdfUrl(file))}`;
  for (let i = 0; i < 50; i++) {
    const hit = (await tabUrls(b)).find((u) => u.includes(want));
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 100));
  }
  return undefined;
}

describe.each(BROWSERS)('%s: the PDF viewer', (name) => {
  let b: ExtensionBrowser;
  let links: Page;
  let linksTab: number;
  let linkRequests: string[];
  beforeAll(async () => {
    b = await launchWithExtension(name);
    links = await openPage(b, `${base}/pdf-links.html`);
    linkRequests = collectRequests(links);
    linksTab = await tabIdOf(b, links);
  });
  afterAll(async () => {
    await b?.close();
  });

  /** The viewer for a generated file, as the menu opens it (read through the linking page). */
  async function openViewer(file: string): Promise<Page> {
    const q = new URLSearchParams({ file: pdfUrl(file), tab: String(linksTab), frame: '0' });
    const page = await openExtensionPage(b, `/viewer.html?${q.toString()}`);
    await page.bringToFront();
    return page;
  }
  const viewerTabId = (page: Page) =>
    page.evaluate(async () => {
      type Tabs = { tabs: { getCurrent(): Promise<{ id?: number } | undefined> } };
      const g = globalThis as unknown as { browser?: Tabs; chrome?: Tabs };
      return (await (g.browser ?? g.chrome)!.tabs.getCurrent())?.id ?? -1;
    });

  let eob: Page;
  let eobErrors: string[];
  let eobRequests: string[];

  it('marks the codes of an EOB table, one split over two text runs and one glued to words', async () => {
    eob = await openViewer('eob.pdf');
    eobErrors = collectErrors(eob);
    eobRequests = collectRequests(eob);
    await waitForHighlights(eob, EOB_MARKS);
    const marks = (await highlightedTexts(eob)).sort();
    expect(marks).toEqual(
      ['40', 'D0120', 'D0274', 'D1110', 'D2391', 'D2391', 'D27', 'D4910'].sort(),
    );
    // The split is real: "D27" and "40" are two elements of the text layer.
    const split = await eob.$$eval('.textLayer span', (spans) =>
      spans.map((s) => s.textContent).filter((t) => t === 'D27' || t === '40'),
    );
    expect(split).toEqual(['D27', '40']);
  });

  it('shows the hover card for the second half of a split code', async () => {
    // The text layer's own "40" element (other runs contain "40" too, as in "38.40").
    const at = await eob.$$eval('.textLayer span', (spans) => {
      const r = spans.find((s) => s.textContent === '40')!.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    });
    await eob.mouse.move(2, 2);
    await eob.mouse.move(at.x, at.y, { steps: 3 });
    expect(await waitForCard(eob, 'not the official ADA descriptor')).toContain('D2740');
    await eob.keyboard.press('Escape');
  });

  it('lists the PDF’s codes in the popup’s "On this page" for the viewer tab', async () => {
    const tabId = await viewerTabId(eob);
    expect(tabId).toBeGreaterThan(0);
    const popup = await openExtensionPage(b, `/popup.html?tab=${tabId}`);
    await popup.click('#tab-page');
    await popup.waitForSelector('[aria-label="Codes on this page"] li', { timeout: 5000 });
    const rows = await popup.$$eval('[aria-label="Codes on this page"] li', (lis) =>
      lis.map((li) => {
        const code = li.querySelector('.cdt-link')?.textContent ?? '';
        const count = li.querySelector('.cdt-count')?.textContent ?? '';
        const pages = li.querySelector('.cdt-pages')?.textContent ?? '';
        return `${code} ${count} ${pages}`;
      }),
    );
    expect(rows.sort()).toEqual(
      Object.entries(EOB_CODES)
        .map(([code, n]) => `${code} ×${n} p. 1`)
        .sort(),
    );
    // No site switch for the viewer itself (it would name the extension's id).
    expect(await popup.$('.cdt-site')).toBeNull();
    // Choosing a code scrolls the viewer to it and flashes it.
    await popup.click('[aria-label="Show D4910 on the page"]');
    await eob.waitForFunction(
      () =>
        (CSS as unknown as { highlights: Map<string, Set<unknown>> }).highlights.get('cdt-flash')
          ?.size === 1,
      // Polled by timer: the viewer is a background tab now, and gets no animation frames.
      { timeout: 5000, polling: 50 },
    );
    await popup.close();
  });

  it('shows "Look up code" on a selection in the viewer as a card there', async () => {
    const tabId = await viewerTabId(eob);
    await eob.bringToFront();
    const how = await inBackground(
      b,
      (a: { tabId: number }) =>
        (globalThis as unknown as { cdtLens: Hooks }).cdtLens.handleLookupClick(
          { menuItemId: 'cdt-lookup', selectionText: 'D4910', frameId: 0, editable: false },
          { id: a.tabId, index: 0, highlighted: true, active: true, pinned: false },
        ),
      { tabId },
    );
    expect(how).toBe('card');
    expect(await waitForCard(eob, 'not the official ADA descriptor')).toContain('D4910');
    await eob.keyboard.press('Escape');
  });

  it('looks up the code selected in the text layer with the keyboard command', async () => {
    const tabId = await viewerTabId(eob);
    await eob.bringToFront();
    await eob.evaluate(() => {
      const span = [...document.querySelectorAll('.textLayer span')].find(
        (s) => s.textContent === 'D0274',
      )!;
      getSelection()!.selectAllChildren(span);
    });
    const how = await inBackground(
      b,
      (id: number) =>
        (globalThis as unknown as { cdtLens: Hooks }).cdtLens.handleLookupCommand(
          'lookup-selection',
          { id, index: 0, highlighted: true, active: true, pinned: false },
        ),
      tabId,
    );
    expect(how).toBe('card');
    expect(await waitForCard(eob, 'not the official ADA descriptor')).toContain('D0274');
    await eob.keyboard.press('Escape');
    await eob.evaluate(() => getSelection()!.removeAllRanges());
  });

  it('finds text with Ctrl+F, zooms, and makes no request but the file it was asked for', async () => {
    await eob.bringToFront();
    await eob.click('.pdf-pages');
    await eob.keyboard.down('Control');
    await eob.keyboard.press('f');
    await eob.keyboard.up('Control');
    expect(await eob.evaluate(() => document.activeElement?.className)).toBe('pdf-find');
    await eob.keyboard.type('crown service');
    await eob.keyboard.press('Enter');
    await eob.waitForFunction(
      () => document.querySelector('.pdf-found')?.textContent === '1 of 1',
      { timeout: 5000 },
    );
    const found = await eob.evaluate(() => {
      const h = (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights.get(
        'cdt-find',
      );
      return [...(h ?? [])].map((r) =>
        (r.startContainer as Text).data.slice(r.startOffset, r.endOffset),
      );
    });
    expect(found).toEqual(['Crown service']);

    const width = () => eob.$eval('.pdf-page', (el) => el.getBoundingClientRect().width);
    const before = await width();
    await eob.click('[aria-label="Zoom in"]');
    expect(await width()).toBeGreaterThan(before * 1.1);
    // Marks survive the zoom: the text layer is scaled, not rebuilt.
    await waitForHighlights(eob, EOB_MARKS);

    expect(eobErrors, eobErrors.join('\n')).toEqual([]);
    // The viewer loads only its own files; the file itself came through the linking page.
    expect(eobRequests.filter((u) => !u.startsWith(b.origin))).toEqual([]);
    // The linking page asked its own server only; Chromium reports the content script's fetch
    // of the file as the page's request (Firefox does not report content-script requests).
    expect(linkRequests.filter((u) => !u.startsWith(base))).toEqual([]);
    if (name === 'chromium') expect(linkRequests).toContain(pdfUrl('eob.pdf'));
    await eob.close();
  });

  it('marks every page of a multi-page fee schedule', async () => {
    const page = await openViewer('fee-schedule.pdf');
    await page.waitForSelector('.pdf-of');
    expect(await page.$eval('.pdf-of', (el) => el.textContent)).toBe('of 3');
    // All three text layers are built and scanned; marks are registered as pages come into view.
    await page.waitForFunction(() => document.querySelectorAll('.textLayer').length === 3, {
      timeout: 10_000,
    });
    await page.evaluate(() => {
      const pages = document.querySelector('.pdf-pages')!;
      pages.scrollTop = pages.scrollHeight;
    });
    await page.waitForFunction(
      () =>
        [...(CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights.values()]
          .flatMap((h) => [...h])
          .some((r) => r.startContainer.parentElement?.closest('[data-page="3"]')),
      { timeout: 10_000 },
    );
    // The page number follows the scroll on the viewer's own schedule; marks can be registered
    // first (the first answers for a text layer come a frame after it is scanned).
    await page.waitForFunction(
      () => (document.querySelector('.pdf-page-input') as HTMLInputElement).value === '3',
      { timeout: 5000 },
    );

    // The popup lists the codes with the pages they are on.
    const popup = await openExtensionPage(b, `/popup.html?tab=${await viewerTabId(page)}`);
    await popup.click('#tab-page');
    await popup.waitForSelector('[aria-label="Codes on this page"] li', { timeout: 5000 });
    const pagesOf = (code: string) =>
      popup.$$eval(
        '[aria-label="Codes on this page"] li',
        (lis, c) =>
          lis
            .find((li) => li.querySelector('.cdt-link')?.textContent === c)
            ?.querySelector('.cdt-pages')?.textContent,
        code,
      );
    expect(await popup.$$eval('[aria-label="Codes on this page"] li', (lis) => lis.length)).toBe(
      new Set(fees.codes).size,
    );
    expect(await pagesOf(fees.codes[0]!)).toBe('p. 1');
    expect(await pagesOf(fees.codes[100]!)).toBe('p. 3');
    await popup.close();
    await page.close();
  });

  it.each([
    ['scanned.pdf', '.pdf-notice', 'this PDF has no text to read'],
    ['encrypted.pdf', '.pdf-error', 'protected with a password'],
    ['corrupt.pdf', '.pdf-error', 'damaged or is not a PDF'],
  ])('says so clearly for %s and stays usable', async (file, selector, message) => {
    const page = await openViewer(file);
    const errors = collectErrors(page);
    const handle = await page.waitForFunction(
      (sel) => document.querySelector(sel)?.textContent ?? false,
      { timeout: 10_000 },
      selector,
    );
    expect(((await handle.jsonValue()) as string).toLowerCase()).toContain(message.toLowerCase());
    // Still usable: another file opens from the picker.
    const input = await page.$('input[type=file]');
    await input!.uploadFile(join(GEN, 'eob.pdf'));
    await waitForHighlights(page, EOB_MARKS);
    expect(errors.filter((e) => !/password|invalid pdf/i.test(e))).toEqual([]);
    await page.close();
  });

  it('opens a file dropped on the viewer', async () => {
    const page = await openExtensionPage(b, '/viewer.html');
    await page.bringToFront();
    expect(await page.$eval('.pdf-message', (el) => el.textContent)).toContain('drop it here');
    const bytes = [...(await makeEob())];
    await page.evaluate((data) => {
      const dt = new DataTransfer();
      dt.items.add(
        new File([new Uint8Array(data)], 'dropped-eob.pdf', { type: 'application/pdf' }),
      );
      const target = document.querySelector('.pdf-pages')!;
      target.dispatchEvent(
        new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }),
      );
      target.dispatchEvent(
        new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }),
      );
    }, bytes);
    await waitForHighlights(page, EOB_MARKS);
    // Download hands back the original file under its own name.
    expect(await page.$eval('a[download]', (a) => a.getAttribute('download'))).toBe(
      'dropped-eob.pdf',
    );
    await page.close();
  });

  it('opens a 500-page file at once, stays responsive, and draws pages only near the view', async () => {
    const page = await openViewer('huge.pdf');
    await page.waitForFunction(() => document.querySelector('.pdf-of')?.textContent === 'of 500', {
      timeout: 15_000,
    });
    await waitForHighlights(page, 1);
    // While the text of the other pages is read, the page answers within a frame or two.
    const lag: number[] = [];
    for (let i = 0; i < 10; i++) {
      lag.push(
        await page.evaluate(
          () =>
            new Promise<number>((resolve) => {
              const t = performance.now();
              setTimeout(() => resolve(performance.now() - t), 0);
            }),
        ),
      );
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(Math.max(...lag)).toBeLessThan(200);
    await page.$eval('.pdf-page-input', (el) => {
      const input = el as HTMLInputElement;
      input.value = '400';
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await page.waitForFunction(() => document.querySelector('[data-page="400"] canvas') !== null, {
      timeout: 15_000,
    });
    await page.waitForFunction(
      () => document.querySelector('[data-page="400"] .textLayer span') !== null,
      { timeout: 15_000 },
    );
    expect(await page.$$eval('.pdf-page canvas', (c) => c.length)).toBeLessThan(12);
    await page.close();
  });

  it('opens PDF links and PDF tabs from the menu items', async () => {
    const created = await inBackground(
      b,
      async (a: { tabId: number; url: string }) => {
        type Menus = { contextMenus: { update(id: string, p: object): Promise<void> } };
        const g = globalThis as unknown as { cdtLens: Hooks; browser?: Menus; chrome?: Menus };
        const menus = (g.browser ?? g.chrome)!.contextMenus;
        const exists = (id: string) =>
          menus.update(id, {}).then(
            () => true,
            () => false,
          );
        return {
          link: await exists('cdt-viewer-link'),
          page: await exists('cdt-viewer-page'),
          opened: await g.cdtLens.handleViewerClick(
            { menuItemId: 'cdt-viewer-link', linkUrl: a.url, frameId: 0, editable: false },
            { id: a.tabId, index: 0, highlighted: true, active: true, pinned: false },
          ),
        };
      },
      { tabId: linksTab, url: pdfUrl('fee-schedule.pdf') },
    );
    expect(created).toEqual({ link: true, page: true, opened: true });
    expect(await viewerTabFor(b, 'fee-schedule.pdf')).toContain(`&tab=${linksTab}`);
  });

  it('takes over PDF links only when the setting is on', async () => {
    await links.bringToFront();
    // Off by default: the click is the browser's (it navigates); no viewer opens. A page of its
    // own, closed after: going back from the browser's PDF viewer is slow in headless Chromium.
    const viewers = async () =>
      (await tabUrls(b)).filter((u) => u.includes('viewer.html?file=')).length;
    const before = await viewers();
    const other = await openPage(b, `${base}/pdf-links.html`);
    await Promise.all([
      other.waitForNavigation({ timeout: 10_000 }).catch(() => undefined),
      other.click('#fees'),
    ]);
    await new Promise((r) => setTimeout(r, 500));
    expect(await viewers()).toBe(before);
    expect(other.url()).toBe(pdfUrl('fee-schedule.pdf'));
    await other.close();
    await links.bringToFront();

    await setStorage(b, { pdfTakeover: true });
    await new Promise((r) => setTimeout(r, 300));
    await links.click('#eob');
    expect(await viewerTabFor(b, 'eob.pdf')).toBeDefined();
    // The linking page stayed where it was.
    expect(links.url()).toBe(`${base}/pdf-links.html`);

    // A file the viewer cannot read (here the server answers 404): the viewer hands it on to
    // the browser instead of leaving the user with an error. Without the "tabs" permission the
    // extension cannot see a web page's address: the new tab is seen to have left the viewer.
    const viewerOf = `viewer.html?file=${encodeURIComponent(pdfUrl('missing.pdf'))}`;
    const tabsBefore = (await tabUrls(b)).length;
    // The viewer opened in front: a background tab gets no frames, and clicks wait for them.
    await links.bringToFront();
    await links.click('#missing');
    for (let i = 0; i < 50 && (await tabUrls(b)).length <= tabsBefore; i++)
      await new Promise((r) => setTimeout(r, 100));
    // Time enough for the viewer to show its error, had it stayed.
    await new Promise((r) => setTimeout(r, 2000));
    const urls = await tabUrls(b);
    expect(urls).toHaveLength(tabsBefore + 1);
    expect(urls.filter((u) => u.includes(viewerOf))).toEqual([]);
    await setStorage(b, { pdfTakeover: false });
  });

  it('has an "Open a PDF…" entry in the popup', async () => {
    const popup = await openExtensionPage(b, '/popup.html');
    const href = await popup.$eval('a.cdt-open-pdf', (a) => a.href);
    expect(href).toBe(`${b.origin}/viewer.html`);
    await popup.close();
  });
});

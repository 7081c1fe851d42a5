import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import {
  BROWSERS,
  type ExtensionBrowser,
  inBackground,
  openExtensionPage,
  openMarkedTab,
  openRestrictedTab,
  setStorage,
} from '../harness/browsers';
import {
  axeViolations,
  highlightedTexts,
  hoverText,
  waitForCard,
  waitForHighlights,
} from '../harness/page-helpers';

const base = inject('baseUrl');
const CLAIMS_CODES = [
  'D0120',
  'D0274',
  'D1110',
  'D1352',
  'D2392',
  'D2740',
  'D4341',
  'D4342',
  'D4910',
];

/** Texts of the "On this page" rows' code buttons, in order. */
const rowCodes = (popup: Page) =>
  popup.$$eval('[aria-label="Codes on this page"] li .cdt-link', (els) =>
    els.map((e) => e.textContent ?? ''),
  );

describe.each(BROWSERS)('%s: the popup', (name) => {
  let b: ExtensionBrowser;
  let page: Page;
  let tabId: number;
  beforeAll(async () => {
    ({ b, page, tabId } = await openMarkedTab(name, `${base}/claims.html`, 6));
  });
  afterAll(async () => {
    await b?.close();
  });

  /** The popup for the claims tab, on its "On this page" tab. */
  async function pagePanel(): Promise<Page> {
    const popup = await openExtensionPage(b, `/popup.html?tab=${tabId}`);
    await popup.click('#tab-page');
    await popup.waitForSelector('[aria-label="Codes on this page"] li, .cdt-empty');
    return popup;
  }

  it('lists every code of the page with counts, deleted codes first', async () => {
    const popup = await pagePanel();
    const codes = await rowCodes(popup);
    expect(codes[0]).toBe('D1352');
    expect([...codes].sort()).toEqual(CLAIMS_CODES);
    const first = await popup.$eval(
      '[aria-label="Codes on this page"] li',
      (li) => li.textContent ?? '',
    );
    expect(first).toContain('Deleted');
    await popup.close();
  });

  /** The toolbar badge's text for the claims tab. */
  const badgeText = () =>
    inBackground(
      b,
      (id: number) => {
        type Action = { getBadgeText(d: { tabId: number }): Promise<string> };
        const g = globalThis as unknown as {
          browser?: { action?: Action; browserAction?: Action };
          chrome?: { action: Action };
        };
        const action = g.browser?.action ?? g.browser?.browserAction ?? g.chrome!.action;
        return action.getBadgeText({ tabId: id });
      },
      tabId,
    );

  it('shows the count on the toolbar badge, and not once the badge setting is off', async () => {
    expect(await badgeText()).toBe(String(CLAIMS_CODES.length));
    await setStorage(b, { badge: false });
    await vi.waitFor(async () => expect(await badgeText()).toBe(''), { timeout: 5000 });
    await setStorage(b, { badge: true });
    await vi.waitFor(async () => expect(await badgeText()).toBe(String(CLAIMS_CODES.length)), {
      timeout: 5000,
    });
  });

  it('scrolls the page to a chosen code and flashes it', async () => {
    const popup = await pagePanel();
    await popup.click('[aria-label="Show D4910 on the page"]');
    await page.waitForFunction(
      () =>
        ((CSS as unknown as { highlights: Map<string, Set<unknown>> }).highlights.get('cdt-flash')
          ?.size ?? 0) === 1,
      { timeout: 5000, polling: 50 },
    );
    expect(await highlightedTexts(page, 'cdt-flash')).toEqual(['D4910']);
    await popup.close();
  });

  it('switches the site off and on from the popup', async () => {
    const popup = await pagePanel();
    await popup.waitForSelector('.cdt-site input');
    expect(await popup.$eval('.cdt-site', (l) => l.textContent ?? '')).toContain('127.0.0.1');
    await popup.click('.cdt-site input');
    await page.waitForFunction(
      () => !(CSS as unknown as { highlights: Map<string, unknown> }).highlights.has('cdt-code'),
      { timeout: 5000, polling: 50 },
    );
    await popup.click('.cdt-site input');
    // The real popup floats over a visible page; here the page is a background tab until raised.
    await page.bringToFront();
    await waitForHighlights(page, 6);
    await popup.close();
    await setStorage(b, {});
  });

  it('says plainly when it cannot read the page', async () => {
    const { page: other, tabId: otherId } = await openRestrictedTab(b);
    const popup = await openExtensionPage(b, `/popup.html?tab=${otherId}`);
    await popup.click('#tab-page');
    await popup.waitForSelector('.cdt-empty');
    expect(await popup.$eval('.cdt-empty', (e) => e.textContent ?? '')).toContain(
      'cannot read this page',
    );
    await popup.close();
    await other.close();
  });

  it('works from the keyboard alone: type, arrows, Enter, Escape', async () => {
    const popup = await openExtensionPage(b, '/popup.html');
    await popup.waitForFunction(() => document.activeElement?.getAttribute('type') === 'search');
    await popup.keyboard.type('crown');
    await popup.waitForSelector('[role=option]');
    const second = await popup.$$eval('[role=option]', (els) => els[1]?.id.replace('hit-', ''));
    await popup.keyboard.press('ArrowDown');
    expect(await popup.$eval('[role=option][aria-selected=true]', (e) => e.id)).toBe(
      `hit-${second}`,
    );
    await popup.keyboard.press('Enter');
    await popup.waitForFunction(
      (code: string) => document.querySelector('.cdt-code')?.textContent === code,
      { timeout: 5000, polling: 50 },
      second!,
    );
    await popup.keyboard.press('Escape');
    await popup.waitForSelector('input[type=search]');
    expect(await popup.$eval('input[type=search]', (i) => i.value)).toBe('crown');
    await popup.close();
  });

  it('browses the twelve categories down to the card of a code', async () => {
    const popup = await openExtensionPage(b, '/popup.html');
    await popup.click('#tab-browse');
    await popup.waitForSelector('[aria-label=Categories] button');
    expect(await popup.$$eval('[aria-label=Categories] button', (els) => els.length)).toBe(12);
    await popup.click('[aria-label=Categories] li:nth-child(2) button');
    await popup.waitForSelector('details summary');
    await popup.click('details summary');
    const first = await popup.$eval('details .cdt-link', (e) => e.textContent ?? '');
    expect(first).toMatch(/^D1\d{3}$/);
    await popup.click('details .cdt-link');
    await popup.waitForFunction(
      (code: string) => document.querySelector('.cdt-code')?.textContent === code,
      { timeout: 5000, polling: 50 },
      first,
    );
    await popup.close();
  });

  it('shows recent lookups in the empty search box, and clears them', async () => {
    await hoverText(page, 'D4342');
    await waitForCard(page, 'not the official ADA descriptor');
    await page.keyboard.press('Escape');
    const popup = await openExtensionPage(b, '/popup.html');
    await popup.waitForSelector('[role=option]');
    expect(await popup.$eval('.cdt-search', (e) => e.textContent ?? '')).toContain(
      'Recent lookups',
    );
    expect(await popup.$eval('[role=option]', (e) => e.id)).toBe('hit-D4342');
    await popup.click('.cdt-search .cdt-toolbar .cdt-tool');
    await popup.waitForFunction(() => document.querySelectorAll('[role=option]').length === 0);
    await popup.close();
  });

  it('copies the code with Alt+C and the page list as a table', async () => {
    const popup = await openExtensionPage(b, `/popup.html?tab=${tabId}`);
    // Record what is copied: the clipboard itself is not readable from a headless test.
    await popup.evaluate(() => {
      const copied: string[] = [];
      Object.assign(window, { copied });
      navigator.clipboard.writeText = (text: string) => {
        copied.push(text);
        return Promise.resolve();
      };
    });
    const copied = () => popup.evaluate(() => (window as unknown as { copied: string[] }).copied);
    await popup.keyboard.type('porcelain crown');
    await popup.waitForSelector('[role=option]');
    const first = await popup.$eval('[role=option]', (e) => e.id.replace('hit-', ''));
    await popup.keyboard.down('Alt');
    await popup.keyboard.press('KeyC');
    await popup.keyboard.up('Alt');
    await popup.waitForFunction(
      () => (window as unknown as { copied: string[] }).copied.length === 1,
    );
    expect(await copied()).toEqual([first]);
    await popup.click('#tab-page');
    await popup.waitForSelector('[aria-label="Codes on this page"] li');
    await popup.evaluate(() =>
      [...document.querySelectorAll('button')]
        .find((x) => x.textContent === 'Copy as table')!
        .click(),
    );
    await popup.waitForFunction(
      () => (window as unknown as { copied: string[] }).copied.length === 2,
    );
    const table = (await copied())[1]!.split('\n');
    expect(table[0]).toBe('Code\tSummary\tCount\tStatus');
    expect(table[1]).toMatch(/^D1352\t.+\t1\tdeleted$/);
    expect(table.length).toBe(CLAIMS_CODES.length + 1);
    await popup.close();
  });

  it('opens the options page from its Settings link', async () => {
    const popup = await openExtensionPage(b, `/popup.html?tab=${tabId}`);
    const url = `${b.origin}/options.html`;
    await popup.click('.cdt-options-link');
    // Firefox does not report navigations of moz-extension:// tabs: ask each tab where it is.
    let options: Page | undefined;
    for (const deadline = Date.now() + 10_000; !options && Date.now() < deadline;) {
      for (const p of await b.browser.pages())
        if ((await p.evaluate(() => location.href).catch(() => '')) === url) options = p;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(options).toBeDefined();
    expect(await options!.$eval('h1', (h) => h.textContent)).toBe('CDT Lens settings');
    await options!.close();
    if (!popup.isClosed()) await popup.close();
  });

  it('has no accessibility violations', async () => {
    const popup = await openExtensionPage(b, `/popup.html?tab=${tabId}&q=crown`);
    await popup.waitForSelector('[role=option]');
    expect(await axeViolations(popup, '')).toEqual([]);
    await popup.click('#tab-page');
    await popup.waitForSelector('[aria-label="Codes on this page"] li');
    expect(await axeViolations(popup, '')).toEqual([]);
    await popup.click('#tab-browse');
    await popup.waitForSelector('[aria-label=Categories] button');
    expect(await axeViolations(popup, '')).toEqual([]);
    await popup.close();
  });

  it('drops a code from the list and the badge when the page removes its row, and lists it back', async () => {
    type Kept = { kept?: [Element, Element | null, Element] };
    // Only a removal: no text is added or changed, so nothing is rescanned.
    await page.evaluate(() => {
      const cell = [...document.querySelectorAll('td')].find((td) => td.textContent === 'D2740');
      const row = cell!.parentElement!;
      (globalThis as Kept).kept = [row, row.nextElementSibling, row.parentElement!];
      row.remove();
    });
    const left = CLAIMS_CODES.filter((c) => c !== 'D2740');
    await vi.waitFor(async () => expect(await badgeText()).toBe(String(left.length)), {
      timeout: 5000,
    });
    let popup = await pagePanel();
    expect((await rowCodes(popup)).sort()).toEqual(left);
    await popup.close();
    await page.evaluate(() => {
      const [row, next, body] = (globalThis as Kept).kept!;
      body.insertBefore(row, next);
    });
    await vi.waitFor(async () => expect(await badgeText()).toBe(String(CLAIMS_CODES.length)), {
      timeout: 5000,
    });
    popup = await pagePanel();
    expect((await rowCodes(popup)).sort()).toEqual(CLAIMS_CODES);
    await popup.close();
  });

  // Last: puppeteer does not see the restarted worker as a target, so inBackground cannot follow.
  it.runIf(name === 'chromium')(
    'lists the page again after the service worker was stopped (the tab reports anew)',
    async () => {
      const session = await page.createCDPSession();
      const stopped = new Promise<void>((resolve) =>
        session.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
          if (versions.some((v) => v.runningStatus === 'stopped')) resolve();
        }),
      );
      await session.send('ServiceWorker.enable');
      await session.send('ServiceWorker.stopAllWorkers');
      await stopped;
      await session.detach();
      const popup = await pagePanel();
      expect((await rowCodes(popup)).sort()).toEqual([...CLAIMS_CODES].sort());
      await popup.close();
    },
  );
});

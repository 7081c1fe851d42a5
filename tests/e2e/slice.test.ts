import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  BROWSERS,
  type ExtensionBrowser,
  launchWithExtension,
  openExtensionPage,
  openPage,
} from '../harness/browsers';
import {
  cardText,
  collectErrors,
  collectRequests,
  highlightedTexts,
  hoverText,
  waitForCard,
  waitForHighlights,
} from '../harness/page-helpers';

const base = inject('baseUrl');

describe.each(BROWSERS)('%s: the thin slice through every entrypoint', (name) => {
  let b: ExtensionBrowser;
  beforeAll(async () => {
    b = await launchWithExtension(name);
  });
  afterAll(async () => {
    await b?.close();
  });

  it('marks the codes of a claims page and shows a card on hover', async () => {
    const page = await b.browser.newPage();
    const requests = collectRequests(page);
    const errors = collectErrors(page);
    await page.goto(`${base}/claims.html`, { waitUntil: 'load' });
    await waitForHighlights(page, 6);
    const marked = await highlightedTexts(page);
    expect(marked).toEqual(
      expect.arrayContaining([
        'D0120',
        'D0274',
        'D1110',
        'D2392',
        'D2740',
        'D4341',
        'D4342',
        'D4910',
      ]),
    );
    expect(await highlightedTexts(page, 'cdt-code-deleted')).toEqual(['D1352']);
    expect(await cardText(page)).toBeNull();
    await hoverText(page, 'D2740');
    const text = await waitForCard(page, 'not the official ADA descriptor');
    expect(text).toContain('D2740');
    expect(text).toMatch(/crown/i);
    await page.keyboard.press('Escape');
    await page.waitForFunction(
      () => !document.querySelector('cdt-lens-card')?.matches(':popover-open'),
    );
    expect(errors).toEqual([]);
    // Only the fixture page and its stylesheet: the extension itself asks for nothing.
    // The card's UI is a file of the extension (loaded from the package, not the network).
    // With use_dynamic_url, Chromium logs the script under its per-session id and its fixed one.
    const cardUi = /^(chrome|moz)-extension:\/\/[^/]+\/card-ui\.js$/;
    expect(requests.filter((u) => !u.startsWith(base) && !cardUi.test(u))).toEqual([]);
    await page.close();
  });

  it('warns on a deleted code and names its replacement', async () => {
    const page = await openPage(b, `${base}/claims.html`);
    await waitForHighlights(page, 1, 'cdt-code-deleted');
    await hoverText(page, 'D1352');
    const text = await waitForCard(page, 'Deleted');
    expect(text).toContain('D2391');
    await page.close();
  });

  it('opens the popup page and finds codes by code and by everyday words', async () => {
    const page = await openExtensionPage(b, '/popup.html');
    await page.waitForSelector('input[type=search]');
    await page.type('input[type=search]', 'crown');
    await page.waitForFunction(() => document.querySelectorAll('[role=option]').length > 0);
    const results = await page.$$eval('[role=option]', (els) =>
      els.map((e) => e.textContent ?? ''),
    );
    expect(results.some((r) => r.startsWith('D2740'))).toBe(true);
    await page.close();
  });
});

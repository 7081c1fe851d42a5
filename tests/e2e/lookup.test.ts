import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  BROWSERS,
  type ExtensionBrowser,
  frameIdOf,
  inBackground,
  openMarkedTab,
  openPage,
  openRestrictedTab,
  setStorage,
  tabIdOf,
} from '../harness/browsers';
import { cardText, hoverText, waitForCard, waitForHighlights } from '../harness/page-helpers';

const base = inject('baseUrl');

type Hooks = {
  handleLookupClick(info: object, tab: object | undefined): Promise<string>;
  handleLookupCommand(command: string, tab: object | undefined): Promise<string>;
  syncLookupMenu(enabled?: boolean): Promise<void>;
};

/** Drives the menu's click handler in the background with realistic `info` and `tab` values. */
function click(b: ExtensionBrowser, tabId: number, selectionText: string, extra: object = {}) {
  return inBackground(
    b,
    (a: { tabId: number; selectionText: string; extra: object }) =>
      (globalThis as unknown as { cdtLens: Hooks }).cdtLens.handleLookupClick(
        {
          menuItemId: 'cdt-lookup',
          selectionText: a.selectionText,
          frameId: 0,
          editable: false,
          pageUrl: '',
          ...a.extra,
        },
        { id: a.tabId, index: 0, highlighted: true, active: true, pinned: false, incognito: false },
      ),
    { tabId, selectionText, extra },
  );
}

/** Drives the keyboard command's handler the same way. */
function command(b: ExtensionBrowser, tabId: number) {
  return inBackground(
    b,
    (id: number) =>
      (globalThis as unknown as { cdtLens: Hooks }).cdtLens.handleLookupCommand(
        'lookup-selection',
        {
          id,
          index: 0,
          highlighted: true,
          active: true,
          pinned: false,
          incognito: false,
        },
      ),
    tabId,
  );
}

/**
 * True once the search shows up for `query`: the extension page `popup.html?q=…` in a tab, or the
 * popup itself. Tabs are asked from the background (Firefox does not report extension pages as
 * WebDriver targets); the popup is a target in Chromium, and in Firefox `openPopup` resolving is
 * the browser's own word that it opened.
 */
/** Where keyboard focus is: `tag#id`, or the card host and the element focused inside it. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (el?.localName !== 'cdt-lens-card')
      return el ? `${el.localName}${el.id ? `#${el.id}` : ''}` : '';
    const inner = el.shadowRoot?.activeElement;
    if (!inner) return 'cdt-lens-card';
    const role = inner.getAttribute('role');
    const label = inner.getAttribute('aria-label');
    return `cdt-lens-card > ${inner.localName}${role ? `[role=${role}]` : label ? `[aria-label="${label}"]` : ''}`;
  });
}

async function searchOpened(b: ExtensionBrowser, how: string, query: string): Promise<boolean> {
  if (how === 'popup' && b.name === 'firefox') return true;
  if (how === 'popup')
    return b.browser
      .waitForTarget((t) => t.url().endsWith('/popup.html'), { timeout: 5000 })
      .then(
        () => true,
        () => false,
      );
  return inBackground(
    b,
    async (a: { want: string }) => {
      type Tabs = { tabs: { query(q: object): Promise<{ url?: string }[]> } };
      const g = globalThis as unknown as { browser?: Tabs; chrome?: Tabs };
      for (let i = 0; i < 50; i++) {
        const tabs = await (g.browser ?? g.chrome)!.tabs.query({});
        if (tabs.some((t) => t.url?.endsWith(a.want))) return true;
        await new Promise((r) => setTimeout(r, 100));
      }
      return false;
    },
    { want: `/popup.html?q=${encodeURIComponent(query)}` },
  );
}

describe.each(BROWSERS)('%s: "Look up code" and the keyboard shortcut', (name) => {
  let b: ExtensionBrowser;
  let page: Page;
  let tabId: number;
  beforeAll(async () => {
    ({ b, page, tabId } = await openMarkedTab(name, `${base}/claims.html`, 6));
  });
  afterAll(async () => {
    await b?.close();
  });

  const closeCard = () => page.keyboard.press('Escape');

  it('creates the menu idempotently and removes it while switched off', async () => {
    const state = await inBackground(
      b,
      async () => {
        type Menus = { contextMenus: { update(id: string, p: object): Promise<void> } };
        const g = globalThis as unknown as { cdtLens: Hooks; browser?: Menus; chrome?: Menus };
        const menus = (g.browser ?? g.chrome)!.contextMenus;
        const exists = () =>
          menus.update('cdt-lookup', {}).then(
            () => true,
            () => false,
          );
        const errors: string[] = [];
        for (let i = 0; i < 3; i++)
          await g.cdtLens.syncLookupMenu(true).catch((e: unknown) => errors.push(String(e)));
        const afterCreate = await exists();
        await g.cdtLens.syncLookupMenu(false);
        const afterOff = await exists();
        await g.cdtLens.syncLookupMenu(true);
        return { errors, afterCreate, afterOff, afterOn: await exists() };
      },
      undefined,
    );
    expect(state).toEqual({ errors: [], afterCreate: true, afterOff: false, afterOn: true });
  });

  // First of the tests that open the search: later ones leave a popup open.
  it('opens the search for similar codes from a hover card', async () => {
    await page.bringToFront();
    await hoverText(page, 'D2740');
    await waitForCard(page, 'not the official ADA descriptor');
    const subcategory = await page.evaluate(
      () =>
        document.querySelector('cdt-lens-card')!.shadowRoot!.querySelector('.cdt-category')!
          .textContent,
    );
    await page.evaluate(() =>
      [...document.querySelector('cdt-lens-card')!.shadowRoot!.querySelectorAll('button')]
        .find((x) => x.textContent === 'Search similar')!
        .click(),
    );
    if (name === 'chromium') {
      // The real popup opens, with the subcategory's words searched.
      const target = await b.browser.waitForTarget((t) => t.url().endsWith('/popup.html'), {
        timeout: 5000,
      });
      const popup = await target.asPage();
      await popup.waitForSelector('[role=option]');
      const value = await popup.$eval('input[type=search]', (i) => i.value);
      expect(subcategory).toContain(value);
      expect(await popup.$$eval('[role=option]', (els) => els.map((e) => e.id))).toContain(
        'hit-D2740',
      );
    } else {
      // Firefox's popup is no WebDriver target: read it from the background page's views.
      const value = await inBackground(
        b,
        async () => {
          type Views = { extension: { getViews(q: object): Window[] } };
          const ext = (globalThis as unknown as { browser: Views }).browser.extension;
          for (let i = 0; i < 50; i++) {
            const input = ext
              .getViews({ type: 'popup' })[0]
              ?.document.querySelector('input[type=search]');
            if (input) return (input as HTMLInputElement).value;
            await new Promise((r) => setTimeout(r, 100));
          }
          return null;
        },
        undefined,
      );
      expect(value?.length).toBeGreaterThan(3);
      expect(subcategory).toContain(value);
    }
    await page.keyboard.press('Escape');
  });

  it('shows the card of a selected code at the selection', async () => {
    await page.evaluate(() => {
      const cell = [...document.querySelectorAll('td')].find((td) => td.textContent === 'D2392')!;
      getSelection()!.selectAllChildren(cell);
    });
    expect(await click(b, tabId, 'D2392')).toBe('card');
    expect(await waitForCard(page, 'not the official ADA descriptor')).toContain('D2392');
    await closeCard();
  });

  it('lists several selected codes, each opening its card', async () => {
    expect(await click(b, tabId, 'D0120 D0274 and D1110 billed')).toBe('card');
    await waitForCard(page, 'not the official ADA descriptor');
    const codes = await page.evaluate(() =>
      [
        ...document
          .querySelector('cdt-lens-card')!
          .shadowRoot!.querySelectorAll('.cdt-codes button'),
      ].map((x) => x.textContent),
    );
    expect(codes).toEqual(['D0120', 'D0274', 'D1110']);
    await page.evaluate(() =>
      (
        document
          .querySelector('cdt-lens-card')!
          .shadowRoot!.querySelectorAll('.cdt-codes button')[2] as HTMLElement
      ).click(),
    );
    await page.waitForFunction(
      () =>
        document.querySelector('cdt-lens-card')!.shadowRoot!.querySelector('.cdt-code')
          ?.textContent === 'D1110',
      { timeout: 5000, polling: 50 },
    );
    await closeCard();
  });

  it('searches the words of a selection without a code', async () => {
    expect(await click(b, tabId, 'porcelain crown')).toBe('card');
    const text = await waitForCard(page, 'No CDT code in the selection');
    await page.waitForFunction(
      () =>
        (document.querySelector('cdt-lens-card')!.shadowRoot!.querySelectorAll('[role=option]')
          .length ?? 0) > 0,
      { timeout: 5000, polling: 50 },
    );
    expect(text).toContain('No CDT code');
    expect(await cardText(page)).toContain('D2740');
    await closeCard();
  });

  it('says so when nothing is recognisable, with the search box filled in', async () => {
    expect(await click(b, tabId, 'qwxzv')).toBe('card');
    await waitForCard(page, 'No codes match');
    const value = await page.evaluate(
      () =>
        document
          .querySelector('cdt-lens-card')!
          .shadowRoot!.querySelector<HTMLInputElement>('input[type=search]')!.value,
    );
    expect(value).toBe('qwxzv');
    await closeCard();
  });

  it('anchors the card at a form field for a selection inside it', async () => {
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.id = 'note';
      input.value = 'Resubmit as D2391 please';
      document.body.prepend(input);
      input.focus();
      input.setSelectionRange(12, 17);
    });
    expect(await click(b, tabId, 'D2391', { editable: true })).toBe('card');
    await waitForCard(page, 'not the official ADA descriptor');
    const gap = await page.evaluate(() => {
      const field = document.getElementById('note')!.getBoundingClientRect();
      const card = document.querySelector('cdt-lens-card')!.getClientRects()[0]!;
      return Math.abs(card.top - field.bottom);
    });
    expect(gap).toBeLessThan(20);
    await closeCard();
  });

  it('looks up the code at the caret of the focused field from the keyboard shortcut', async () => {
    await page.evaluate(() => {
      const input = document.getElementById('note') as HTMLInputElement;
      input.focus();
      input.setSelectionRange(14, 14);
    });
    expect(await command(b, tabId)).toBe('card');
    expect(await waitForCard(page, 'not the official ADA descriptor')).toContain('D2391');
    // The card asked for from the keyboard takes focus; Escape closes it and gives focus back.
    expect(await focused(page)).toBe('cdt-lens-card > div[role=dialog]');
    await closeCard();
    expect(await cardText(page)).toBeNull();
    expect(await focused(page)).toBe('input#note');
  });

  it.each([
    ['a modal dialog', 'modal.html', 'dialog td'],
    ['a script-made modal that traps focus', 'inert-modal.html', '.panel p'],
  ])('looks up a selection in %s in a card the keyboard can use there', async (_, file, cells) => {
    const modal = await openPage(b, `${base}/${file}`);
    const modalTab = await tabIdOf(b, modal);
    await waitForHighlights(modal, 2);
    await modal.click('#open');
    await modal.evaluate((sel) => {
      const cell = [...document.querySelectorAll(sel)].find((el) =>
        el.textContent.includes('D2740'),
      )!;
      getSelection()!.selectAllChildren(cell);
    }, cells);
    expect(await command(b, modalTab)).toBe('card');
    expect(await waitForCard(modal, 'not the official ADA descriptor')).toContain('D2740');
    // Outside the modal the card could not take focus (inert) or keep it (the focus trap).
    expect(await focused(modal)).toBe('cdt-lens-card > div[role=dialog]');
    await modal.keyboard.press('Tab');
    expect(await focused(modal)).toMatch(/^cdt-lens-card > button/);
    await modal.keyboard.press('Escape');
    expect(await cardText(modal)).toBeNull();
    if (file === 'modal.html')
      expect(await modal.evaluate(() => document.querySelector('dialog')!.open)).toBe(true);
    await modal.close();
    await page.bringToFront();
  });

  it('moves focus into an open hover card from the keyboard shortcut; Tab reaches its buttons', async () => {
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      getSelection()!.removeAllRanges();
    });
    await hoverText(page, 'D2740');
    await waitForCard(page, 'not the official ADA descriptor');
    expect(await focused(page)).toBe('body');
    expect(await command(b, tabId)).toBe('card');
    expect(await focused(page)).toBe('cdt-lens-card > div[role=dialog]');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatch(/^cdt-lens-card > button/);
    // Focus in the card keeps it open when the pointer leaves.
    await page.mouse.move(1, 1);
    await new Promise((r) => setTimeout(r, 700));
    expect(await cardText(page)).not.toBeNull();
    await closeCard();
    expect(await cardText(page)).toBeNull();
    expect(await focused(page)).toBe('body');
  });

  it('shows the card inside the iframe that holds the selection', async () => {
    const framed = await openPage(b, `${base}/frames.html`);
    const framedTab = await tabIdOf(b, framed);
    // The claims frame is big enough for a card (small frames show theirs in the top frame).
    const inner = framed.frames().find((f) => f.url().endsWith('/claims.html'))!;
    await waitForHighlights(inner, 1);
    const frameCard = () => cardText(inner).then((t) => t !== null);
    const frameId = await frameIdOf(
      b,
      inner,
      (id) => click(b, framedTab, 'D4342', { frameId: id }),
      async () => {
        if (await frameCard()) return true;
        // A probe that reached a small frame opened a card in the top frame: close it again.
        if ((await cardText(framed)) !== null) await framed.keyboard.press('Escape');
        return false;
      },
    );
    await inner.evaluate(() => getSelection()!.removeAllRanges());
    await inner.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
    });
    await framed.keyboard.press('Escape');
    expect(await click(b, framedTab, 'D4341', { frameId })).toBe('card');
    expect(await waitForCard(inner, 'not the official ADA descriptor')).toContain('D4341');
    expect(await cardText(framed)).toBeNull();
    await framed.close();
  });

  it('opens the search from the keyboard shortcut when nothing is selected or focused', async () => {
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      getSelection()!.removeAllRanges();
    });
    const shown = await command(b, tabId);
    expect(['popup', 'page']).toContain(shown);
    expect(await searchOpened(b, shown, '')).toBe(true);
    expect(await cardText(page)).toBeNull();
  });

  it('opens the search where the page cannot host a card, never a silent no-op', async () => {
    // No content script runs in extension pages, as in browser pages and the extension store.
    const { page: restricted, tabId: restrictedId } = await openRestrictedTab(b);
    const shown = await click(b, restrictedId, 'D2740');
    expect(['popup', 'page']).toContain(shown);
    expect(await searchOpened(b, shown, 'D2740')).toBe(true);
    await restricted.close();
  });

  it('handles a closed tab and a megabyte selection without an uncaught error', async () => {
    const gone = await b.browser.newPage();
    const goneId = await tabIdOf(b, gone);
    await gone.close();
    expect(['popup', 'page']).toContain(await click(b, goneId, 'D0120'));
    await page.bringToFront();
    expect(await click(b, tabId, `D0150 ${'x'.repeat(1_000_000)}`)).toBe('card');
    expect(await waitForCard(page, 'not the official ADA descriptor')).toContain('D0150');
    await closeCard();
  });

  it('falls back to the search on a disabled site', async () => {
    await setStorage(b, { disabledSites: ['127.0.0.1'] });
    expect(['popup', 'page']).toContain(await click(b, tabId, 'D0120'));
    await setStorage(b, {});
  });
});

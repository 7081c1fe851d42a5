import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  BROWSERS,
  type ExtensionBrowser,
  launchWithExtension,
  openPage,
  setStorage,
} from '../harness/browsers';
import {
  cardText,
  hoverText,
  registry,
  waitForCard,
  waitForHighlights,
  waitForRegistry,
} from '../harness/page-helpers';

const base = inject('baseUrl');

describe.each(BROWSERS)('%s: settings apply live', (name) => {
  let b: ExtensionBrowser;
  let page: Page;
  beforeAll(async () => {
    b = await launchWithExtension(name);
    page = await openPage(b, `${base}/claims.html`);
    await waitForHighlights(page, 6);
  });
  afterAll(async () => {
    await b?.close();
  });

  it('turns off everywhere at once and comes back without a reload', async () => {
    await setStorage(b, { enabled: false });
    await waitForRegistry(page, { empty: true });
    await hoverText(page, 'D2740');
    await new Promise((r) => setTimeout(r, 700));
    expect(await cardText(page)).toBeNull();
    await setStorage(b, { enabled: true });
    await waitForRegistry(page, { atLeast: { 'cdt-code': 6 } });
  });

  it('does nothing on a disabled site, and resumes when it is removed', async () => {
    await setStorage(b, { disabledSites: ['*.0.0.1', '127.0.0.1'] });
    await waitForRegistry(page, { empty: true });
    await setStorage(b, { disabledSites: [] });
    await waitForRegistry(page, { atLeast: { 'cdt-code': 6 } });
  });

  it('restyles marks: background, none, and deleted codes shown plain', async () => {
    await setStorage(b, { highlightStyle: 'background' });
    await waitForRegistry(page, {
      atLeast: { 'cdt-code-bg': 6, 'cdt-code-deleted-bg': 1 },
      absent: ['cdt-code'],
    });
    await setStorage(b, { highlightStyle: 'none' });
    await waitForRegistry(page, { empty: true });
    // Marks off, hover still on.
    await hoverText(page, 'D0274');
    expect(await waitForCard(page, 'not the official ADA descriptor')).toContain('D0274');
    await page.keyboard.press('Escape');
    await setStorage(b, { highlightStyle: 'underline', deletedWarnings: false });
    await waitForRegistry(page, { atLeast: { 'cdt-code-plain': 1 }, absent: ['cdt-code-deleted'] });
    await setStorage(b, { deletedWarnings: true });
    await waitForRegistry(page, { atLeast: { 'cdt-code-deleted': 1 }, absent: ['cdt-code-plain'] });
  });

  it('opens the card only with the modifier held, when the user asks for that', async () => {
    await setStorage(b, { hoverTrigger: { delayMs: 100, modifier: 'Shift' } });
    await new Promise((r) => setTimeout(r, 200));
    await hoverText(page, 'D1110');
    await new Promise((r) => setTimeout(r, 500));
    expect(await cardText(page)).toBeNull();
    await page.keyboard.down('Shift');
    await hoverText(page, 'D1110');
    expect(await waitForCard(page, 'not the official ADA descriptor')).toContain('D1110');
    await page.keyboard.up('Shift');
    await page.keyboard.press('Escape');
    await setStorage(b, { hoverTrigger: { delayMs: 250, modifier: 'none' } });
  });

  it('survives corrupt values in storage: defaults apply on a new page', async () => {
    await setStorage(b, {
      enabled: 'yes',
      highlightStyle: 42,
      hoverTrigger: null,
      disabledSites: 'all',
    });
    const fresh = await openPage(b, `${base}/claims.html`);
    await waitForHighlights(fresh, 6);
    expect(await registry(fresh)).toMatchObject({ 'cdt-code': expect.any(Number) as number });
    await fresh.close();
    await setStorage(b, {});
  });
});

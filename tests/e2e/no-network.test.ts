/**
 * No network: the extension's pages, background and content scripts make no request, checked from
 * the browser's own request log (tests/harness/network.ts) while every surface is used once: marks
 * and hover cards on a claims page, frames and shadow roots, a single-page app, the popup's search
 * and "On this page" list. A probe request from the extension's own context at the end proves that
 * the log would have caught one.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  BROWSERS,
  type ExtensionBrowser,
  inBackground,
  launchWithExtension,
  openExtensionPage,
  openPage,
  tabIdOf,
} from '../harness/browsers';
import { extensionTraffic, type NetworkLog, recordNetwork } from '../harness/network';
import { hoverText, waitForCard, waitForHighlights } from '../harness/page-helpers';

const base = inject('baseUrl');
/** The fixture server under another name: a request there counts as leaving. */
const PROBE_URL = `${base.replace('127.0.0.1', 'localhost')}/cdt-lens-probe`;

describe.each(BROWSERS)('%s: no network', (name) => {
  let b: ExtensionBrowser;
  let log: NetworkLog;
  beforeAll(async () => {
    b = await launchWithExtension(name);
    log = await recordNetwork(b);
  });
  afterAll(async () => {
    await log?.stop();
    await b?.close();
  });

  it('makes no request while every surface is used', async () => {
    const claims = await openPage(b, `${base}/claims.html`);
    await waitForHighlights(claims, 6);
    for (const code of ['D2740', 'D1352']) {
      await hoverText(claims, code);
      await waitForCard(claims, code);
      await claims.keyboard.press('Escape');
    }
    const frames = await openPage(b, `${base}/frames.html`);
    await waitForHighlights(frames, 2);
    await hoverText(claims, 'D0120');
    const spa = await openPage(b, `${base}/spa.html`);
    await spa.evaluate(() => {
      const w = window as unknown as { spa: { add(code: string, label: string): void } };
      w.spa.add('D2391', 'Resin, one surface');
      w.spa.add('D4910', 'Perio maintenance');
    });
    await waitForHighlights(spa, 2);
    const tabId = await tabIdOf(b, claims);
    const popup = await openExtensionPage(b, `/popup.html?tab=${tabId}`);
    await popup.waitForSelector('input[type=search]');
    await popup.type('input[type=search]', 'root canal');
    await popup.waitForFunction(() => document.querySelectorAll('[role=option]').length > 0);
    await popup.click('#tab-page');
    await popup.waitForSelector('[aria-label="Codes on this page"] li');
    for (const p of [popup, spa, frames, claims]) await p.close();

    // The recorder saw the pages' own requests: it is listening.
    expect(log.requests.map((r) => r.url)).toEqual(
      expect.arrayContaining([`${base}/claims.html`, `${base}/portal.css`]),
    );
    expect(extensionTraffic(log.requests, base)).toEqual([]);
  });

  // From the extension's own context: Chromium's service worker, an extension page in Firefox.
  it('would have seen a request from the extension', async () => {
    const probe = (url: string) =>
      fetch(url).then(
        () => undefined,
        () => undefined,
      );
    await inBackground(b, probe, PROBE_URL);
    await new Promise((r) => setTimeout(r, 200));
    expect(extensionTraffic(log.requests, base).map((r) => r.url)).toContain(PROBE_URL);
  });
});

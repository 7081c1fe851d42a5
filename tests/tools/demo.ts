/**
 * `npm run demo`: serves the demo pages on localhost and opens them in the system Chromium with
 * the freshly built extension. Without a display it runs headless and saves screenshots of a
 * hover card and of the popup instead, and prints where they are.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchWithExtension, openExtensionPage, openPage, tabIdOf } from '../harness/browsers';
import { hoverText, waitForCard, waitForHighlights } from '../harness/page-helpers';
import { serveStatic } from '../harness/server';

/** Default port; PORT overrides it. */
const DEFAULT_PORT = 5177;
const PAGES = ['claims.html', 'remittance.html', 'article.html'];
const OUT = resolve(import.meta.dirname, '../../.demo');

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? DEFAULT_PORT);
  const server = await serveStatic(undefined, port);
  const headless = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  const b = await launchWithExtension('chromium', { headless });
  console.log(`Demo pages: ${PAGES.map((p) => `${server.url}/${p}`).join('  ')}`);

  if (!headless) {
    for (const p of PAGES) await openPage(b, `${server.url}/${p}`);
    console.log('Chromium is open with CDT Lens loaded. Hover a code; close the browser to end.');
    await new Promise<void>((r) => b.browser.once('disconnected', () => r()));
    await server.close();
    return;
  }

  mkdirSync(OUT, { recursive: true });
  const page = await openPage(b, `${server.url}/claims.html`);
  // The pointer must arrive after the page side has started: one that comes to rest on a code
  // before the page side listens gets no card until it moves again.
  await waitForHighlights(page, 1);
  await hoverText(page, 'D2740');
  await waitForCard(page, 'not the official ADA descriptor');
  const card = `${OUT}/hover-card.png`;
  await page.screenshot({ path: card });

  const popup = await openExtensionPage(b, '/popup.html');
  await popup.setViewport({ width: 440, height: 560 });
  await popup.type('input[type=search]', 'crown');
  await popup.waitForSelector('[role=option]');
  const popupShot = `${OUT}/popup.png`;
  await popup.screenshot({ path: popupShot });

  // "On this page" for the claims tab (the popup opened as a page, pointed at that tab).
  const tabId = await tabIdOf(b, page);
  const onPage = await openExtensionPage(b, `/popup.html?tab=${tabId}`);
  await onPage.setViewport({ width: 440, height: 420 });
  await onPage.click('#tab-page');
  await onPage.waitForSelector('[aria-label="Codes on this page"] li');
  const pageShot = `${OUT}/popup-on-this-page.png`;
  await onPage.screenshot({ path: pageShot });

  await b.close();
  await server.close();
  console.log(
    `No display: ran headless and saved screenshots:\n  ${card}\n  ${popupShot}\n  ${pageShot}`,
  );
}

main().catch((err: unknown) => {
  console.error(`Demo failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

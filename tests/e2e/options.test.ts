import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  BROWSERS,
  type ExtensionBrowser,
  launchWithExtension,
  openExtensionPage,
  openPage,
} from '../harness/browsers';
import {
  axeViolations,
  cardText,
  collectErrors,
  hoverText,
  waitForCard,
  waitForHighlights,
  waitForRegistry,
} from '../harness/page-helpers';
import { SUMMARY_NOTICE } from '../../components/CodeCard';
import {
  type FixtureFile,
  KNOWN,
  binary,
  bomTabs,
  fakeText,
  large,
  markup,
  quotedMultiline,
  semicolons,
  wellFormed,
  wrongColumns,
} from '../fixtures/licensed';

const base = inject('baseUrl');
const dir = mkdtempSync(join(tmpdir(), 'cdt-lens-import-'));

/** Writes a fixture to disk, for the browser's file input. */
function onDisk(f: FixtureFile): string {
  const path = join(dir, f.name);
  writeFileSync(path, f.bytes);
  return path;
}

const text = (page: Page, selector: string) =>
  page.$eval(selector, (e) => e.textContent).catch(() => null);

async function waitForText(page: Page, selector: string, want: string | RegExp) {
  const ok = (t: string | null) =>
    t !== null && (typeof want === 'string' ? t.includes(want) : want.test(t));
  for (const deadline = Date.now() + 15_000; Date.now() < deadline;) {
    const t = await text(page, selector);
    if (ok(t)) return t!;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${selector} never showed ${String(want)}: ${await text(page, selector)}`);
}

/** Chooses a file in the licensed-import picker. */
async function choose(page: Page, f: FixtureFile) {
  const input = (await page.$('[data-testid="licensed-file"]')) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(onDisk(f));
}

async function clickButton(page: Page, label: string | RegExp) {
  const handle = await page.evaluateHandle(
    (l: string) => {
      const re = new RegExp(l);
      return [...document.querySelectorAll('button')].find((b) => re.test(b.textContent ?? ''));
    },
    typeof label === 'string' ? label : label.source,
  );
  const el = handle.asElement() as ElementHandle<HTMLButtonElement> | null;
  if (!el) throw new Error(`no button ${String(label)}`);
  await el.click();
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(BROWSERS)('%s: options page', (name) => {
  let b: ExtensionBrowser;
  let tab: Page;
  let options: Page;
  let errors: string[];
  beforeAll(async () => {
    b = await launchWithExtension(name);
    tab = await openPage(b, `${base}/claims.html`);
    await waitForHighlights(tab, 6);
    options = await openExtensionPage(b, '/options.html');
    await options.bringToFront();
    errors = collectErrors(options);
    await options.waitForSelector('[data-testid="about"]');
  });
  afterAll(async () => {
    await b?.close();
  });
  // Tests that visit the tab come back here even when they fail.
  afterEach(async () => {
    await options.bringToFront();
  });

  it('shows the data facts and has no accessibility violations', async () => {
    expect(await text(options, '[data-testid="about"]')).toMatch(
      /Data 2026\.\d+ for CDT 2026: \d{3} codes in force and \d+ deleted codes/,
    );
    expect(await axeViolations(options, '')).toEqual([]);
  });

  it('changes the highlight style of an open tab, live, and previews it with real marks', async () => {
    await options.click('input[name="highlight-style"][value="background"]');
    await waitForRegistry(tab, { atLeast: { 'cdt-code-bg': 6 }, absent: ['cdt-code'] });
    await waitForRegistry(options, { atLeast: { 'cdt-code-bg': 2 } });
    await options.click('input[name="highlight-style"][value="none"]');
    await waitForRegistry(tab, { empty: true });
    expect(await text(options, '.cdt-preview')).toContain('Codes are not marked');
    await options.click('input[name="highlight-style"][value="underline"]');
    await waitForRegistry(tab, { atLeast: { 'cdt-code': 6 } });
  });

  it('turns the extension off on a site typed as an address, and back on', async () => {
    await options.type('#site-input', 'http://127.0.0.1:9/some/page');
    await options.keyboard.press('Enter');
    await waitForText(options, '.cdt-sites', '127.0.0.1');
    await waitForRegistry(tab, { empty: true });
    await options.click('button[aria-label="Remove 127.0.0.1"]');
    // Marks are registered as they come into view: the tab must be in front.
    await tab.bringToFront();
    await waitForRegistry(tab, { atLeast: { 'cdt-code': 6 } });
    await options.bringToFront();
    await options.type('#site-input', 'not a site!');
    await options.keyboard.press('Enter');
    expect(await waitForText(options, '#site-error', 'is not a site')).toBeTruthy();
  });

  it('requires a modifier key for the card once chosen', async () => {
    await options.select('#hover-modifier', 'Shift');
    await tab.bringToFront();
    await hoverText(tab, 'D2740');
    await new Promise((r) => setTimeout(r, 800));
    expect(await cardText(tab)).toBeNull();
    await tab.keyboard.down('Shift');
    await hoverText(tab, 'D0120');
    await waitForCard(tab, 'D0120');
    await tab.keyboard.up('Shift');
    await tab.keyboard.press('Escape');
    await options.select('#hover-modifier', 'none');
  });

  it('previews a well-formed licensed file, stores it on confirmation, and cards show it', async () => {
    await choose(options, wellFormed);
    await waitForText(options, '[data-testid="count-matched"]', String(KNOWN.length));
    const preview = await text(options, '[data-testid="import-preview"]');
    expect(preview).toContain('comma-separated, with a header row');
    expect(preview).toMatch(/not in the bundled data \(imported too\)1 \(e\.g\. line 8: “D0001”\)/);
    await clickButton(options, /^Import \d+ descriptors$/);
    await waitForText(
      options,
      '[data-testid="licensed-current"]',
      'for 7 codes, from cdt-licensed.csv',
    );

    // The tab opened before the import shows the official text in its next card.
    await tab.bringToFront();
    await hoverText(tab, 'D2740');
    const card = await waitForCard(tab, fakeText('D2740'));
    expect(card).toContain(
      'Current Dental Terminology © American Dental Association. All rights reserved.',
    );
    await tab.keyboard.press('Escape');
  });

  it.each([
    [
      semicolons,
      /semicolon-separated.*Codes matched6.*without a valid code.*1 \(e\.g\. line 9: “ZZ100”\).*Repeated codes \(first kept\)1 \(e\.g\. line 8: “D0120”\).*empty descriptor \(skipped\)1 \(e\.g\. line 10: “D0140”\)/,
    ],
    [bomTabs, /tab-separated, with a header row.*Codes matched6/],
    [quotedMultiline, /comma-separated, with a header row.*Codes matched4/],
  ])('previews %# with the right counts, and Cancel stores nothing', async (f, want) => {
    await choose(options, f);
    expect(await waitForText(options, '[data-testid="import-preview"]', want)).toBeTruthy();
    await clickButton(options, /^Cancel$/);
    expect(await text(options, '[data-testid="licensed-current"]')).toContain('cdt-licensed.csv');
  });

  it.each([
    [wrongColumns, 'No code column found'],
    [binary, 'This file is not text (byte 9 is a NUL)'],
  ])('refuses %# with a clear message and keeps the previous import', async (f, message) => {
    await choose(options, f);
    const alert = await waitForText(options, '[data-testid="import-error"]', message);
    expect(alert).toContain('Nothing was stored.');
    expect(await text(options, '[data-testid="licensed-current"]')).toContain('cdt-licensed.csv');
  });

  it('reads a 10 MB file off the main thread', async () => {
    await choose(options, large(10));
    // The page answers while the file is parsed: it is seen saying so.
    await waitForText(options, '[role="status"]', 'Reading large-10mb.csv');
    await waitForText(options, '[data-testid="count-matched"]', /^\d+$/);
    expect(await text(options, '[data-testid="import-preview"]')).toMatch(/\d{6} rows/);
    await clickButton(options, /^Cancel$/);
  });

  it('shows descriptors with markup as literal text', async () => {
    await choose(options, markup);
    await waitForText(options, '[data-testid="import-preview"]', '<script>');
    await clickButton(options, /^Import \d+ descriptors$/);
    await waitForText(options, '[data-testid="licensed-current"]', 'from markup.csv');
    await tab.bringToFront();
    await hoverText(tab, 'D2740');
    await waitForCard(tab, "<script>document.title='pwned'</script>crown text").catch(
      async (e: unknown) => {
        throw new Error(`${String(e)}; the card showed: ${await cardText(tab)}`);
      },
    );
    expect(await tab.title()).not.toBe('pwned');
    expect(await options.title()).not.toBe('pwned');
    await tab.keyboard.press('Escape');
  });

  it('removes the import', async () => {
    await clickButton(options, /^Remove import$/);
    await waitForText(options, '.cdt-options', 'No licensed file imported.');
    await tab.bringToFront();
    await hoverText(tab, 'D0120');
    expect(await waitForCard(tab, SUMMARY_NOTICE)).not.toContain(
      'American Dental Association. All rights',
    );
    await tab.keyboard.press('Escape');
  });

  it('imports a settings file, and refuses a bad one changing nothing', async () => {
    const settingsFile = (name: string, settings: Record<string, unknown>) =>
      onDisk({
        name,
        bytes: new TextEncoder().encode(
          JSON.stringify({ format: 'cdt-lens-settings', version: 1, settings }),
        ),
      });
    const good = settingsFile('settings.json', { highlightStyle: 'background', futureSetting: 1 });
    const bad = settingsFile('bad.json', { highlightStyle: 'underline', theme: 'purple' });
    const input = (await options.$(
      '[data-testid="settings-file"]',
    )) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(good);
    await waitForText(
      options,
      '[data-testid="backup-message"]',
      /Imported 1 settings.*Ignored unknown: futureSetting/,
    );
    await waitForRegistry(tab, { atLeast: { 'cdt-code-bg': 6 } });
    await input.uploadFile(bad);
    await waitForText(
      options,
      '[data-testid="backup-message"]',
      'The value of "theme" is not valid',
    );
    expect(
      await options.$eval('input[name="highlight-style"][value="background"]', (e) => e.checked),
    ).toBe(true);
    await options.click('input[name="highlight-style"][value="underline"]');
  });

  it('logged no error', () => {
    expect(errors).toEqual([]);
  });
});

/**
 * Finds (or installs) the system browsers and launches them with the freshly built extension and
 * a clean profile. Shared by the e2e tests, the demo and the benchmark.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Frame, type Page, TargetType } from 'puppeteer-core';
import { waitForHighlights } from './page-helpers';

export type BrowserName = 'chromium' | 'firefox';
export const BROWSERS: BrowserName[] = ['chromium', 'firefox'];

const ROOT = resolve(import.meta.dirname, '../..');
/** Built extension folders, as `wxt build` writes them. */
export const EXTENSION_DIRS: Record<BrowserName, string> = {
  chromium: join(ROOT, '.output/chrome-mv3'),
  firefox: join(ROOT, '.output/firefox-mv2'),
};

const BINARIES: Record<BrowserName, { env: string; path: string; pkg: string }> = {
  chromium: { env: 'CHROMIUM_PATH', path: '/usr/bin/chromium', pkg: 'chromium' },
  firefox: { env: 'FIREFOX_PATH', path: '/usr/bin/firefox-esr', pkg: 'firefox-esr' },
};

/** Fixed moz-extension UUID, so tests can open the extension's pages in Firefox. */
export const FIREFOX_UUID = '6b1f6c2e-2f0d-4a43-9d1a-0c3d1e7a5b10';
const GECKO_ID = 'cdt-lens@cdt-lens.invalid';

/** Path of a browser binary; installs it with apt-get when running as root, else explains how. */
export function browserPath(name: BrowserName): string {
  const { env, path, pkg } = BINARIES[name];
  const chosen = process.env[env] ?? path;
  if (existsSync(chosen)) return chosen;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get') && !process.env[env]) {
    console.log(`${pkg} is missing: installing it with apt-get (needs Debian's package lists)…`);
    try {
      execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
      execFileSync('apt-get', ['install', '-y', '-qq', pkg], {
        stdio: 'inherit',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    } catch {
      // Fall through to the message below.
    }
    if (existsSync(chosen)) return chosen;
  }
  throw new Error(
    `${name} was not found at ${chosen}. Install it with: sudo apt-get install -y ${pkg}` +
      ` (or set ${env} to the browser's path).`,
  );
}

/** Fails with the fix when the extension has not been built. */
export function extensionDir(name: BrowserName): string {
  const dir = EXTENSION_DIRS[name];
  if (!existsSync(join(dir, 'manifest.json')))
    throw new Error(`No built extension in ${dir}. Build it first: npm run build`);
  return dir;
}

/** A browser with the extension loaded. */
export interface ExtensionBrowser {
  name: BrowserName;
  browser: Browser;
  /** `chrome-extension://<id>` or `moz-extension://<uuid>`. */
  origin: string;
  close(): Promise<void>;
}

/** Flags for Debian's Chromium on a closed network, as root, headless. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-features=Translate,MediaRouter,OptimizationHints',
];

/**
 * Chromium with the same flags and viewport but no extension: the "without the extension" side of
 * the benchmark and the soak.
 */
export async function launchChromiumPlain(): Promise<Browser> {
  return puppeteer.launch({
    browser: 'chrome',
    executablePath: browserPath('chromium'),
    headless: true,
    pipe: true,
    args: CHROMIUM_ARGS,
    defaultViewport: { width: 1200, height: 800 },
  });
}

/** Launches `name` with a clean profile and the built extension. */
export async function launchWithExtension(
  name: BrowserName,
  options: { headless?: boolean } = {},
): Promise<ExtensionBrowser> {
  const headless = options.headless ?? true;
  const dir = extensionDir(name);
  const profile = mkdtempSync(join(tmpdir(), `cdt-lens-${name}-`));
  const cleanup = () => rmSync(profile, { recursive: true, force: true });
  if (name === 'chromium') {
    const browser = await puppeteer.launch({
      browser: 'chrome',
      executablePath: browserPath('chromium'),
      headless,
      userDataDir: profile,
      pipe: true,
      enableExtensions: [dir],
      args: CHROMIUM_ARGS,
      defaultViewport: { width: 1200, height: 800 },
    });
    const worker = await browser.waitForTarget(
      (t) => t.type() === TargetType.SERVICE_WORKER && t.url().startsWith('chrome-extension://'),
      { timeout: 20_000 },
    );
    // Node's URL gives "null" as the origin of non-web schemes: cut it out by hand.
    const origin = /^chrome-extension:\/\/[a-p]{32}/.exec(worker.url())![0];
    return {
      name,
      browser,
      origin,
      close: async () => {
        await browser.close();
        cleanup();
      },
    };
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: browserPath('firefox'),
    headless,
    userDataDir: profile,
    defaultViewport: { width: 1200, height: 800 },
    // Firefox 153+ lets WebDriver open moz-extension:// pages only with system access.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
      // No update checks, telemetry or other calls out on a closed network.
      'app.update.enabled': false,
      'extensions.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
    },
  });
  await browser.installExtension(dir);
  return {
    name,
    browser,
    origin: `moz-extension://${FIREFOX_UUID}`,
    close: async () => {
      await browser.close();
      cleanup();
    },
  };
}

/**
 * Opens one of the extension's own pages (`/popup.html?q=…`) in a new tab. Firefox never reports
 * the end of a WebDriver navigation to a moz-extension:// page, so there the page's own state is
 * awaited instead.
 */
export async function openExtensionPage(
  b: ExtensionBrowser,
  path: string,
  options: { background?: boolean } = {},
): Promise<Page> {
  const page = await b.browser.newPage({ background: options.background ?? false });
  const url = `${b.origin}${path}`;
  if (b.name === 'chromium') {
    await page.goto(url, { waitUntil: 'load' });
    return page;
  }
  page.goto(url, { timeout: 0 }).catch(() => undefined);
  // Poll by hand: an evaluation that lands while the document is being swapped throws, and that
  // must count as "not yet", not as a failure.
  for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
    const ready = await page
      .evaluate(() => `${location.href} ${document.readyState}`)
      .catch(() => '');
    if (ready === `${url} complete`) return page;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url} did not load in Firefox within 10 s`);
}

/**
 * Opens a new tab at `url`, waits for the load and brings it to the front (a background tab gets
 * no animation frames, and the hover runs on them).
 */
export async function openPage(b: ExtensionBrowser, url: string): Promise<Page> {
  const page = await b.browser.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await page.bringToFront();
  return page;
}

/**
 * Runs `fn(args)` where the background's global is `globalThis` (Chromium: in the service worker;
 * Firefox: in an extension page that borrows the background page's `cdtLens` hooks).
 */
export async function inBackground<A, R>(
  b: ExtensionBrowser,
  fn: (args: A) => R | Promise<R>,
  args: A,
): Promise<R> {
  // puppeteer's evaluate types cannot follow a generic argument through; the values are JSON.
  const call = fn as (a: unknown) => R | Promise<R>;
  if (b.name === 'chromium') {
    const target = await b.browser.waitForTarget(
      (t) => t.type() === TargetType.SERVICE_WORKER && t.url().startsWith(b.origin),
    );
    const worker = (await target.worker())!;
    // The worker's target shows up before its script has run: wait for the hooks.
    for (let i = 0; i < 200 && !(await worker.evaluate(() => 'cdtLens' in globalThis)); i++)
      await new Promise((r) => setTimeout(r, 25));
    return worker.evaluate(call, args);
  }
  const page = await openExtensionPage(b, '/popup.html', { background: true });
  try {
    await page.evaluate(async () => {
      const g = globalThis as unknown as {
        browser: { runtime: { getBackgroundPage(): Promise<{ cdtLens: unknown }> } };
        cdtLens: unknown;
      };
      g.cdtLens = (await g.browser.runtime.getBackgroundPage()).cdtLens;
    });
    return await page.evaluate(call, args);
  } finally {
    await page.close();
  }
}

/** The browser's tab id of `page`, as the extension sees it (needs no "tabs" permission). */
export async function tabIdOf(b: ExtensionBrowser, page: Page): Promise<number> {
  await page.bringToFront();
  return inBackground(
    b,
    async () => {
      type Tabs = { tabs: { query(q: object): Promise<{ id?: number }[]> } };
      const g = globalThis as unknown as { browser?: Tabs; chrome?: Tabs };
      const [tab] = await (g.browser ?? g.chrome)!.tabs.query({
        active: true,
        lastFocusedWindow: true,
      });
      return tab?.id ?? -1;
    },
    undefined,
  );
}

/**
 * Writes raw values to the extension's local storage from its background, as the options page or a
 * corrupt profile would; an empty object clears it.
 */
export function setStorage(b: ExtensionBrowser, values: Record<string, unknown>): Promise<void> {
  return inBackground(
    b,
    async (v: Record<string, unknown>) => {
      type Local = {
        storage: { local: { set(x: object): Promise<void>; clear(): Promise<void> } };
      };
      const g = globalThis as unknown as { browser?: Local; chrome?: Local };
      const local = (g.browser ?? g.chrome)!.storage.local;
      if (Object.keys(v).length === 0) await local.clear();
      else await local.set(v);
    },
    values,
  );
}

/**
 * The WebExtensions frame id of `frame` in tab `tabId`. Firefox: the WebDriver BiDi browsing
 * context id, which is the same number. Chromium: CDP frame ids differ, so candidate ids are probed
 * with `probe(frameId)` until `isIt()` says the frame reacted.
 */
export async function frameIdOf(
  b: ExtensionBrowser,
  frame: Frame,
  probe: (frameId: number) => Promise<unknown>,
  isIt: () => Promise<boolean>,
): Promise<number> {
  if (b.name === 'firefox') return Number((frame as unknown as { _id: string })._id);
  for (let id = 1; id <= 64; id++) {
    await probe(id).catch(() => undefined);
    // The card appears once its UI has loaded: give the probe a moment to show.
    for (const deadline = Date.now() + 500; Date.now() < deadline;) {
      if (await isIt()) return id;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`No frame id found for ${frame.url()}`);
}

/**
 * An extension page that no content script reaches (like browser pages and the store), and its tab
 * id, read from the page itself.
 */
export async function openRestrictedTab(
  b: ExtensionBrowser,
): Promise<{ page: Page; tabId: number }> {
  const page = await openExtensionPage(b, '/popup.html?restricted=1');
  const tabId = await page.evaluate(async () => {
    type Tabs = { tabs: { getCurrent(): Promise<{ id?: number } | undefined> } };
    const g = globalThis as unknown as { browser?: Tabs; chrome?: Tabs };
    return (await (g.browser ?? g.chrome)!.tabs.getCurrent())?.id ?? -1;
  });
  return { page, tabId };
}

/** A browser with the extension and `url` open in front, its codes marked, and its tab id. */
export async function openMarkedTab(
  name: BrowserName,
  url: string,
  marks: number,
): Promise<{ b: ExtensionBrowser; page: Page; tabId: number }> {
  const b = await launchWithExtension(name);
  const page = await openPage(b, url);
  await waitForHighlights(page, marks);
  return { b, page, tabId: await tabIdOf(b, page) };
}

/**
 * Helpers that drive a page as a person would (pointer on a word, keys) and read what the
 * extension shows, from outside: the card's shadow root and the highlight registry.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Page } from 'puppeteer-core';

const require = createRequire(import.meta.url);

/** Centre of the `nth` occurrence of `text` in the frame's text, in viewport coordinates. */
export async function pointAtText(
  frame: Page | Frame,
  text: string,
  nth = 0,
): Promise<{ x: number; y: number }> {
  const point = await frame.evaluate(
    (needle, n) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const data = (node as Text).data;
        for (let i = data.indexOf(needle); i >= 0; i = data.indexOf(needle, i + 1)) {
          if (seen++ < n) continue;
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + needle.length);
          range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
          const r = range.getBoundingClientRect();
          return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
        }
      }
      return null;
    },
    text,
    nth,
  );
  if (!point) throw new Error(`Text "${text}" (#${nth}) not found on the page`);
  return point;
}

/** Moves the pointer onto the `nth` occurrence of `text`, coming from the top-left corner. */
export async function hoverText(page: Page, text: string, nth = 0): Promise<void> {
  const { x, y } = await pointAtText(page, text, nth);
  await page.mouse.move(2, 2);
  await page.mouse.move(x, y, { steps: 3 });
}

/** What the card shows: its text, or null when no card is open. */
export async function cardText(page: Page | Frame): Promise<string | null> {
  return page.evaluate(() => {
    const host = document.querySelector('cdt-lens-card');
    if (!host?.matches(':popover-open')) return null;
    return host.shadowRoot?.querySelector('.cdt-panel')?.textContent ?? '';
  });
}

/** Waits until the card shows text containing `expected`; returns the card's text. */
export async function waitForCard(
  page: Page | Frame,
  expected: string,
  timeout = 5000,
): Promise<string> {
  const handle = await page.waitForFunction(
    (want) => {
      const host = document.querySelector('cdt-lens-card');
      const text = host?.matches(':popover-open')
        ? host.shadowRoot?.querySelector('.cdt-panel')?.textContent
        : undefined;
      return text?.includes(want) ? text : false;
    },
    { timeout, polling: 50 },
    expected,
  );
  return (await handle.jsonValue()) as string;
}

/** Text of every range registered under a highlight name, read from the page's own world. */
export async function highlightedTexts(page: Page | Frame, name = 'cdt-code'): Promise<string[]> {
  return page.evaluate((n) => {
    const h = (CSS as unknown as { highlights?: Map<string, Set<AbstractRange>> }).highlights?.get(
      n,
    );
    if (!h) return [];
    return [...h].map((r) => (r.startContainer as Text).data.slice(r.startOffset, r.endOffset));
  }, name);
}

/** Waits until the highlight `name` holds at least `count` ranges. */
export async function waitForHighlights(
  page: Page | Frame,
  count: number,
  name = 'cdt-code',
): Promise<void> {
  await page.waitForFunction(
    (n, c) =>
      ((CSS as unknown as { highlights?: Map<string, Set<unknown>> }).highlights?.get(n)?.size ??
        0) >= c,
    { timeout: 10_000, polling: 50 },
    name,
    count,
  );
}

/** Collects the page's console errors and uncaught exceptions. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/** Records every request the page makes (its own, and its frames' and content scripts'). */
export function collectRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  return urls;
}

/** Violations axe-core finds in the subtree of `selector` (open shadow roots included). */
export async function axeViolations(
  page: Page,
  selector: string,
): Promise<{ id: string; impact: string | null; nodes: string[] }[]> {
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated rather than added as a <script>: extension pages' CSP forbids inline scripts.
  await page.evaluate(source);
  return page.evaluate(async (sel) => {
    const axe = (
      window as unknown as {
        axe: {
          run(ctx: unknown): Promise<{
            violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[];
          }>;
        };
      }
    ).axe;
    const { violations } = await axe.run(document);
    return violations
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.map((n) => JSON.stringify(n.target)).filter((t) => t.includes(sel)),
      }))
      .filter((v) => v.nodes.length > 0);
  }, selector);
}

/** Sizes of the registered highlights, by name. */
export function registry(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() =>
    Object.fromEntries(
      [...(CSS as unknown as { highlights: Map<string, Set<unknown>> }).highlights].map(
        ([k, v]) => [k, v.size],
      ),
    ),
  );
}

/** What the highlight registry should hold: sizes by name, names absent, or nothing at all. */
export interface RegistrySpec {
  atLeast?: Record<string, number>;
  absent?: string[];
  empty?: boolean;
}

export async function waitForRegistry(page: Page, spec: RegistrySpec) {
  await page.waitForFunction(
    (want: RegistrySpec) => {
      const r = new Map(
        [...(CSS as unknown as { highlights: Map<string, Set<unknown>> }).highlights].map(
          ([k, v]) => [k, v.size] as const,
        ),
      );
      if (want.empty && r.size > 0) return false;
      if (want.absent?.some((n) => r.has(n))) return false;
      return Object.entries(want.atLeast ?? {}).every(([n, c]) => (r.get(n) ?? 0) >= c);
    },
    { timeout: 5000, polling: 50 },
    spec,
  );
}

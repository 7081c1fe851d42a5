import { inflateSync } from 'node:zlib';
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  BROWSERS,
  type ExtensionBrowser,
  launchWithExtension,
  openPage,
  setStorage,
} from '../harness/browsers';
import {
  axeViolations,
  collectErrors,
  highlightedTexts,
  hoverText,
  cardText,
  pointAtText,
  waitForCard,
  waitForHighlights,
} from '../harness/page-helpers';

const base = inject('baseUrl');

/** Mutations the page's own observer saw, minus the extension's one card host. */
async function foreignMutations(page: Page) {
  const all = await page.evaluate(
    () =>
      (
        window as unknown as {
          __mutations: {
            type: string;
            target: string;
            attribute: string | null;
            added: string[];
            removed: string[];
          }[];
        }
      ).__mutations,
  );
  return all.filter(
    (m) =>
      !(
        m.type === 'childList' &&
        m.added.length === 1 &&
        m.added[0] === 'cdt-lens-card' &&
        m.removed.length === 0
      ) && !(m.type === 'attributes' && m.target === 'cdt-lens-card'),
  );
}

/** Centre of `code` in the first paragraph or cell holding it in `hostId`'s open shadow root. */
function pointInShadow(page: Page, hostId: string, code: string) {
  return page.evaluate(
    (id, wanted) => {
      const root = document.getElementById(id)!.shadowRoot!;
      const text = [...root.querySelectorAll('p, td')]
        .map((el) => el.firstChild as Text)
        .find((t) => t.data.includes(wanted))!;
      const i = text.data.indexOf(wanted);
      const range = document.createRange();
      range.setStart(text, i);
      range.setEnd(text, i + wanted.length);
      const r = range.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    },
    hostId,
    code,
  );
}

/** Hovers `code`, then moves the pointer into its card and presses Pin; waits until it is pinned. */
async function pinCard(page: Page, code: string) {
  await hoverText(page, code);
  await waitForCard(page, 'not the official ADA descriptor');
  // Placed again for its full size on the next frames.
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
  );
  const pin = await page.evaluate(() => {
    const r = document
      .querySelector('cdt-lens-card')!
      .shadowRoot!.querySelector('[aria-pressed]')!
      .getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  });
  await page.mouse.move(pin.x, pin.y, { steps: 8 });
  await page.mouse.click(pin.x, pin.y);
  await page.waitForFunction(
    () =>
      document
        .querySelector('cdt-lens-card')
        ?.shadowRoot?.querySelector('[aria-pressed]')
        ?.getAttribute('aria-pressed') === 'true',
    { timeout: 3000 },
  );
}

/**
 * What a PDF draws: its streams, inflated, with its dates left out (two prints of the same page a
 * second apart differ in their creation date only).
 */
function pdfContent(pdf: Uint8Array): string {
  const raw = Buffer.from(pdf).toString('latin1');
  const parts: string[] = [];
  for (const m of raw.matchAll(/(?<!end)stream\r?\n([\s\S]*?)endstream/g)) {
    const data = Buffer.from(m[1]!, 'latin1');
    try {
      parts.push(inflateSync(data).toString('latin1'));
    } catch {
      parts.push(m[1]!);
    }
  }
  return parts.join('\n').replace(/D:\d{14}[^)]*/g, 'D:');
}

/** The frame whose URL ends with `suffix` (or the about:blank / srcdoc one). */
function frameOf(page: Page, test: (f: Frame) => boolean): Frame {
  const frame = page.frames().find(test);
  if (!frame)
    throw new Error(
      `frame not found among ${page
        .frames()
        .map((f) => f.url())
        .join(', ')}`,
    );
  return frame;
}

describe.each(BROWSERS)('%s: on the page', (name) => {
  let b: ExtensionBrowser;
  beforeAll(async () => {
    b = await launchWithExtension(name);
  });
  afterAll(async () => {
    await b?.close();
  });

  it('never modifies the page (only the card host is added, on first use) nor posts to it', async () => {
    const page = await openPage(b, `${base}/hostile.csp.html`);
    await waitForHighlights(page, 2);
    // Pointer moves away from codes create nothing: the host comes with the first card.
    for (const [x, y] of [
      [300, 300],
      [320, 340],
      [600, 200],
    ] as const)
      await page.mouse.move(x, y);
    await new Promise((r) => setTimeout(r, 400));
    expect(await page.evaluate(() => document.querySelector('cdt-lens-card'))).toBeNull();
    await hoverText(page, 'D2740');
    await waitForCard(page, 'not the official ADA descriptor');
    expect(await foreignMutations(page)).toEqual([]);
    expect(
      await page.evaluate(() => (window as unknown as { __messages: string[] }).__messages),
    ).toEqual([]);
    await page.close();
  });

  it('shows a correctly styled card on top of a hostile page', async () => {
    const page = await openPage(b, `${base}/hostile.csp.html`);
    const errors = collectErrors(page);
    await waitForHighlights(page, 2);
    await hoverText(page, 'D4910');
    expect(await waitForCard(page, 'not the official ADA descriptor')).toContain('D4910');
    const look = await page.evaluate(() => {
      const host = document.querySelector('cdt-lens-card')!;
      const panel = host.shadowRoot!.querySelector('.cdt-panel')!;
      const style = getComputedStyle(panel);
      // The page replaced getBoundingClientRect; getClientRects is still the browser's.
      const rect = panel.getClientRects()[0]!;
      const top = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
      return {
        background: style.backgroundColor,
        fontSize: style.fontSize,
        opacity: getComputedStyle(host).opacity,
        transform: getComputedStyle(host).transform,
        onTop: top === host,
        width: rect.width,
      };
    });
    expect(look.onTop).toBe(true);
    expect(look.opacity).toBe('1');
    expect(look.transform).toBe('none');
    expect(look.fontSize).toBe('13px');
    expect(look.background).not.toMatch(/rgba\(0, 0, 0, 0\)|transparent/);
    expect(look.width).toBeGreaterThan(200);
    expect(errors.filter((e) => !e.includes('page broke'))).toEqual([]);
    await page.close();
  });

  it('finds the code under a transparent overlay that catches the pointer', async () => {
    const page = await openPage(b, `${base}/overlay.html`);
    await waitForHighlights(page, 1);
    await hoverText(page, 'D2392');
    expect(await waitForCard(page, 'not the official ADA descriptor')).toContain('D2392');
    await page.close();
  });

  it('keeps the card usable over a modal dialog, and its Escape leaves the dialog open', async () => {
    const page = await openPage(b, `${base}/modal.html`);
    const errors = collectErrors(page);
    await waitForHighlights(page, 2);
    await page.click('#open');
    // Outside the modal dialog everything is inert: a card there is seen but not hoverable. The
    // pointer travels into the card and presses Pin; the card stays open and pinned.
    await pinCard(page, 'D2740');
    // Escape closes the card, the topmost thing, and only the card.
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('cdt-lens-card:popover-open'), {
      timeout: 3000,
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(await page.evaluate(() => document.querySelector('dialog')!.open)).toBe(true);
    // The page closes its dialog with a pinned card in it: the hidden card does not hold the hover,
    // and a code of the page gets its card, usable again.
    await pinCard(page, 'D0274');
    await page.evaluate(() => document.querySelector('dialog')!.close());
    await hoverText(page, 'D0120');
    // (The hidden card's text may name D0120 too: the card shown must be D0120's.)
    await page.waitForFunction(
      () => {
        const host = document.querySelector('cdt-lens-card');
        const panel = host?.shadowRoot?.querySelector('.cdt-panel');
        return host?.checkVisibility() && panel?.getAttribute('aria-label') === 'CDT code D0120';
      },
      { timeout: 5000, polling: 50 },
    );
    const point = await page.evaluate(() => {
      const r = document.querySelector('cdt-lens-card')!.getBoundingClientRect();
      return { x: r.left + 40, y: r.top + 20 };
    });
    await page.mouse.move(point.x, point.y, { steps: 8 });
    await new Promise((r) => setTimeout(r, 900));
    expect(await cardText(page)).toContain('D0120');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps the card usable in a modal that makes the rest of the page inert', async () => {
    // The host made before the modal opens (the modal makes it inert with the page), and made while
    // the modal is open (the modal hides it as it is added). The modal does not say it is one
    // (no aria-modal), so the host stays in the body.
    for (const before of [true, false]) {
      const page = await openPage(b, `${base}/inert-modal.html#unmarked`);
      await waitForHighlights(page, 2);
      if (before) {
        await hoverText(page, 'D0120');
        await waitForCard(page, 'not the official ADA descriptor');
        await page.keyboard.press('Escape');
      }
      await page.click('#open');
      await pinCard(page, 'D2740');
      expect(
        await page.evaluate(() => {
          const host = document.querySelector('cdt-lens-card')!;
          return [host.hasAttribute('inert'), host.hasAttribute('aria-hidden')];
        }),
      ).toEqual([false, false]);
      await page.close();
    }
  });

  it('keeps the card whole in the viewport at its edges, beside its code, on a zoomed page too', async () => {
    /** Waits until the card is whole in the viewport, off its code; says where it went. */
    const placed = async (page: Page, code: string) => {
      const where = await page.waitForFunction(
        (wanted) => {
          const card = document.querySelector('cdt-lens-card')!.getBoundingClientRect();
          const text = [...document.querySelectorAll('p')].find((p) =>
            p.textContent.includes(wanted),
          )!.firstChild as Text;
          const range = document.createRange();
          range.setStart(text, text.data.indexOf(wanted));
          range.setEnd(text, text.data.indexOf(wanted) + wanted.length);
          const at = range.getBoundingClientRect();
          const whole =
            card.left >= 8 &&
            card.top >= 8 &&
            card.right <= innerWidth - 8 &&
            card.bottom <= innerHeight - 8;
          const apart = card.bottom <= at.top || card.top >= at.bottom;
          return (
            whole &&
            apart &&
            card.width > 300 &&
            card.width <= 421 && {
              above: card.bottom <= at.top,
              alignedLeft: Math.abs(card.left - at.left) < 1,
            }
          );
        },
        { timeout: 3000, polling: 50 },
        code,
      );
      return where.jsonValue();
    };
    // On the page as it is, then zoomed (`body { zoom: 1.5 }`): the card is drawn and placed at the
    // viewport's scale, not the page's.
    for (const hash of ['', '#zoomed']) {
      const page = await openPage(b, `${base}/edges.html${hash}`);
      await waitForHighlights(page, 4);
      for (const [code, above, alignedLeft] of [
        ['D0120', false, true],
        ['D1110', false, false],
        ['D0274', true, true],
        ['D2740', true, false],
      ] as const) {
        await hoverText(page, code);
        await waitForCard(page, 'not the official ADA descriptor');
        expect(await placed(page, code), `${code}${hash}`).toEqual({ above, alignedLeft });
        await page.keyboard.press('Escape');
      }
      await page.close();
    }
    // Stepping through a card's related codes changes its size: the card is placed again for each
    // (above the code at the bottom edge, a taller card would otherwise run over it and off screen).
    const page = await openPage(b, `${base}/edges.html`);
    await waitForHighlights(page, 4);
    await hoverText(page, 'D0274');
    await waitForCard(page, 'not the official ADA descriptor');
    const related = () =>
      page.evaluate(() =>
        [
          ...document
            .querySelector('cdt-lens-card')!
            .shadowRoot!.querySelectorAll<HTMLElement>('.cdt-related button'),
        ].map((el) => el.textContent),
      );
    /** Waits until the card shows `code`'s details; says what it showed instead if it does not. */
    const showing = (code: string) =>
      page
        .waitForFunction(
          (c) => {
            const panel = document
              .querySelector('cdt-lens-card')
              ?.shadowRoot?.querySelector('.cdt-panel');
            return (
              panel?.getAttribute('aria-label') === `CDT code ${c}` &&
              !panel.querySelector('.cdt-loading')
            );
          },
          { timeout: 5000, polling: 50 },
          code,
        )
        .catch(async () => {
          const seen = await page.evaluate(() => {
            const host = document.querySelector('cdt-lens-card');
            const panel = host?.shadowRoot?.querySelector('.cdt-panel');
            return `open ${host?.matches(':popover-open')}, ${panel?.getAttribute('aria-label')}: ${panel?.textContent?.slice(0, 80)}`;
          });
          throw new Error(`the card did not show ${code}'s details (${seen})`);
        });
    const steps = await related();
    expect(steps.length).toBeGreaterThan(1);
    for (const [i, step] of steps.entries()) {
      await page.evaluate(
        (n) =>
          document
            .querySelector('cdt-lens-card')!
            .shadowRoot!.querySelectorAll<HTMLElement>('.cdt-related button')
            [n]!.click(),
        i,
      );
      await showing(step);
      expect(await placed(page, 'D0274'), `D0274 → ${step}`).toMatchObject({ above: true });
      await page.evaluate(() =>
        document
          .querySelector('cdt-lens-card')!
          .shadowRoot!.querySelector<HTMLElement>('[aria-label=Back]')!
          .click(),
      );
      await showing('D0274');
    }
    await page.close();
  });

  it('prints the page as it is: no mark and no card on paper', async () => {
    const page = await openPage(b, `${base}/claims.html`);
    await waitForHighlights(page, 6);
    const clearMarks = () =>
      page.evaluate(() => {
        const w = window as unknown as { saved: [string, Highlight][] };
        w.saved = [...CSS.highlights];
        CSS.highlights.clear();
      });
    const restoreMarks = () =>
      page.evaluate(() => {
        for (const [name, h] of (window as unknown as { saved: [string, Highlight][] }).saved)
          CSS.highlights.set(name, h);
      });
    if (name === 'firefox') {
      // Puppeteer cannot emulate print media over WebDriver BiDi: Firefox's own print to PDF,
      // with the marks and a card open, must draw what the page's without either does.
      await hoverText(page, 'D0274');
      await waitForCard(page, 'not the official ADA descriptor');
      const printed = pdfContent(await page.pdf());
      await page.keyboard.press('Escape');
      await clearMarks();
      const bare = pdfContent(await page.pdf());
      expect(printed === bare).toBe(true);
      await page.close();
      return;
    }
    const { x, y } = await pointAtText(page, 'D0120');
    const clip = { x: x - 40, y: y - 14, width: 80, height: 28 };
    /** The code's area, with the marks and without them (the registry emptied for a moment). */
    const shots = async () => {
      const marked = await page.screenshot({ clip, encoding: 'base64' });
      await clearMarks();
      const bare = await page.screenshot({ clip, encoding: 'base64' });
      await restoreMarks();
      return { marked, bare };
    };
    const screen = await shots();
    // The comparison sees the marks on screen...
    expect(screen.marked).not.toBe(screen.bare);
    await hoverText(page, 'D0274');
    await waitForCard(page, 'not the official ADA descriptor');
    await page.emulateMediaType('print');
    // ...and none in print, where the open card is not shown either.
    const paper = await shots();
    expect(paper.marked).toBe(paper.bare);
    expect(
      await page.evaluate(() => getComputedStyle(document.querySelector('cdt-lens-card')!).display),
    ).toBe('none');
    await page.close();
  });

  it("opens a code's first card whole: its details are asked for during the dwell", async () => {
    // A dwell longer than the default leaves the background ample time to answer on a busy machine.
    await setStorage(b, { hoverTrigger: { delayMs: 600, modifier: 'none' } });
    try {
      const page = await openPage(b, `${base}/claims.html`);
      await waitForHighlights(page, 6);
      // In the page's world: every text the card ever shows, from its first render on.
      await page.evaluate(() => {
        const w = window as unknown as { shown: string[] };
        w.shown = [];
        new MutationObserver((records) => {
          for (const r of records)
            for (const host of r.addedNodes) {
              if (!(host instanceof Element) || host.localName !== 'cdt-lens-card') continue;
              const root = host.shadowRoot!;
              w.shown.push(root.textContent);
              new MutationObserver((changes) => {
                for (const c of changes) {
                  w.shown.push(c.target.textContent ?? '');
                  for (const n of c.addedNodes) w.shown.push(n.textContent ?? '');
                }
              }).observe(root, { subtree: true, childList: true, characterData: true });
            }
        }).observe(document.body, { childList: true });
      });
      for (const code of ['D0120', 'D2740']) {
        await hoverText(page, code);
        await waitForCard(page, 'not the official ADA descriptor');
        await page.keyboard.press('Escape');
      }
      const shown = await page.evaluate(() => (window as unknown as { shown: string[] }).shown);
      expect(shown.join(' ')).toContain('D2740');
      expect(shown.filter((t) => t.includes('Looking up'))).toEqual([]);
      await page.close();
    } finally {
      await setStorage(b, { hoverTrigger: { delayMs: 250, modifier: 'none' } });
    }
  });

  it('marks and explains codes in shadow roots and iframes', async () => {
    const page = await openPage(b, `${base}/frames.html`);
    await waitForHighlights(page, 2);
    expect(await highlightedTexts(page)).toEqual(expect.arrayContaining(['D0120', 'D2392']));
    // The small same-origin frame shows a few rows: those are marked; the rest are marked as the
    // frame scrolls to them.
    const same = frameOf(page, (f) => f.url().endsWith('/claims.html'));
    await waitForHighlights(same, 1);
    await same.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await same.waitForFunction(
      () =>
        [
          ...((CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights.get(
            'cdt-code',
          ) ?? []),
        ]
          .map((r) => (r.startContainer as Text).data.slice(r.startOffset, r.endOffset))
          .includes('D4910'),
      { timeout: 5000, polling: 50 },
    );
    const srcdoc = frameOf(page, (f) => f.url() === 'about:srcdoc');
    await waitForHighlights(srcdoc, 2);
    expect(await highlightedTexts(srcdoc)).toEqual(['D4341', 'D4342']);
    const blank = frameOf(page, (f) => f.url() === 'about:blank' && f !== page.mainFrame());
    await waitForHighlights(blank, 1);
    await page.close();
  });

  it('marks and explains codes in sandboxed, data: and blob: frames', async () => {
    const page = await openPage(b, `${base}/sandboxed.html`);
    await page.waitForFunction(() => document.querySelector<HTMLIFrameElement>('#blob')!.src);
    for (const [id, url, code, cardIn] of [
      ['sandboxed', 'about:srcdoc', 'D2740', 'top'],
      ['data', 'data:', 'D4910', 'frame'],
      ['blob', 'blob:', 'D0274', 'frame'],
    ] as const) {
      const frame = frameOf(page, (f) => f.url().startsWith(url));
      await waitForHighlights(frame, 1);
      expect(await highlightedTexts(frame)).toEqual([code]);
      // The pointer on the code: the frame's box in the page plus the code's box in the frame.
      const box = await page.evaluate((i) => {
        const el = document.getElementById(i)!;
        el.scrollIntoView({ block: 'nearest' });
        return el.getBoundingClientRect().toJSON() as DOMRect;
      }, id);
      const at = await pointAtText(frame, code);
      await page.mouse.move(2, 2);
      await page.mouse.move(box.left + at.x, box.top + at.y, { steps: 3 });
      // A small frame's card is shown by the top frame; a tall one's in the frame itself.
      expect(
        await waitForCard(cardIn === 'top' ? page : frame, 'not the official ADA descriptor'),
      ).toContain(code);
      await page.keyboard.press('Escape');
    }
    await page.close();
  });

  it('marks no code in text the user is editing', async () => {
    const page = await openPage(b, `${base}/editable.html`);
    await waitForHighlights(page, 4);
    // Give a wrongly kept mark time to be registered before reading them all.
    await new Promise((r) => setTimeout(r, 300));
    // The non-editable chip inside the note is page text.
    expect((await highlightedTexts(page)).sort()).toEqual(['D0120', 'D1110', 'D2740', 'D4910']);
    await page.close();
  });

  it('opens the card for a code the pointer came to rest on before the first scan reached it', async () => {
    const page = await b.browser.newPage();
    await page.goto(`${base}/late-code.html`, { waitUntil: 'domcontentloaded' });
    await page.bringToFront();
    // The page side has started and is still in the archive (the code is not marked yet) when the
    // pointer arrives on the summary bar, written after it.
    await waitForHighlights(page, 1);
    await hoverText(page, 'D9110');
    expect(await highlightedTexts(page)).not.toContain('D9110');
    // It does not move again: the card comes once the scan has found the code under it.
    expect(await waitForCard(page, 'not the official ADA descriptor', 10_000)).toContain('D9110');
    await page.close();
  });

  it('marks the rows a jump lands on in a long table of tall rows, and a row a sort moves', async () => {
    const page = await openPage(b, `${base}/long-table.html`);
    await waitForHighlights(page, 1);
    /** Waits until row `i`'s code is registered as a mark, or (`on` false) until it is not. */
    const marked = (i: number, on = true) =>
      page.waitForFunction(
        (id, want) => {
          const node = document.querySelector(`#${id} td.code`)!.firstChild;
          const ranges = (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> })
            .highlights;
          return (
            [...(ranges.get('cdt-code') ?? [])].some((r) => r.startContainer === node) === want
          );
        },
        { timeout: 5000, polling: 50 },
        `r${i}`,
        on,
      );
    // The first rows are shown before the observer answers; its answers then hide the far ones.
    await marked(48, false);
    await marked(0);
    // Row 48 (rows are 300 px tall), none of its neighbours near at load: a jump straight to it
    // crosses no observed row on the way.
    await page.evaluate(() => document.getElementById('r48')!.scrollIntoView({ block: 'center' }));
    await marked(48);
    // The page sorts: short row 150 moves to the top, far from the rows it was tracked with (it is
    // not an end of their group, so nothing observed moves).
    await page.evaluate(() => {
      document.getElementById('rows')!.prepend(document.getElementById('r150')!);
      window.scrollTo(0, 0);
    });
    await marked(150);
    await page.close();
  });

  it('shows the card of a code in a small iframe in the top frame, next to the frame, unclipped', async () => {
    const page = await openPage(b, `${base}/frames.html`);
    const srcdoc = frameOf(page, (f) => f.url() === 'about:srcdoc');
    await waitForHighlights(srcdoc, 2);
    const inFrame = await pointAtText(srcdoc, 'D4341');
    const frameBox = await page.$eval('#srcdoc', (f) => {
      const r = f.getBoundingClientRect();
      return { x: r.left + f.clientLeft, y: r.top + f.clientTop, bottom: r.bottom };
    });
    const point = { x: frameBox.x + inFrame.x, y: frameBox.y + inFrame.y };
    await page.mouse.move(2, 2);
    await page.mouse.move(point.x, point.y, { steps: 3 });
    expect(await waitForCard(page, 'not the official ADA descriptor')).toContain('D4341');
    expect(await cardText(srcdoc)).toBeNull();
    // Below the code, whole, in the page's viewport: not cut off at the frame's 60 px.
    const card = await page.$eval('cdt-lens-card', (h) => {
      const r = h.shadowRoot!.querySelector('.cdt-panel')!.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, height: r.height, vh: innerHeight };
    });
    expect(card.top).toBeGreaterThan(point.y);
    expect(card.top - point.y).toBeLessThan(40);
    expect(card.height).toBeGreaterThan(100);
    expect(card.bottom).toBeLessThanOrEqual(card.vh);
    // The pointer can travel into the card; it closes once the pointer leaves for the page.
    await page.mouse.move(point.x + 10, card.top + 20, { steps: 4 });
    await new Promise((r) => setTimeout(r, 700));
    expect(await cardText(page)).not.toBeNull();
    await page.mouse.move(2, 2, { steps: 2 });
    await page.waitForFunction(
      () => !document.querySelector('cdt-lens-card')?.matches(':popover-open'),
      {
        timeout: 3000,
      },
    );
    // Pointer off the code inside the frame: the frame tells the top frame, and it closes too.
    await page.mouse.move(point.x, point.y, { steps: 3 });
    await waitForCard(page, 'D4341');
    await page.mouse.move(point.x + 300, point.y, { steps: 3 });
    await page.waitForFunction(
      () => !document.querySelector('cdt-lens-card')?.matches(':popover-open'),
      {
        timeout: 3000,
      },
    );
    await page.close();
  });

  it('opens the card for a code in an open shadow root', async () => {
    const page = await openPage(b, `${base}/frames.html`);
    await waitForHighlights(page, 2);
    const point = await pointInShadow(page, 'shadow-host', 'D2392');
    await page.mouse.move(2, 2);
    await page.mouse.move(point.x, point.y, { steps: 3 });
    expect(await waitForCard(page, 'not the official ADA descriptor')).toContain('D2392');
    await page.close();
  });

  it('finds codes a web component shows after the first scan, in a shadow root it had or got later', async () => {
    const page = await openPage(b, `${base}/late-shadow.html`);
    await waitForHighlights(page, 1);
    // The first scan has long walked the components (a page this small takes milliseconds).
    await new Promise((r) => setTimeout(r, 500));
    // Filled in place: watched like the document, so marked without the pointer's help.
    /** Waits until a mark starts in a text holding `code`. */
    const markOn = (code: string) =>
      page.waitForFunction(
        (wanted) =>
          [
            ...((CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights.get(
              'cdt-code',
            ) ?? []),
          ].some((r) => (r.startContainer as Text).data.includes(wanted)),
        { timeout: 5000, polling: 50 },
        code,
      );
    await page.evaluate(() => (window as unknown as { render(): void }).render());
    await markOn('D2740');
    let point = await pointInShadow(page, 'lines', 'D2740');
    await page.mouse.move(2, 2);
    await page.mouse.move(point.x, point.y, { steps: 3 });
    expect(await waitForCard(page, 'not the official ADA descriptor')).toContain('D2740');
    // Attached later: nothing tells the page side until the pointer comes over it.
    await page.evaluate(() => (window as unknown as { attach(): void }).attach());
    point = await pointInShadow(page, 'notes', 'D2950');
    await page.mouse.move(2, 2);
    await page.mouse.move(point.x, point.y, { steps: 3 });
    expect(await waitForCard(page, 'not the official ADA descriptor')).toContain('D2950');
    await markOn('D2950');
    await page.close();
  });

  it('moves the card to the next cell holding the same code (each occurrence has its own card)', async () => {
    const page = await openPage(b, `${base}/spa.html`);
    await page.evaluate(() => {
      const spa = (window as unknown as { spa: { add(c: string, l: string): void } }).spa;
      spa.add('D0150', 'First visit');
      spa.add('D0150', 'Second visit');
    });
    await waitForHighlights(page, 2);
    const cardTop = () =>
      page.$eval('cdt-lens-card', (h) => Math.round(h.getBoundingClientRect().top));
    // The lower row first: its card opens below it, clear of the row above.
    await hoverText(page, 'D0150', 1);
    await waitForCard(page, 'not the official ADA descriptor');
    const first = await cardTop();
    // Straight up to the same code in the row above, without leaving codes in between.
    const above = await pointAtText(page, 'D0150', 0);
    await page.mouse.move(above.x, above.y, { steps: 2 });
    await page.waitForFunction(
      (top: number) =>
        Math.round(document.querySelector('cdt-lens-card')!.getBoundingClientRect().top) < top,
      { timeout: 3000, polling: 50 },
      first,
    );
    expect(await cardTop()).toBeLessThan(first);
    await page.close();
  });

  it('follows a single-page app: new rows marked, changed text rescanned, removed rows forgotten', async () => {
    const page = await openPage(b, `${base}/spa.html`);
    await page.evaluate(() => {
      const spa = (window as unknown as { spa: { add(c: string, l: string): void } }).spa;
      spa.add('D0150', 'Comprehensive exam');
      spa.add('D0330', 'Panoramic image');
      spa.add('D1352', 'Old sealant-type code');
    });
    await waitForHighlights(page, 2);
    await waitForHighlights(page, 1, 'cdt-code-deleted');
    expect((await highlightedTexts(page)).sort()).toEqual(['D0150', 'D0330']);
    await page.evaluate(() => {
      const spa = (
        window as unknown as {
          spa: { setText(i: number, t: string): void; remove(i: number): void };
        }
      ).spa;
      spa.setText(0, 'D0140');
      spa.remove(2);
    });
    await page.waitForFunction(
      () => {
        const h = (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights;
        const texts = [...(h.get('cdt-code') ?? [])].map((r) =>
          (r.startContainer as Text).data.slice(r.startOffset, r.endOffset),
        );
        return (
          texts.includes('D0140') &&
          !texts.includes('D0150') &&
          (h.get('cdt-code-deleted')?.size ?? 0) === 0
        );
      },
      { timeout: 5000, polling: 50 },
    );
    await hoverText(page, 'D0140');
    expect(await waitForCard(page, 'not the official ADA descriptor')).toContain('D0140');
    // Text under an open card changes: the card follows the new code.
    await page.evaluate(() => {
      (window as unknown as { spa: { setText(i: number, t: string): void } }).spa.setText(
        0,
        'D0150',
      );
    });
    await waitForCard(page, 'Complete');
    // The app's own changes (rows and their text) aside, nothing else changed.
    const own = new Set(['tbody', 'td', '#text']);
    expect((await foreignMutations(page)).filter((m) => !own.has(m.target))).toEqual([]);
    await page.close();
  });

  it('has no accessibility violations in the card, light or dark', async () => {
    const page = await openPage(b, `${base}/claims.html`);
    await waitForHighlights(page, 6);
    for (const theme of ['light', 'dark'] as const) {
      await setStorage(b, { theme });
      await hoverText(page, 'D2740');
      await waitForCard(page, 'not the official ADA descriptor');
      expect(await axeViolations(page, 'cdt-lens-card')).toEqual([]);
      expect(
        await page.evaluate(
          () =>
            document
              .querySelector('cdt-lens-card')!
              .shadowRoot!.querySelector<HTMLElement>('.cdt-root')!.dataset.theme,
        ),
      ).toBe(theme);
      await page.keyboard.press('Escape');
    }
    await setStorage(b, {});
    await page.close();
  });

  it('keeps the card on its code while scrolling, and closes it when the code scrolls away', async () => {
    const page = await openPage(b, `${base}/spa.html`);
    await page.evaluate(() => {
      const spa = (window as unknown as { spa: { add(c: string, l: string): void } }).spa;
      spa.add('D2740', 'Crown');
      for (let i = 0; i < 150; i++) spa.add('—', `Row ${i}`);
    });
    await waitForHighlights(page, 1);
    await hoverText(page, 'D2740');
    await waitForCard(page, 'not the official ADA descriptor');
    const cardTop = () =>
      page.evaluate(() => document.querySelector('cdt-lens-card')!.getClientRects()[0]?.top ?? NaN);
    const before = await cardTop();
    await page.evaluate(() => window.scrollBy(0, 30));
    await page.waitForFunction(
      (y: number) => {
        const r = document.querySelector('cdt-lens-card')!.getClientRects()[0];
        return r !== undefined && Math.abs(r.top - (y - 30)) < 2;
      },
      { timeout: 3000, polling: 50 },
      before,
    );
    await page.evaluate(() => window.scrollBy(0, 3000));
    await page.waitForFunction(
      () => !document.querySelector('cdt-lens-card')!.matches(':popover-open'),
      {
        timeout: 3000,
        polling: 50,
      },
    );
    await page.close();
  });

  it('finds the code under the pointer only over its glyphs', async () => {
    const page = await openPage(b, `${base}/claims.html`);
    await waitForHighlights(page, 6);
    const { x, y } = await pointAtText(page, 'Periodic exam');
    await page.mouse.move(x, y, { steps: 2 });
    await new Promise((r) => setTimeout(r, 700));
    expect(
      await page.evaluate(
        () => document.querySelector('cdt-lens-card')?.matches(':popover-open') ?? false,
      ),
    ).toBe(false);
    await page.close();
  });
});

describe.each(BROWSERS)('%s: a React app that re-renders every 100 ms', (name) => {
  let b: ExtensionBrowser;
  beforeAll(async () => {
    b = await launchWithExtension(name);
  });
  afterAll(async () => {
    await b?.close();
  });

  it('keeps every code marked and hoverable, with no React error or warning', async () => {
    const page = await b.browser.newPage();
    const messages: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warn') messages.push(m.text());
    });
    page.on('pageerror', (e) => messages.push(String(e)));
    await page.goto(`${base}/react.html`, { waitUntil: 'load' });
    await page.bringToFront();
    await waitForHighlights(page, 5);
    // Two seconds of re-renders: every code on screen stays marked.
    for (let i = 0; i < 10; i++) {
      await new Promise((r) => setTimeout(r, 200));
      expect((await highlightedTexts(page)).sort()).toEqual([
        'D0120',
        'D0274',
        'D1110',
        'D2392',
        'D2740',
      ]);
    }
    const renders = await page.evaluate(
      () => (window as unknown as { reactRenders: number }).reactRenders,
    );
    expect(renders).toBeGreaterThan(10);
    await hoverText(page, 'D1110');
    expect(await waitForCard(page, 'not the official ADA descriptor')).toContain('D1110');
    expect(messages).toEqual([]);
    await page.close();
  });
});

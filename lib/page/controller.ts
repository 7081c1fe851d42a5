/**
 * Runs the extension on one document: scans and marks codes, watches changes, and opens the card
 * for the code under the pointer. UI comes in as a render function, so this stays free of Preact.
 */
import type { CodeMatch } from '../detect/index';
import { CARD_HOST_TAG, createCardHost } from './card-host';
import type { Modifier, Theme } from '../settings';
import { createHighlighter, type MarkStyle } from './highlighter';
import { codeAtPoint, type CodeHit, matchRange } from './hit-test';
import { createHoverController } from './hover';
import { type MatchIndex, scan } from './scanner';
import { createMutationBatcher } from './mutations';
import { perfScanned } from './perf';
import { selectionAnchor } from './selection';
import { createViewportGate } from './viewport';

/** What the card renderer gets. */
export interface CardProps {
  /** The code to show first. */
  code: string;
  /** Several codes (a selection): the card lists them. */
  codes?: string[];
  /** A selection without a code: the card searches these words instead. */
  query?: string;
  /** Closes the card. */
  onClose: () => void;
  /** Pinning keeps the card open when the pointer leaves. */
  onPinChange: (pinned: boolean) => void;
}

/** The user's settings that shape the page side; changes apply live through `configure`. */
export interface PageConfig {
  marks: MarkStyle;
  /** Dwell before a hover opens the card, in ms. */
  dwellMs: number;
  /** Key that must be held for hover cards; `none` for plain hover. */
  modifier: Modifier;
  theme: Theme;
}

/** What the page controller needs from its entrypoint. */
export interface PageDeps {
  detect: (text: string) => CodeMatch[];
  /** The card's stylesheet text, adopted by the card's shadow root. */
  cardCss: string;
  /** Renders the card into `mount`, or unmounts it when `props` is null. */
  renderCard: (mount: HTMLElement, props: CardProps | null) => void;
  config: PageConfig;
  /** Told the codes of the page after each scan (at most every REPORT_MS). */
  onCodes?: (matches: CodeMatch[]) => void;
}

/** Least time between two reports of the page's codes: a busy page reports a few times a second. */
export const REPORT_MS = 500;
/** How long a revealed code flashes, in ms. */
export const FLASH_MS = 1500;

/** A running page: what the entrypoint and tests can ask of it. */
export interface PageController {
  /** Codes found so far, in document order of discovery. */
  codes(): CodeMatch[];
  /** Opens a lookup card for selected text at the selection or focused field; false for no text. */
  showSelection(text: string): boolean;
  /** Resolves when the first full scan is done. */
  ready: Promise<void>;
  /** Applies changed settings at once. */
  configure(config: PageConfig): void;
  /** Scrolls to the next occurrence of `code` and flashes it; false when the page has none. */
  reveal(code: string): boolean;
}

/** Starts the page side on `win`'s document until `signal` aborts. */
export function startPage(
  win: Window & typeof globalThis,
  deps: PageDeps,
  signal: AbortSignal,
): PageController {
  const doc = win.document;
  const index: MatchIndex = new WeakMap();
  const marked = new Set<Text>();
  let config = deps.config;
  /** Which occurrence of each code "reveal" shows next. */
  const revealed = new Map<string, number>();
  let flashTimer: ReturnType<typeof setTimeout> | undefined;
  const highlighter = createHighlighter(win, config.marks);
  const cardHost = createCardHost(doc, deps.cardCss);
  let lastHit: CodeHit | undefined;

  const gate = createViewportGate(
    win,
    (node) => {
      const matches = index.get(node);
      if (matches) highlighter.add(node, matches);
    },
    (node) => highlighter.remove(node),
  );
  const found = (node: Text, matches: readonly CodeMatch[]) => {
    if (matches.length === 0) {
      marked.delete(node);
      gate.untrack(node);
      return;
    }
    marked.add(node);
    // Changed text: its old ranges go, the new ones come when (or as soon as) it is near view.
    highlighter.remove(node);
    gate.track(node);
  };
  const sweep = () => {
    for (const node of marked)
      if (!node.isConnected) {
        marked.delete(node);
        gate.untrack(node);
        index.delete(node);
      }
  };

  /** Where the open card points: recomputed as the page scrolls. */
  let anchor: (() => DOMRect) | undefined;
  let pinned = false;
  const closeCard = () => {
    anchor = undefined;
    pinned = false;
    // Never create the host just to close it.
    if (!cardHost.isOpen()) return;
    deps.renderCard(cardHost.mount, null);
    cardHost.hide();
  };
  const dismiss = () => {
    hover.dismiss();
    closeCard();
  };
  const openCard = (
    at: () => DOMRect,
    props: Omit<CardProps, 'onClose' | 'onPinChange'>,
    pin = false,
  ) => {
    anchor = at;
    pinned = pin;
    cardHost.mount.dataset.theme = config.theme;
    deps.renderCard(cardHost.mount, {
      ...props,
      onClose: dismiss,
      onPinChange: (p) => {
        pinned = p;
        hover.setPinned(p);
      },
    });
    void cardHost.show(at());
  };

  const hover = createHoverController<CodeHit>(
    {
      key: (h) => `${h.match.start}:${h.match.code}`,
      open: (h) =>
        openCard(() => (h.node.isConnected ? liveRect(h) : h.rect), { code: h.match.code }),
      close: closeCard,
    },
    () => config.dwellMs,
  );

  /** The code's box now (the page may have scrolled since the hit). */
  function liveRect(h: CodeHit): DOMRect {
    return matchRange(doc, h.node, h.match).getBoundingClientRect();
  }

  let frame = 0;
  let pointer: { x: number; y: number; inCard: boolean } | undefined;
  /** Hit-tests the last pointer position on the next frame (one test per frame at most). */
  const retest = () => {
    frame ||= win.requestAnimationFrame(() => {
      frame = 0;
      if (!pointer || signal.aborted) return;
      hover.pointerInCard(pointer.inCard);
      if (pointer.inCard) return;
      lastHit = codeAtPoint(doc, index, pointer.x, pointer.y);
      hover.pointerAt(lastHit);
    });
  };
  const onPointerMove = (e: PointerEvent) => {
    pointer = { x: e.clientX, y: e.clientY, inCard: cardHost.contains(e.composedPath()) };
    // With a modifier required, the pointer without it is over nothing.
    if (config.modifier !== 'none' && !e.getModifierState(config.modifier) && !pointer.inCard) {
      hover.pointerAt(undefined);
      return;
    }
    retest();
  };
  const listen = { capture: true, passive: true, signal };
  doc.addEventListener('pointermove', onPointerMove, listen);
  // Scrolling (the page or any scroll container): the card follows its code, and closes when the
  // code has left the viewport, unless it is pinned.
  let scrollFrame = 0;
  const onScroll = () => {
    scrollFrame ||= win.requestAnimationFrame(() => {
      scrollFrame = 0;
      if (!anchor || !cardHost.isOpen()) return;
      const r = anchor();
      const away =
        r.bottom < 0 || r.top > win.innerHeight || r.right < 0 || r.left > win.innerWidth;
      if (away && !pinned) dismiss();
      else void cardHost.show(r);
    });
  };
  doc.addEventListener('scroll', onScroll, listen);
  doc.addEventListener(
    'keydown',
    (e) => {
      if (e.key === 'Escape' && cardHost.isOpen()) dismiss();
    },
    { capture: true, signal },
  );

  let reportTimer: ReturnType<typeof setTimeout> | undefined;
  const report = () => {
    if (!deps.onCodes || reportTimer) return;
    reportTimer = setTimeout(() => {
      reportTimer = undefined;
      if (!signal.aborted) deps.onCodes?.(codes());
    }, REPORT_MS);
  };
  const codes = () => [...marked].filter((n) => n.isConnected).flatMap((n) => index.get(n) ?? []);

  const scanStart = performance.now();
  const ready = scan(doc, deps.detect, index, found, signal).then((stats) => {
    perfScanned(scanStart, stats);
    if (!signal.aborted) deps.onCodes?.(codes());
  });
  const batcher = createMutationBatcher(
    doc,
    signal,
    {
      removed: sweep,
      changed: (roots) => {
        // Text under the pointer may have changed: test the point again once the rescan is done.
        void Promise.all(roots.map((root) => scan(root, deps.detect, index, found, signal))).then(
          () => {
            retest();
            report();
          },
        );
      },
    },
    (el) => el.localName === CARD_HOST_TAG,
  );

  signal.addEventListener('abort', () => {
    hover.dispose();
    batcher.disconnect();
    gate.disconnect();
    if (frame) win.cancelAnimationFrame(frame);
    if (scrollFrame) win.cancelAnimationFrame(scrollFrame);
    clearTimeout(reportTimer);
    clearTimeout(flashTimer);
    highlighter.clear();
    cardHost.destroy();
  });

  return {
    ready,
    configure(next) {
      if (
        next.marks.style !== config.marks.style ||
        next.marks.deletedWarnings !== config.marks.deletedWarnings
      )
        highlighter.restyle(next.marks);
      config = next;
    },
    codes,
    reveal(code) {
      const all = [...marked]
        .filter((n) => n.isConnected)
        .flatMap((node) =>
          (index.get(node) ?? []).filter((m) => m.code === code).map((m) => ({ node, m })),
        )
        .sort((a, b) =>
          a.node === b.node
            ? a.m.start - b.m.start
            : a.node.compareDocumentPosition(b.node) & Node.DOCUMENT_POSITION_FOLLOWING
              ? -1
              : 1,
        );
      if (all.length === 0) return false;
      const next = all[revealed.get(code) ?? 0] ?? all[0]!;
      revealed.set(code, (all.indexOf(next) + 1) % all.length);
      next.node.parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' });
      highlighter.flash(next.node, next.m);
      clearTimeout(flashTimer);
      flashTimer = setTimeout(() => highlighter.flash(undefined), FLASH_MS);
      return true;
    },
    showSelection(text) {
      const query = text.trim();
      if (!query) return false;
      const codes = [...new Set(deps.detect(query).map((m) => m.code))];
      dismiss();
      // A lookup the user asked for stays until closed, like a pinned card. Without a code, the
      // card searches the words (or says that nothing was found, with the search box filled in).
      const props = codes[0] ? { code: codes[0], codes } : { code: '', query };
      openCard(selectionAnchor(win), props, true);
      hover.setPinned(true);
      return true;
    },
  };
}

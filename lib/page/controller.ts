/**
 * Runs the extension on one document: scans and marks codes, watches changes, and opens the card
 * for the code under the pointer. UI comes in as a render function, so this stays free of Preact.
 */
import type { CodeMatch } from '../detect/index';
import { CARD_HOST_TAG, type CardUi, createCardHost } from './card-host';
import { type CodeCounts, countCodes } from '../page-codes';
import type { Modifier, Theme } from '../setting-defs';
import { createHighlighter, type MarkStyle } from './highlighter';
import { codeAtPoint, type CodeHit, matchRange, shadowRootsAt } from './hit-test';
import { createHoverController } from './hover';
import { MatchIndex, type NodeDetector, scan, sharedDetector } from './scanner';
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
  /** The user's theme for the card. */
  theme: Theme;
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

/** A card a small frame asks its top frame to show (a card would be clipped inside the frame). */
export interface FrameCardRequest {
  props: Omit<CardProps, 'onClose' | 'onPinChange' | 'theme'>;
  /** The code's (or selection's) box in the frame's viewport. */
  rect: { x: number; y: number; width: number; height: number };
  /** The frame's viewport size, to find its element in the top frame. */
  frame: { width: number; height: number };
  /** Address of the frame's document, to tell frames of the same size apart. */
  url: string;
  pin: boolean;
  focus: boolean;
}

/**
 * Frames smaller than this show their cards in the top frame: the card (up to 420 px wide and
 * usually 150–300 px tall) would be clipped inside them.
 */
export const SMALL_FRAME = { width: 360, height: 240 } as const;

/** What the page controller needs from its entrypoint. */
export interface PageDeps {
  detect: (text: string) => CodeMatch[];
  /** Loads the card's UI (once; the same promise every time), on first need. */
  loadCardUi: () => Promise<CardUi>;
  /** Asks for a code's details ahead of its card, during the dwell, so the card opens whole. */
  prefetch?: (code: string) => void;
  /** Detection across text nodes that read as one (the PDF viewer's text layers). */
  detectIn?: NodeDetector;
  config: PageConfig;
  /** Told the codes of the page after each scan (at most every REPORT_MS). */
  onCodes?: (counts: CodeCounts) => void;
  /** Asks the top frame to show a small frame's card; false when it cannot (then it shows here). */
  openInTop?: (request: FrameCardRequest) => Promise<boolean>;
  /** Tells the top frame the card is done: `force` for Escape or Close, else the pointer left. */
  closeInTop?: (force: boolean) => void;
}

/** Least time between two reports of the page's codes: a busy page reports a few times a second. */
export const REPORT_MS = 500;
/** How long a revealed code flashes, in ms. */
export const FLASH_MS = 1500;

/** A running page: what the entrypoint and tests can ask of it. */
export interface PageController {
  /** Counts per code of the codes on the page now. */
  counts(): CodeCounts;
  /** Opens a lookup card for selected text at the selection or focused field; false for no text. */
  showSelection(text: string): boolean;
  /** Resolves when the first full scan is done. */
  ready: Promise<void>;
  /** Applies changed settings at once. */
  configure(config: PageConfig): void;
  /** Scrolls to the next occurrence of `code` and flashes it; false when the page has none. */
  reveal(code: string): boolean;
  /** Moves keyboard focus into the open card; false when none is open. */
  focusCard(): boolean;
  /** Top frame: shows a small frame's card next to that frame; false when the frame is not found. */
  showFrameCard(request: FrameCardRequest): Promise<boolean>;
  /** Top frame: the small frame's card is done (see PageDeps.closeInTop). */
  closeFrameCard(force: boolean): void;
}

/** What the hover controller tracks: a code under the pointer, or a frame's card. */
interface HoverItem {
  key: string;
  open(): void;
}

/** Starts the page side on `win`'s document until `signal` aborts. */
export function startPage(
  win: Window & typeof globalThis,
  deps: PageDeps,
  signal: AbortSignal,
): PageController {
  const doc = win.document;
  /** Text nodes with codes, in the order found: the page's marks, whether registered or not. */
  const index = new MatchIndex();
  let config = deps.config;
  /** Which occurrence of each code "reveal" shows next. */
  const revealed = new Map<string, number>();
  let flashTimer: ReturnType<typeof setTimeout> | undefined;
  const highlighter = createHighlighter(win, config.marks);
  const cardHost = createCardHost(doc);
  /** Counts cards asked for: a card whose UI arrives after a newer request (or a close) is dropped. */
  let cardRequest = 0;
  let lastHit: CodeHit | undefined;

  const gate = createViewportGate(
    win,
    (node) => {
      const matches = index.get(node);
      if (matches) highlighter.add(node, matches);
    },
    (node) => highlighter.remove(node),
    (node) => index.has(node),
  );
  /** The scanner found codes in `node`, or found that it lost them (it keeps `index` itself). */
  const found = (node: Text, matches: readonly CodeMatch[]) => {
    if (matches.length === 0) return gate.untrack(node);
    // Changed text: its old ranges go, the new ones come when (or as soon as) it is near view.
    highlighter.remove(node);
    gate.track(node);
  };
  /** Some nodes left the page: those with codes are forgotten, and the page's codes reported. */
  const sweep = () => {
    const before = index.size;
    for (const node of index.keys())
      if (!node.isConnected) {
        index.delete(node);
        gate.untrack(node);
      }
    if (index.size < before) report();
  };

  /** Where the open card points: recomputed as the page scrolls. */
  let anchor: (() => DOMRect) | undefined;
  /** This frame's card has been shown and not closed since. */
  let shown = false;
  let pinned = false;
  /** What had keyboard focus before the card took it: it gets it back when the card closes. */
  let returnFocus: Element | null = null;
  const focusCard = () => {
    if (!cardHost.isShown()) return false;
    if (!cardHost.hasFocus()) returnFocus = deepActiveElement(doc);
    // A card the keyboard is in stays open when the pointer wanders off, until Escape or Close.
    hover.setPinned(true);
    return cardHost.focus();
  };
  /** This frame's card is shown by the top frame. */
  let inTop = false;
  /** Top frame: the open card is a small frame's. */
  let frameCard = false;
  const closeCard = (force = false) => {
    cardRequest++;
    anchor = undefined;
    shown = false;
    pinned = false;
    frameCard = false;
    if (inTop) {
      inTop = false;
      deps.closeInTop?.(force);
    }
    if (!cardHost.isOpen()) return;
    const hadFocus = cardHost.hasFocus();
    void deps.loadCardUi().then((ui) => cardHost.render(ui, null));
    cardHost.hide();
    if (hadFocus && returnFocus?.isConnected)
      (returnFocus as HTMLElement).focus?.({ preventScroll: true });
    returnFocus = null;
  };
  const dismiss = () => {
    hover.dismiss();
    closeCard(true);
  };
  const openCard = (
    at: () => DOMRect,
    props: Omit<CardProps, 'onClose' | 'onPinChange' | 'theme'>,
    /** `near`: the node the card is about (its code's text, the selection, a frame's element). */
    options: { pin?: boolean; focus?: boolean; near?: Node } = {},
  ) => {
    anchor = at;
    pinned = options.pin ?? false;
    const request = ++cardRequest;
    const render = () =>
      void deps.loadCardUi().then(async (ui) => {
        if (request !== cardRequest || signal.aborted) return;
        cardHost.render(ui, {
          ...props,
          theme: config.theme,
          onClose: dismiss,
          onPinChange: (p) => {
            pinned = p;
            hover.setPinned(p);
          },
        });
        await cardHost.show(at(), options.near ?? doc);
        if (request !== cardRequest) return;
        shown = true;
        if (options.focus) focusCard();
      });
    if (deps.openInTop && isSmallFrame(win)) {
      // Shown by the top frame, next to this frame; here only if the top frame cannot.
      const r = at();
      inTop = true;
      const here = () => {
        if (request !== cardRequest) return;
        inTop = false;
        render();
      };
      deps
        .openInTop({
          props,
          rect: { x: r.x, y: r.y, width: r.width, height: r.height },
          frame: { width: win.innerWidth, height: win.innerHeight },
          url: win.location.href,
          pin: pinned,
          focus: options.focus ?? false,
        })
        .then((shown) => shown || here(), here);
      return;
    }
    render();
  };

  const hover = createHoverController<HoverItem>(
    { key: (item) => item.key, open: (item) => item.open(), close: () => closeCard() },
    () => config.dwellMs,
  );
  /** Identity of text nodes for hover keys: the same code at the same offset in two table cells is
   * two occurrences, each with its own card. */
  const nodeIds = new WeakMap<Text, number>();
  let lastNodeId = 0;
  const nodeId = (node: Text) => {
    let id = nodeIds.get(node);
    if (id === undefined) nodeIds.set(node, (id = ++lastNodeId));
    return id;
  };
  /** The hover item for a code under the pointer. */
  const hitItem = (h: CodeHit): HoverItem => ({
    key: `${nodeId(h.node)}:${h.match.start}:${h.match.code}`,
    open: () =>
      openCard(
        () => (h.node.isConnected ? liveRect(h) : h.rect),
        { code: h.match.code },
        { near: h.node },
      ),
  });

  /** The code's box now (the page may have scrolled since the hit). */
  function liveRect(h: CodeHit): DOMRect {
    return matchRange(doc, h.node, h.match).getBoundingClientRect();
  }

  /**
   * A shadow root attached after the scan passed its host makes no mutation record, so nothing
   * tells the page side of its text: it is scanned, and watched from then on, when the pointer first
   * comes over it (its marks appear, and its code under the pointer gets its card).
   */
  const scanUnwatchedAt = (x: number, y: number) => {
    for (const root of shadowRootsAt(doc, x, y))
      if (root.host.localName !== CARD_HOST_TAG && watch(root))
        void rescan(root).then(() => {
          retest();
          report();
        });
  };

  let frame = 0;
  let pointer: { x: number; y: number; inCard: boolean } | undefined;
  /** Hit-tests the last pointer position on the next frame (one test per frame at most). */
  const retest = () => {
    frame ||= win.requestAnimationFrame(() => {
      frame = 0;
      if (!pointer || signal.aborted) return;
      // A card the page hid (it closed or removed the dialog the card was in, maybe pinned) is
      // closed: else the hidden card would hold the hover until Escape.
      if (shown && !cardHost.isShown()) dismiss();
      hover.pointerInCard(pointer.inCard);
      if (pointer.inCard) return;
      lastHit = codeAtPoint(doc, index, pointer.x, pointer.y);
      if (lastHit) {
        // Fetch the card's UI and the code's details during the dwell, so the first card is not
        // late and opens whole (not "Looking up…" first, then growing and moving).
        void deps.loadCardUi();
        deps.prefetch?.(lastHit.match.code);
      } else scanUnwatchedAt(pointer.x, pointer.y);
      hover.pointerAt(lastHit && hitItem(lastHit));
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
  // The pointer left the window (into another frame, or off the page): it is over nothing here.
  doc.addEventListener(
    'pointerout',
    (e) => {
      if (e.relatedTarget !== null) return;
      pointer = undefined;
      hover.pointerAt(undefined);
    },
    listen,
  );
  // Scrolling (the page or any scroll container): the card follows its code, and closes when the
  // code has left the viewport, unless it is pinned.
  let scrollFrame = 0;
  const onScroll = () => {
    scrollFrame ||= win.requestAnimationFrame(() => {
      scrollFrame = 0;
      // The top frame cannot follow a code that scrolls inside this frame.
      if (inTop && !pinned) return dismiss();
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
      if (e.key !== 'Escape' || !cardHost.isShown()) return;
      // The card is on top: its Escape is not the page's too (a modal dialog under it stays open).
      e.preventDefault();
      e.stopPropagation();
      dismiss();
    },
    { capture: true, signal },
  );

  let reportTimer: ReturnType<typeof setTimeout> | undefined;
  const report = () => {
    if (!deps.onCodes || reportTimer) return;
    reportTimer = setTimeout(() => {
      reportTimer = undefined;
      if (!signal.aborted) deps.onCodes?.(counts());
    }, REPORT_MS);
  };
  /**
   * Counted per list of matches (the nodes of a table's repeated texts share a few lists). Nodes
   * that left the page count until the next sweep, which reports again.
   */
  const counts = () => {
    const out: CodeCounts = {};
    for (const [matches, n] of index.lists) countCodes(matches, n, out);
    return out;
  };

  const detect = sharedDetector(deps.detect);
  /** Open shadow roots the scanner has walked: each is watched for changes, as the document is. */
  const watched = new WeakSet<ShadowRoot>();
  const watch = (root: ShadowRoot) => {
    if (watched.has(root)) return false;
    watched.add(root);
    batcher.observe(root);
    return true;
  };
  const rescan = (root: Node) =>
    scan(root, detect, index, found, signal, { detectIn: deps.detectIn, entered: watch });
  const batcher = createMutationBatcher(
    doc,
    signal,
    {
      removed: sweep,
      changed: (roots) => {
        // Text under the pointer may have changed: test the point again once the rescan is done.
        void Promise.all(roots.map(rescan)).then(() => {
          retest();
          report();
        });
      },
    },
    (el) => el.localName === CARD_HOST_TAG,
  );
  const scanStart = performance.now();
  const ready = rescan(doc).then((stats) => {
    perfScanned(scanStart, stats);
    if (signal.aborted) return;
    deps.onCodes?.(counts());
    // A pointer that came to rest on a code before the scan found it gets its card now.
    retest();
  });

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
    counts,
    reveal(code) {
      const all = [...index]
        .filter(([node]) => node.isConnected)
        .flatMap(([node, matches]) =>
          matches.filter((m) => m.code === code).map((m) => ({ node, m })),
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
      // Asked for from the menu or the keyboard: the card takes focus, Escape gives it back.
      const { at, near } = selectionAnchor(win);
      openCard(at, props, { pin: true, focus: true, near });
      hover.setPinned(true);
      return true;
    },
    focusCard,
    async showFrameCard(request) {
      // Only the top frame does this, and only to show a card: its code comes with the card's UI.
      const anchored = (await deps.loadCardUi()).frameAnchor(doc, request, pointer);
      if (!anchored || signal.aborted) return false;
      const { x, y } = request.rect;
      hover.show({
        key: `frame:${request.props.code}:${x},${y}`,
        open: () => {
          openCard(anchored.at, request.props, {
            pin: request.pin,
            focus: request.focus,
            near: anchored.frame,
          });
          frameCard = true;
        },
      });
      if (request.pin) hover.setPinned(true);
      return true;
    },
    closeFrameCard(force) {
      if (!frameCard) return;
      if (force) dismiss();
      else hover.release();
    },
  };
}

/** True for a frame too small to hold a card, directly inside the top frame. */
function isSmallFrame(win: Window): boolean {
  return (
    win !== win.top &&
    win.parent === win.top &&
    (win.innerWidth < SMALL_FRAME.width || win.innerHeight < SMALL_FRAME.height)
  );
}

/** The element with keyboard focus, inside open shadow roots too. */
function deepActiveElement(doc: Document): Element | null {
  let el = doc.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

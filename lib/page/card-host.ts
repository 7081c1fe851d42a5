/**
 * The one element the extension adds to a page: a host for the card, created on first use, with
 * its own shadow root so page CSS cannot reach the card. It lives in the top layer (popover), so
 * no z-index or overlay of the page can cover it, and is removed with the content script. It sits at
 * the end of the body, or inside the open modal dialog that holds what the card is about.
 */
import type { CardProps, FrameCardRequest } from './controller';

/** Tag of the host element; the scanner skips it. */
export const CARD_HOST_TAG = 'cdt-lens-card';

/**
 * The card's user interface: Preact, the card components, their styles and the positioning. It is
 * loaded on first use (entrypoints/card-ui.tsx), so a page without a card never pays for it.
 */
export interface CardUi {
  /** The card's stylesheet text with the host's rules (card-host-css.ts), adopted by the shadow root. */
  css: string;
  /** Renders the card into `mount`, or unmounts it when `props` is null. */
  render(mount: HTMLElement, props: CardProps | null): void;
  /** Positions `floating` next to `anchor` (viewport coordinates), flipping and shifting at edges. */
  place(anchor: DOMRect, floating: HTMLElement): Promise<void>;
  /**
   * Top frame: the anchor of a small frame's card and the frame's element, or undefined when the
   * frame is not found.
   */
  frameAnchor(
    doc: Document,
    request: FrameCardRequest,
    pointer: { x: number; y: number } | undefined,
  ): { at: () => DOMRect; frame: Element } | undefined;
}

/** The card's place on a page. */
export interface CardHost {
  /** Renders the card (creating the host with `ui`'s styles on first use), or unmounts it. */
  render(ui: CardUi, props: CardProps | null): void;
  /** True when `path` (an event's composed path) goes through the card. Never creates the host. */
  contains(path: EventTarget[]): boolean;
  /**
   * Shows the host next to `anchor` (viewport coordinates). Given `near` (the code's node, the
   * selection, the frame element), the host first moves where a card for it can be used (see
   * `placeFor`); without it, the host stays where it is (the card follows a scroll).
   */
  show(anchor: DOMRect, near?: Node): Promise<void>;
  hide(): void;
  isOpen(): boolean;
  /** Open and drawn: not inside something the page has hidden (a closed dialog holding the host). */
  isShown(): boolean;
  /** Moves keyboard focus into the card (its panel); false when no card is open. */
  focus(): boolean;
  /** True when keyboard focus is inside the card. */
  hasFocus(): boolean;
  /** Removes the host from the page. */
  destroy(): void;
}

/**
 * Where the host goes: inside the modal that holds `near` (across shadow roots), else at the end of
 * the body. Everything outside the topmost open modal dialog is inert: a card there would be seen on
 * top but could not be hovered, clicked or focused. A modal made by script (`aria-modal="true"`)
 * traps focus inside itself: a card outside it could not keep the keyboard's focus.
 */
function placeFor(doc: Document, near: Node | undefined): Element {
  for (let n = near; n; n = n.parentNode ?? (n as Partial<ShadowRoot>).host) {
    if (n.nodeType !== Node.ELEMENT_NODE) continue;
    const el = n as Element;
    if (el.localName === 'dialog' ? el.matches(':modal') : el.getAttribute('aria-modal') === 'true')
      return el;
  }
  return doc.body ?? doc.documentElement;
}

/**
 * Creates the host lazily on the first render. The card's stylesheet is adopted by the shadow root
 * as a constructed stylesheet (no `<style>` element, which a strict CSP blocks).
 */
export function createCardHost(doc: Document): CardHost {
  let host: HTMLElement | undefined;
  let mount: HTMLElement | undefined;
  let ui: CardUi | undefined;
  /** Where the open card points (viewport coordinates): it is placed again when its size changes. */
  let placedAt: DOMRect | undefined;
  let resizes: ResizeObserver | undefined;
  let unhides: MutationObserver | undefined;

  function ensure(css: string): { host: HTMLElement; mount: HTMLElement } {
    if (host && mount && host.isConnected) return { host, mount };
    host = doc.createElement(CARD_HOST_TAG);
    host.setAttribute('popover', 'manual');
    const shadow = host.attachShadow({ mode: 'open' });
    const win = doc.defaultView!;
    const sheet = new win.CSSStyleSheet();
    sheet.replaceSync(css);
    shadow.adoptedStyleSheets = [sheet];
    mount = doc.createElement('div');
    mount.className = 'cdt-root';
    shadow.append(mount);
    placeFor(doc, undefined).append(host);
    // The card grows when its lookup answers ("Looking up…" first) and changes size as the user
    // steps through related codes: placed for its first size, it would run off the viewport.
    resizes?.disconnect();
    resizes = new win.ResizeObserver(() => {
      if (placedAt && ui && host?.matches(':popover-open')) void ui.place(placedAt, host);
    });
    resizes.observe(host);
    // A modal made by script (a UI library's) makes every other child of the body inert and hidden
    // from assistive technology: the host too, when the modal opens or, watching the body, as soon
    // as the host is added. The card would be seen but could not be hovered, clicked, focused or
    // read: the host drops both whenever they are set.
    const created = host;
    unhides?.disconnect();
    unhides = new win.MutationObserver(() => {
      created.inert = false;
      created.removeAttribute('aria-hidden');
    });
    unhides.observe(host, { attributeFilter: ['inert', 'aria-hidden'] });
    return { host, mount };
  }

  return {
    render(cardUi, props) {
      // Never create the host just to unmount a card.
      if (!props && !mount) return;
      ui = cardUi;
      cardUi.render(ensure(cardUi.css).mount, props);
    },
    contains(path) {
      return !!host && path.includes(host);
    },
    async show(anchor, near) {
      if (!host || !ui) return;
      if (near) {
        const place = placeFor(doc, near);
        if (host.parentNode !== place) {
          // Moving an open popover would close it: it is hidden first, and shown again below.
          if (host.matches(':popover-open')) host.hidePopover();
          place.append(host);
        }
        // A zoomed page (`body { zoom: 1.25 }`) would zoom the card and its offsets with it: the
        // host undoes its parent's zoom, so the card is drawn, and placed, at the viewport's scale.
        // Read as a card opens, not on every frame that follows a scroll.
        const zoom = place.currentCSSZoom;
        host.style.setProperty('--cdt-zoom', String(zoom > 0 ? 1 / zoom : 1));
      }
      if (!host.matches(':popover-open')) host.showPopover();
      placedAt = anchor;
      await ui.place(anchor, host);
    },
    hide() {
      if (host?.matches(':popover-open')) host.hidePopover();
    },
    isOpen() {
      return !!host?.matches(':popover-open');
    },
    isShown() {
      return this.isOpen() && host!.checkVisibility();
    },
    focus() {
      if (!host?.matches(':popover-open')) return false;
      // The panel takes focus (tabindex -1): screen readers announce the dialog, Tab reaches its
      // buttons and links.
      mount?.querySelector<HTMLElement>('[tabindex="-1"]')?.focus({ preventScroll: true });
      return this.hasFocus();
    },
    hasFocus() {
      // Not :focus-within, which needs the window to have system focus (a background tab has not).
      return !!host?.shadowRoot?.activeElement;
    },
    destroy() {
      resizes?.disconnect();
      unhides?.disconnect();
      host?.remove();
      host = undefined;
      mount = undefined;
    },
  };
}

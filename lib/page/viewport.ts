/**
 * Registers marks only for text near the viewport. Thousands of ranges in the highlight registry
 * make every paint and every later DOM change of the page slower; what is off screen is kept as
 * offsets (the scanner's index) and registered when the user scrolls near it.
 */

/** How far beyond the viewport marks are kept registered: one screen above and below. */
export const VIEWPORT_MARGIN = '100% 0px 100% 0px';

/**
 * The IntersectionObserver's first answer for a new element comes with a rendering update, which a
 * page busy with our own scan reaches late: the first marks of a 50,000-row table would wait for the
 * whole scan. So the first elements tracked are also measured at once (layout is clean then, and a
 * box costs about a microsecond), up to this many...
 */
export const EAGER_CHECKS = 2000;
/** ...or until this many in a row lie below the viewport's margin: the rest is further down. */
export const EAGER_BELOW_RUN = 64;

/**
 * The element observed for a text node: its parent, or for text directly in a table cell, the
 * cell's row. A claims table has several cells with codes per row, and one observation per row
 * halves what the observer and the page's rendering updates have to compute (each observation costs
 * about 2 µs to add, measured).
 */
export function boxOf(node: Text): Element | null {
  const el = node.parentElement;
  if (el?.localName !== 'td' && el?.localName !== 'th') return el;
  const row = el.parentElement;
  return row?.localName === 'tr' ? row : el;
}

/** The text nodes `boxOf` maps to `el`: its own, and for a row, its cells'. */
function textsOf(el: Element): Text[] {
  const out: Text[] = [];
  const add = (parent: Element) => {
    for (let n = parent.firstChild; n; n = n.nextSibling)
      if (n.nodeType === Node.TEXT_NODE) out.push(n as Text);
  };
  add(el);
  if (el.localName === 'tr')
    for (let cell = el.firstElementChild; cell; cell = cell.nextElementSibling)
      if (cell.localName === 'td' || cell.localName === 'th') add(cell);
  return out;
}

/** Shows and hides the marks of text nodes as their elements come near the viewport. */
export interface ViewportGate {
  /** Starts tracking `node`; `show` runs when its element is (or comes) near the viewport. */
  track(node: Text): void;
  /** Stops tracking `node` (it left the document or lost its codes). */
  untrack(node: Text): void;
  disconnect(): void;
}

/**
 * A gate over `win`'s viewport for the text nodes `has` knows (the page's index of codes). Where
 * IntersectionObserver is missing, or a text node has no parent element (text directly in a shadow
 * root), its marks are shown at once.
 */
export function createViewportGate(
  win: Window & typeof globalThis,
  show: (node: Text) => void,
  hide: (node: Text) => void,
  has: (node: Text) => boolean,
): ViewportGate {
  if (typeof win.IntersectionObserver !== 'function')
    return { track: show, untrack: hide, disconnect() {} };
  /**
   * Elements observed. Only the elements: their text nodes are found again from them when they come
   * near (`textsOf`), so a 50,000-row table costs no list or set per row (those were most of our
   * heap). Weak, so an element the page dropped is forgotten with it.
   */
  let observed = new WeakSet<Element>();
  /** Elements the observer last saw near the viewport (a few screens' worth). */
  const near = new Set<Element>();
  let eager = EAGER_CHECKS;
  let below = 0;
  /** Near the viewport by the same margin as the observer's (one screen above and below)? */
  const nearNow = (el: Element): boolean => {
    const r = el.getBoundingClientRect();
    const h = win.innerHeight;
    if (r.top > 2 * h) {
      if (++below >= EAGER_BELOW_RUN) eager = 0;
      return false;
    }
    below = 0;
    return r.bottom >= -h && r.right >= 0 && r.left <= win.innerWidth;
  };
  /** `el`'s text nodes with codes; it is no longer observed when it has none. */
  const tracked = (el: Element): Text[] => {
    const nodes = textsOf(el).filter(has);
    if (nodes.length === 0) {
      observed.delete(el);
      near.delete(el);
      observer.unobserve(el);
    }
    return nodes;
  };
  const observer = new win.IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const el = entry.target;
        // Far and not shown: nothing to hide. (The first answer for every new element, on a
        // 50,000-row table 50,000 of them at once, is mostly this.)
        if (!observed.has(el) || (!entry.isIntersecting && !near.has(el))) continue;
        if (entry.isIntersecting) near.add(el);
        else near.delete(el);
        for (const node of tracked(el)) (entry.isIntersecting ? show : hide)(node);
      }
    },
    { rootMargin: VIEWPORT_MARGIN },
  );
  return {
    track(node) {
      const el = boxOf(node);
      if (!el) return show(node);
      if (!observed.has(el)) {
        observed.add(el);
        observer.observe(el);
      }
      // Already known to be near: show now rather than wait for a change of intersection. The
      // observer's own answer, when it comes, shows or hides it again.
      if (near.has(el)) show(node);
      else if (eager > 0) {
        eager--;
        if (nearNow(el)) {
          near.add(el);
          show(node);
        }
      }
    },
    untrack(node) {
      hide(node);
      // A text the page removed from its element: that element is checked when next seen.
      const el = boxOf(node);
      if (el && observed.has(el)) tracked(el);
    },
    disconnect() {
      observer.disconnect();
      observed = new WeakSet();
      near.clear();
    },
  };
}

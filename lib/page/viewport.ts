/**
 * Registers marks only for text near the viewport. Thousands of ranges in the highlight registry
 * make every paint and every later DOM change of the page slower; what is off screen is kept as
 * offsets (the scanner's index) and registered when the user scrolls near it.
 */

/** How far beyond the viewport marks are kept registered: one screen above and below. */
export const VIEWPORT_MARGIN = '100% 0px 100% 0px';

/**
 * Until the IntersectionObserver first answers, nothing tells what is near the viewport, and that
 * answer comes with a rendering update: on a 50,000-row table, after the page's own first layout
 * and paint, more than a second after the page side starts (measured). Measuring boxes ourselves
 * meanwhile would force that layout (about 80 ms there) inside our own task. So until then the first
 * texts found are shown unmeasured, in document order (a page opens at its top), up to this many:
 * about three screens of a dense claims table (60 rows of three codes a screen). The observer's
 * first answers hide those that are not near.
 */
export const FIRST_GUESS = 500;
/**
 * Elements handed to the IntersectionObserver per frame: its first answers for them cost about
 * 5 µs each in that frame's rendering update (so about 10 ms), measured at 50,000 rows.
 */
export const OBSERVE_PER_FRAME = 2000;
/**
 * Table rows tracked as one group, of which only the first and the last are observed: the observer
 * recomputes every target on every frame that scrolls, and with one target per row of a 50,000-row
 * table that was 50–380 ms a frame (scrolling ran at a third of the page's own frame rate, measured).
 * Rows of one table body lie in document order top to bottom, so a group is near the viewport when
 * either end is, or when its ends lie on either side of it.
 */
export const ROWS_PER_GROUP = 32;
/**
 * Most height of a group, in screens. The observer speaks only when a target crosses the margin of
 * a screen above and below the viewport (three screens in all): a jump (to an anchor, a search
 * result) could land inside a group taller than that without either end ever crossing it, and the
 * group would stay unmarked. Halving to within 2.5 screens keeps 32 rows of up to 46 px (on a
 * 600 px screen) in one group: halving every group to one screen tripled the observer's work while
 * scrolling (measured: frames 1.3× → 3.4× the page's own on 50,000 rows).
 */
export const FITTED_SCREENS = 2.5;

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

/** Where an observed end of a group lies, from the observer's latest answer. */
type Side = 'near' | 'above' | 'below' | 'unknown';

/** Elements tracked together (see ROWS_PER_GROUP); any other element is a group of its own. */
interface Group {
  boxes: Element[];
  /** The table body its rows are in; null for a group of one element. */
  parent: Element | null;
  /** Handed to the observer: no element joins it any more. */
  sealed: boolean;
  /** Which of its marks are registered: none, some (shown unmeasured, see FIRST_GUESS), all. */
  shown: 'none' | 'some' | 'all';
  /** The observer's latest answers for its first and last element. */
  first?: Side;
  last?: Side;
}

/** Near the viewport, as far as the observer's answers for the group's ends tell; undefined: not yet. */
function groupNear(g: Group): boolean | undefined {
  const sides = g.boxes.length === 1 ? [g.first] : [g.first, g.last];
  if (sides.includes('near') || sides.includes('unknown')) return true;
  if (sides.includes(undefined)) return undefined;
  // Both ends off screen: near only when the viewport lies between them.
  return sides.length === 2 && sides[0] !== sides[1];
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
   * The group of every tracked element. Only elements: their text nodes are found again from them
   * (`textsOf`), so a 50,000-row table costs no list or set per row. Weak, so an element the page
   * dropped is forgotten with it.
   */
  let groups = new WeakMap<Element, Group>();
  /** The group rows are added to while the scan goes on, until it is sealed. */
  let open: Group | undefined;
  /** Groups to hand to the observer, a frame's worth at a time (see OBSERVE_PER_FRAME). */
  let queued: Group[] = [];
  let frame = 0;
  const observeQueued = () => {
    frame = 0;
    let budget = OBSERVE_PER_FRAME;
    while (budget > 0 && queued.length > 0) {
      const whole = queued.shift()!;
      if (whole === open) open = undefined;
      for (const g of fitted(whole)) {
        g.sealed = true;
        const ends = new Set([g.boxes[0]!, g.boxes.at(-1)!]);
        for (const el of ends) if (groups.get(el) === g) observer.observe(el);
        budget -= ends.size;
      }
    }
    if (queued.length > 0) frame = win.requestAnimationFrame(observeQueued);
  };
  /**
   * `g`, or its halves (and theirs) until each spans at most FITTED_SCREENS screens. Measured once,
   * as the group is handed over (in a frame callback: layout is due anyway).
   */
  const fitted = (g: Group): Group[] => {
    const first = g.boxes[0];
    const last = g.boxes.at(-1);
    if (!first || !last || first === last) return [g];
    const span = last.getBoundingClientRect().bottom - first.getBoundingClientRect().top;
    if (Math.abs(span) <= FITTED_SCREENS * win.innerHeight) return [g];
    const half = Math.ceil(g.boxes.length / 2);
    const second: Group = { ...g, boxes: g.boxes.slice(half) };
    g.boxes = g.boxes.slice(0, half);
    for (const el of second.boxes) groups.set(el, second);
    return [...fitted(g), ...fitted(second)];
  };
  /** Texts still to show unmeasured before the observer's first answer (see FIRST_GUESS). */
  let guesses = FIRST_GUESS;
  /** Shows or hides every mark of `g`. */
  const showGroup = (g: Group, near: boolean) => {
    g.shown = near ? 'all' : 'none';
    for (const el of g.boxes)
      for (const node of textsOf(el)) if (has(node)) (near ? show : hide)(node);
  };
  /** Starts a group with `el`, or adds it to the open one. */
  const join = (el: Element, shown: Group['shown']): Group => {
    const parent = el.localName === 'tr' ? el.parentElement : null;
    let g = open;
    if (parent && g?.parent === parent && !g.sealed && g.boxes.length < ROWS_PER_GROUP) {
      g.boxes.push(el);
      if (shown !== 'none' || g.shown === 'all') g.shown = 'some';
    } else {
      g = { boxes: [el], parent, sealed: false, shown };
      open = parent ? g : undefined;
      queued.push(g);
      frame ||= win.requestAnimationFrame(observeQueued);
    }
    groups.set(el, g);
    return g;
  };
  /** Takes `el` out of its group; the rest of a group whose end it was start over as new groups. */
  const leave = (el: Element, g: Group) => {
    groups.delete(el);
    const first = g.boxes[0] === el;
    const last = g.boxes.at(-1) === el;
    g.boxes = g.boxes.filter((b) => b !== el);
    if (!first && !last) return;
    for (const end of [el, ...g.boxes.slice(0, 1), ...g.boxes.slice(-1)]) observer.unobserve(end);
    const rest = g.boxes;
    g.boxes = [];
    // The rest stay together, apart from any group still open; their marks stay as they are until
    // the observer answers for their new groups.
    open = undefined;
    for (const box of rest) join(box, g.shown === 'none' ? 'none' : 'some');
    open = undefined;
  };
  const observer = new win.IntersectionObserver(
    (entries) => {
      guesses = 0;
      for (const entry of entries) {
        const el = entry.target;
        const g = groups.get(el);
        if (!g) continue;
        const top = entry.rootBounds?.top ?? -win.innerHeight;
        const bottom = entry.rootBounds?.bottom ?? 2 * win.innerHeight;
        const r = entry.boundingClientRect;
        const side: Side = entry.isIntersecting
          ? 'near'
          : r.height === 0 && r.width === 0
            ? 'unknown'
            : r.bottom <= top
              ? 'above'
              : r.top >= bottom
                ? 'below'
                : 'unknown';
        if (el === g.boxes[0]) g.first = side;
        if (el === g.boxes.at(-1)) g.last = side;
        const near = groupNear(g);
        if (near !== undefined && g.shown !== (near ? 'all' : 'none')) showGroup(g, near);
      }
    },
    { rootMargin: VIEWPORT_MARGIN },
  );
  return {
    track(node) {
      const el = boxOf(node);
      if (!el) return show(node);
      let g = groups.get(el);
      // A row of a sealed group found again has changed or moved (a sorted table): it may no
      // longer lie between its group's ends, so it starts over.
      if (g?.sealed && g.boxes.length > 1) {
        leave(el, g);
        g = join(el, 'some');
      }
      g ??= join(el, 'none');
      // Already known to be near: show now rather than wait for a change of intersection. The
      // observer's own answer, when it comes, shows or hides the whole group again.
      if (g.shown === 'all') show(node);
      else if (guesses > 0) {
        guesses--;
        if (g.shown === 'none') g.shown = 'some';
        show(node);
      }
    },
    untrack(node) {
      hide(node);
      // A text the page removed from its element: that element is checked when next seen.
      const el = boxOf(node);
      const g = el && groups.get(el);
      if (el && g && !textsOf(el).some(has)) leave(el, g);
    },
    disconnect() {
      observer.disconnect();
      win.cancelAnimationFrame(frame);
      queued = [];
      open = undefined;
      groups = new WeakMap();
    },
  };
}

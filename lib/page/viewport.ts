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

/** Shows and hides the marks of text nodes as their elements come near the viewport. */
export interface ViewportGate {
  /** Starts tracking `node`; `show` runs when its element is (or comes) near the viewport. */
  track(node: Text): void;
  /** Stops tracking `node` (it left the document or lost its codes). */
  untrack(node: Text): void;
  disconnect(): void;
}

/**
 * A gate over `win`'s viewport. Where IntersectionObserver is missing, or a text node has no parent
 * element (text directly in a shadow root), its marks are shown at once.
 */
export function createViewportGate(
  win: Window & typeof globalThis,
  show: (node: Text) => void,
  hide: (node: Text) => void,
): ViewportGate {
  if (typeof win.IntersectionObserver !== 'function')
    return { track: show, untrack: hide, disconnect() {} };
  const texts = new Map<Element, Set<Text>>();
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
  const owner = new WeakMap<Text, Element>();
  const near = new WeakSet<Element>();
  const observer = new win.IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const el = entry.target;
        const nodes = texts.get(el);
        if (!nodes) continue;
        if (entry.isIntersecting) near.add(el);
        else near.delete(el);
        for (const node of nodes) (entry.isIntersecting ? show : hide)(node);
      }
    },
    { rootMargin: VIEWPORT_MARGIN },
  );
  return {
    track(node) {
      const el = node.parentElement;
      if (!el) return show(node);
      let nodes = texts.get(el);
      if (!nodes) {
        texts.set(el, (nodes = new Set()));
        observer.observe(el);
      }
      nodes.add(node);
      owner.set(node, el);
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
      const el = owner.get(node);
      const nodes = el && texts.get(el);
      if (!el || !nodes) return;
      nodes.delete(node);
      owner.delete(node);
      if (nodes.size === 0) {
        texts.delete(el);
        observer.unobserve(el);
      }
    },
    disconnect() {
      observer.disconnect();
      texts.clear();
    },
  };
}

/**
 * Registers marks only for text near the viewport. Thousands of ranges in the highlight registry
 * make every paint and every later DOM change of the page slower; what is off screen is kept as
 * offsets (the scanner's index) and registered when the user scrolls near it.
 */

/** How far beyond the viewport marks are kept registered: one screen above and below. */
export const VIEWPORT_MARGIN = '100% 0px 100% 0px';

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
      // Already known to be near: show now rather than wait for a change of intersection.
      if (near.has(el)) show(node);
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

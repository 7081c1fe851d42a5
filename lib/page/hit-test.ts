/**
 * Finds the code under a point without touching the page: the caret position at the point (as
 * 10ten Japanese Reader does), then the match of that text node that holds it, checked against the
 * glyphs' boxes so that a pointer past the end of a line does not count.
 */
import type { CodeMatch } from '../detect/index';
import type { MatchIndex } from './scanner';

/** A code under the pointer, with the text node it is in and its box on screen. */
export interface CodeHit {
  node: Text;
  match: CodeMatch;
  rect: DOMRect;
}

type CaretDoc = Document & {
  caretPositionFromPoint?: (
    x: number,
    y: number,
    options?: { shadowRoots?: ShadowRoot[] },
  ) => { offsetNode: Node; offset: number } | null;
  caretRangeFromPoint?: (x: number, y: number) => Range | null;
};

/** Open shadow roots on the path to the element at the point, so the caret can enter them. */
export function shadowRootsAt(doc: Document, x: number, y: number): ShadowRoot[] {
  const roots: ShadowRoot[] = [];
  let el = doc.elementFromPoint(x, y);
  while (el?.shadowRoot && !roots.includes(el.shadowRoot)) {
    roots.push(el.shadowRoot);
    el = el.shadowRoot.elementFromPoint(x, y);
  }
  return roots;
}

/** The text node and offset at a point, or undefined. */
export function caretAt(
  doc: Document,
  x: number,
  y: number,
): { node: Text; offset: number } | undefined {
  const d = doc as CaretDoc;
  let node: Node | undefined;
  let offset = 0;
  if (typeof d.caretPositionFromPoint === 'function') {
    const pos = d.caretPositionFromPoint(x, y, { shadowRoots: shadowRootsAt(doc, x, y) });
    node = pos?.offsetNode;
    offset = pos?.offset ?? 0;
    // caretRangeFromPoint is deprecated, but the only hit test in browsers that predate
    // caretPositionFromPoint (Chrome before 128).
    /* eslint-disable @typescript-eslint/no-deprecated */
  } else if (typeof d.caretRangeFromPoint === 'function') {
    const range = d.caretRangeFromPoint(x, y);
    /* eslint-enable @typescript-eslint/no-deprecated */
    node = range?.startContainer;
    offset = range?.startOffset ?? 0;
  }
  return node?.nodeType === Node.TEXT_NODE ? { node: node as Text, offset } : undefined;
}

/** Slack around a code's box, in CSS px, so the pointer need not sit exactly on a glyph. */
const HIT_SLOP_PX = 2;

/** How many elements under the top one the overlay fallback looks through. */
const OVERLAY_DEPTH = 6;

/** A transient Range over `match` in `node`, clamped to the text as it is now (for measuring). */
export function matchRange(doc: Document, node: Text, match: CodeMatch): Range {
  const range = doc.createRange();
  range.setStart(node, Math.min(match.start, node.length));
  range.setEnd(node, Math.min(match.end, node.length));
  return range;
}

/** The box of `match` in `node` that holds the point, if any. */
function boxAt(
  doc: Document,
  node: Text,
  match: CodeMatch,
  x: number,
  y: number,
): DOMRect | undefined {
  for (const rect of matchRange(doc, node, match).getClientRects())
    if (
      x >= rect.left - HIT_SLOP_PX &&
      x <= rect.right + HIT_SLOP_PX &&
      y >= rect.top - HIT_SLOP_PX &&
      y <= rect.bottom + HIT_SLOP_PX
    )
      return rect;
  return undefined;
}

/**
 * A code under a transparent element that catches the pointer (a modal backdrop, a click
 * catcher): the caret lands in the overlay, so look at the text of the elements beneath it.
 */
function throughOverlay(
  doc: Document,
  index: MatchIndex,
  x: number,
  y: number,
): CodeHit | undefined {
  for (const el of doc.elementsFromPoint(x, y).slice(1, 1 + OVERLAY_DEPTH))
    for (const child of el.childNodes) {
      const matches = child.nodeType === Node.TEXT_NODE ? index.get(child as Text) : undefined;
      for (const match of matches ?? []) {
        const rect = boxAt(doc, child as Text, match, x, y);
        if (rect) return { node: child as Text, match, rect };
      }
    }
  return undefined;
}

/** The code under the point, if the point is over a detected code's glyphs. */
export function codeAtPoint(
  doc: Document,
  index: MatchIndex,
  x: number,
  y: number,
): CodeHit | undefined {
  const caret = caretAt(doc, x, y);
  if (!caret) return throughOverlay(doc, index, x, y);
  // The caret sits between characters: at the end of a code it still belongs to that code.
  const match = index
    .get(caret.node)
    ?.find((m) => caret.offset >= m.start && caret.offset <= m.end);
  const rect = match && boxAt(doc, caret.node, match, x, y);
  return match && rect && { node: caret.node, match, rect };
}

/**
 * Where a small frame's card goes in the top frame: next to the frame's element, found by its size,
 * its address and the pointer's last position. Part of the card's lazily loaded UI.
 */
import type { FrameCardRequest } from './controller';

/**
 * The anchor of `request`'s card in `doc` (recomputed as the page scrolls) and the frame's element,
 * or undefined.
 */
export function frameAnchor(
  doc: Document,
  request: FrameCardRequest,
  pointer: { x: number; y: number } | undefined,
): { at: () => DOMRect; frame: Element } | undefined {
  const frame = findFrame(doc, request, pointer);
  if (!frame) return undefined;
  const win = doc.defaultView!;
  const { x, y, width, height } = request.rect;
  const at = () => {
    const box = frame.getBoundingClientRect();
    const style = win.getComputedStyle(frame);
    return new DOMRect(
      box.left + frame.clientLeft + parseFloat(style.paddingLeft) + x,
      box.top + frame.clientTop + parseFloat(style.paddingTop) + y,
      width,
      height,
    );
  };
  return { at, frame };
}

/**
 * The frame element of a small frame's request: the one whose content box has the frame's size,
 * preferring one showing the frame's address, then the one under the pointer's last position.
 */
function findFrame(
  doc: Document,
  request: FrameCardRequest,
  pointer: { x: number; y: number } | undefined,
): HTMLIFrameElement | undefined {
  const win = doc.defaultView!;
  const sized = [...doc.querySelectorAll('iframe')].filter((f) => {
    const style = win.getComputedStyle(f);
    const w = f.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const h = f.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
    return Math.abs(w - request.frame.width) <= 1 && Math.abs(h - request.frame.height) <= 1;
  });
  const under = (f: Element) => {
    if (!pointer) return false;
    const r = f.getBoundingClientRect();
    return (
      pointer.x >= r.left - 2 &&
      pointer.x <= r.right + 2 &&
      pointer.y >= r.top - 2 &&
      pointer.y <= r.bottom + 2
    );
  };
  return (
    sized.find((f) => {
      const src = f.getAttribute('src');
      return src !== null && URL.parse(src, doc.baseURI)?.href === request.url;
    }) ??
    sized.find(under) ??
    sized[0]
  );
}

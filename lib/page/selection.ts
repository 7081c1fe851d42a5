/**
 * What the user points at with the keyboard: the selection, the selected part of a form field, or
 * the code at the text caret. Form fields keep their selection out of `getSelection()`, so they are
 * read directly.
 */
import type { CodeMatch } from '../detect/index';

/** The code of `text` that touches `offset`, if any. */
function codeAt(
  text: string,
  offset: number,
  detect: (t: string) => CodeMatch[],
): string | undefined {
  return detect(text).find((m) => offset >= m.start && offset <= m.end)?.code;
}

/** Text to look up for the keyboard command in `doc`; '' when nothing is selected or focused. */
export function focusedText(doc: Document, detect: (t: string) => CodeMatch[]): string {
  const el = doc.activeElement;
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
    const { selectionStart: from, selectionEnd: to, value } = el;
    if (from !== null && to !== null && to > from) return value.slice(from, to);
    return (from !== null && codeAt(value, from, detect)) || value;
  }
  const sel = doc.getSelection();
  const text = sel?.toString() ?? '';
  if (text.trim()) return text;
  // A collapsed caret in text (contenteditable, caret browsing): the code around it.
  const node = sel?.anchorNode;
  return node?.nodeType === Node.TEXT_NODE
    ? (codeAt((node as Text).data, sel!.anchorOffset, detect) ?? '')
    : '';
}

/**
 * Where a lookup card should point (the focused field, the selection, or the top of the view), and
 * the node it is about (the field or the selection's start; none for the top of the view).
 */
export function selectionAnchor(win: Window & typeof globalThis): {
  at: () => DOMRect;
  near: Node | undefined;
} {
  const el = win.document.activeElement;
  if (el instanceof win.HTMLInputElement || el instanceof win.HTMLTextAreaElement)
    return { at: () => el.getBoundingClientRect(), near: el };
  const sel = win.getSelection();
  const range = sel && sel.rangeCount > 0 ? sel.getRangeAt(0).cloneRange() : undefined;
  const fallback = new win.DOMRect(win.innerWidth / 2, 40, 0, 0);
  return {
    at: () => {
      const r = range?.getBoundingClientRect();
      return r && (r.width > 0 || r.height > 0) ? r : fallback;
    },
    near: range?.startContainer,
  };
}

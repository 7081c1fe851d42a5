/**
 * Marks codes with the CSS Custom Highlight API: no node of the page is touched. Styles come from
 * the manifest's CSS (`::highlight(cdt-code)`), so a strict page CSP cannot block them.
 */
import type { CodeMatch } from '../detect/index';

/** Highlight names, styled in entrypoints/content/style.css. */
export const HIGHLIGHT_ACTIVE = 'cdt-code';
export const HIGHLIGHT_DELETED = 'cdt-code-deleted';

/** True when this browser has the Highlight API; without it, marking is off but hover works. */
export function canHighlight(win: Window & typeof globalThis): boolean {
  return 'highlights' in win.CSS && typeof win.Highlight === 'function';
}

/** Registers and forgets the marks of text nodes. */
export interface Highlighter {
  add(node: Text, matches: readonly CodeMatch[]): void;
  remove(node: Text): void;
  clear(): void;
}

/**
 * A highlighter for `win`'s document, or one that does nothing where the API is missing. Marks are
 * StaticRanges: live Ranges by the thousand slow every later DOM change of the page.
 */
export function createHighlighter(win: Window & typeof globalThis): Highlighter {
  if (!canHighlight(win)) return { add() {}, remove() {}, clear() {} };
  const active = new win.Highlight();
  const deleted = new win.Highlight();
  win.CSS.highlights.set(HIGHLIGHT_ACTIVE, active);
  win.CSS.highlights.set(HIGHLIGHT_DELETED, deleted);
  const byNode = new Map<Text, StaticRange[]>();
  return {
    add(node, matches) {
      this.remove(node);
      const ranges = matches.map((m) => {
        const r = new win.StaticRange({
          startContainer: node,
          startOffset: m.start,
          endContainer: node,
          endOffset: m.end,
        });
        (m.status === 'deleted' ? deleted : active).add(r);
        return r;
      });
      byNode.set(node, ranges);
    },
    remove(node) {
      for (const r of byNode.get(node) ?? []) {
        active.delete(r);
        deleted.delete(r);
      }
      byNode.delete(node);
    },
    clear() {
      active.clear();
      deleted.clear();
      byNode.clear();
      win.CSS.highlights.delete(HIGHLIGHT_ACTIVE);
      win.CSS.highlights.delete(HIGHLIGHT_DELETED);
    },
  };
}

/**
 * Marks codes with the CSS Custom Highlight API: no node of the page is touched. Styles come from
 * the manifest's CSS (`::highlight(cdt-code)`), so a strict page CSP cannot block them.
 */
import type { CodeMatch } from '../detect/index';
import { PERF, perfMark } from './perf';

/**
 * Highlight names, styled in entrypoints/content/style.css: one per look. Codes are registered under
 * the names of the chosen style; deleted codes under a "deleted" look, or the plain one when the user
 * turned deleted-code warnings off.
 */
export const HIGHLIGHT_NAMES = {
  underline: { active: 'cdt-code', deleted: 'cdt-code-deleted', plain: 'cdt-code-plain' },
  background: { active: 'cdt-code-bg', deleted: 'cdt-code-deleted-bg', plain: 'cdt-code-plain-bg' },
} as const;

/** How marks look: the user's highlight style and deleted-code warnings. */
export interface MarkStyle {
  style: 'underline' | 'background' | 'none';
  deletedWarnings: boolean;
}

/** True when this browser has the Highlight API; without it, marking is off but hover works. */
export function canHighlight(win: Window & typeof globalThis): boolean {
  return 'highlights' in win.CSS && typeof win.Highlight === 'function';
}

/** Registers and forgets the marks of text nodes. */
export interface Highlighter {
  add(node: Text, matches: readonly CodeMatch[]): void;
  remove(node: Text): void;
  /** Changes the look of every mark at once, by moving the highlights to other names. */
  restyle(style: MarkStyle): void;
  /** Flashes one code (a revealed occurrence), or stops flashing with `undefined`. */
  flash(node: Text | undefined, match?: CodeMatch): void;
  clear(): void;
}

/** Highlight name of a revealed code, styled in entrypoints/content/style.css. */
export const HIGHLIGHT_FLASH = 'cdt-flash';

/**
 * A highlighter for `win`'s document, or one that does nothing where the API is missing. Marks are
 * StaticRanges: live Ranges by the thousand slow every later DOM change of the page.
 */
export function createHighlighter(
  win: Window & typeof globalThis,
  initial: MarkStyle,
): Highlighter {
  if (!canHighlight(win)) return { add() {}, remove() {}, restyle() {}, flash() {}, clear() {} };
  const active = new win.Highlight();
  const deleted = new win.Highlight();
  let registered: string[] = [];
  const byNode = new Map<Text, StaticRange[]>();
  const staticRange = (node: Text, m: CodeMatch) =>
    new win.StaticRange({
      startContainer: node,
      startOffset: m.start,
      endContainer: node,
      endOffset: m.end,
    });
  const unregister = () => {
    for (const name of registered) win.CSS.highlights.delete(name);
    registered = [];
  };
  const restyle = ({ style, deletedWarnings }: MarkStyle) => {
    unregister();
    if (style === 'none') return;
    const names = HIGHLIGHT_NAMES[style];
    const deletedName = deletedWarnings ? names.deleted : names.plain;
    win.CSS.highlights.set(names.active, active);
    win.CSS.highlights.set(deletedName, deleted);
    registered = [names.active, deletedName];
  };
  restyle(initial);
  let first = true;
  return {
    add(node, matches) {
      if (first) {
        first = false;
        perfMark(PERF.firstMarks);
      }
      this.remove(node);
      const ranges = matches.map((m) => {
        const r = staticRange(node, m);
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
    restyle,
    flash(node, match) {
      if (!node || !match) return void win.CSS.highlights.delete(HIGHLIGHT_FLASH);
      win.CSS.highlights.set(HIGHLIGHT_FLASH, new win.Highlight(staticRange(node, match)));
    },
    clear() {
      active.clear();
      deleted.clear();
      byNode.clear();
      unregister();
      win.CSS.highlights.delete(HIGHLIGHT_FLASH);
    },
  };
}

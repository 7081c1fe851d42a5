/**
 * Walks a DOM subtree for text, runs the detector on each text node and keeps the matches keyed
 * by node. Walks once, with no JS filter callback (a callback per node costs more than the regex),
 * into open shadow roots, and in time slices so a huge page never blocks.
 */
import type { CodeMatch } from '../detect/index';
import { CARD_HOST_TAG } from './card-host';
import type { ScanStats } from './perf';

/** Elements whose text is not page prose: never scanned. */
const SKIP_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'svg',
  CARD_HOST_TAG.toUpperCase(),
]);

/** Length of one scanning slice before yielding to the page, in ms (well under a 50 ms long task). */
export const SLICE_MS = 8;

const NONE: CodeMatch[] = [];

/** Text nodes with their matches. */
export type MatchIndex = WeakMap<Text, CodeMatch[]>;

/** Gives the page a turn: `scheduler.yield` where it exists, else a macrotask. */
export function yieldToPage(): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (s?.yield) return s.yield();
  return new Promise((r) => setTimeout(r, 0));
}

/**
 * A resumable walk over the scannable text nodes under `root`, entering open shadow roots (each
 * after the text of the tree that holds it, nested ones first): returns the next text node, or null
 * at the end. A closure rather than a generator: it runs once per node of a page, and a generator's
 * resumption costs more than the walk itself.
 */
export function textWalker(root: Node): () => Text | null {
  const doc = root.ownerDocument ?? (root as Document);
  /** Shadow roots still to walk, the next on top. */
  const pending: ShadowRoot[] = [];
  let walker: TreeWalker | undefined;
  let node: Node | null = null;
  let found: ShadowRoot[] = [];
  let mayEdit = true;
  const begin = (r: Node) => {
    walker = doc.createTreeWalker(r, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    node = walker.currentNode;
    found = [];
    // Asking every element whether it is editable costs a style check each: where the document
    // has no contenteditable element and no design mode, none is.
    mayEdit = !(
      r.nodeType === Node.DOCUMENT_NODE &&
      doc.designMode !== 'on' &&
      !doc.querySelector('[contenteditable]')
    );
  };
  begin(root);
  return () => {
    for (;;) {
      while (node) {
        if (node.nodeType === Node.TEXT_NODE) {
          const text = node as Text;
          node = walker!.nextNode();
          return text;
        }
        if (node.nodeType === Node.ELEMENT_NODE) {
          const el = node as Element;
          if (el.shadowRoot) found.push(el.shadowRoot);
          if (SKIP_TAGS.has(el.tagName) || (mayEdit && (el as HTMLElement).isContentEditable)) {
            // Skip the subtree: the next node after it in document order.
            node = walker!.nextSibling();
            while (!node && walker!.parentNode()) node = walker!.nextSibling();
            continue;
          }
        }
        node = walker!.nextNode();
      }
      for (let i = found.length - 1; i >= 0; i--) pending.push(found[i]!);
      found = [];
      const next = pending.pop();
      if (!next) return null;
      begin(next);
    }
  };
}

/** Yields every scannable text node under `root`, entering open shadow roots. */
export function* textNodes(root: Node): Generator<Text> {
  const next = textWalker(root);
  for (let node = next(); node; node = next()) yield node;
}

/** Nodes between two looks at the clock: reading it costs about as much as a short node. */
const CLOCK_EVERY = 16;
/** A text this long is checked against the clock at once (its detection alone takes a while). */
const LONG_TEXT = 2000;

/**
 * Matches for a node whose text reads together with its neighbours (a PDF text layer), or
 * `undefined` for a node to scan on its own.
 */
export type NodeDetector = (node: Text) => CodeMatch[] | undefined;

/**
 * Scans `root` in slices, recording each text node's matches in `index` and reporting to `update`
 * every node that has codes or has lost them. Stops early when `signal` aborts. `detectIn`, when
 * given, answers first for the nodes it knows (see `NodeDetector`). Resolves with what the scan did
 * (the benchmark reads it).
 */
export async function scan(
  root: Node,
  detect: (text: string) => CodeMatch[],
  index: MatchIndex,
  update: (node: Text, matches: readonly CodeMatch[]) => void,
  signal: AbortSignal,
  detectIn?: NodeDetector,
): Promise<ScanStats> {
  const stats: ScanStats = { nodes: 0, matches: 0, slices: 1, longestSliceMs: 0 };
  let sliceStart = performance.now();
  let deadline = sliceStart + SLICE_MS;
  const endSlice = (now: number) => {
    stats.longestSliceMs = Math.max(stats.longestSliceMs, now - sliceStart);
  };
  const next = textWalker(root);
  for (let node = next(); node; node = next()) {
    if (signal.aborted) return stats;
    stats.nodes++;
    const data = node.data;
    // Fast reject: no D or d at all means no code.
    const matches =
      detectIn?.(node) ??
      (data.length >= 5 && (data.includes('D') || data.includes('d')) ? detect(data) : NONE);
    if (matches.length > 0) {
      stats.matches += matches.length;
      index.set(node, matches);
      update(node, matches);
    } else if (index.has(node)) {
      index.delete(node);
      update(node, NONE);
    }
    if (stats.nodes % CLOCK_EVERY !== 0 && data.length < LONG_TEXT) continue;
    const now = performance.now();
    if (now > deadline) {
      endSlice(now);
      await yieldToPage();
      stats.slices++;
      sliceStart = performance.now();
      deadline = sliceStart + SLICE_MS;
    }
  }
  endSlice(performance.now());
  return stats;
}

/**
 * Walks a DOM subtree for text, runs the detector on each text node and keeps the matches keyed
 * by node. Walks once, with no JS filter callback (a callback per node costs more than the regex),
 * into open shadow roots, and in time slices so a huge page never blocks.
 */
import type { CodeMatch } from '../detect/index';
import { CARD_HOST_TAG } from './card-host';

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

/** Yields every scannable text node under `root`, entering open shadow roots. */
export function* textNodes(root: Node): Generator<Text> {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  const roots: ShadowRoot[] = [];
  let node: Node | null = walker.currentNode;
  while (node) {
    if (node.nodeType === Node.TEXT_NODE) {
      yield node as Text;
      node = walker.nextNode();
      continue;
    }
    if (node.nodeType === Node.ELEMENT_NODE) {
      const el = node as Element;
      if (el.shadowRoot) roots.push(el.shadowRoot);
      if (SKIP_TAGS.has(el.tagName) || (el as HTMLElement).isContentEditable) {
        // Skip the subtree: the next node after it in document order.
        node = walker.nextSibling();
        while (!node && walker.parentNode()) node = walker.nextSibling();
        continue;
      }
    }
    node = walker.nextNode();
  }
  for (const shadow of roots) yield* textNodes(shadow);
}

/**
 * Matches for a node whose text reads together with its neighbours (a PDF text layer), or
 * `undefined` for a node to scan on its own.
 */
export type NodeDetector = (node: Text) => CodeMatch[] | undefined;

/**
 * Scans `root` in slices, recording each text node's matches in `index` and reporting to `update`
 * every node that has codes or has lost them. Stops early when `signal` aborts. `detectIn`, when
 * given, answers first for the nodes it knows (see `NodeDetector`).
 */
export async function scan(
  root: Node,
  detect: (text: string) => CodeMatch[],
  index: MatchIndex,
  update: (node: Text, matches: readonly CodeMatch[]) => void,
  signal: AbortSignal,
  detectIn?: NodeDetector,
): Promise<void> {
  let deadline = performance.now() + SLICE_MS;
  for (const node of textNodes(root)) {
    if (signal.aborted) return;
    const data = node.data;
    // Fast reject: no D or d at all means no code.
    const matches =
      detectIn?.(node) ??
      (data.length >= 5 && (data.includes('D') || data.includes('d')) ? detect(data) : NONE);
    if (matches.length > 0) {
      index.set(node, matches);
      update(node, matches);
    } else if (index.has(node)) {
      index.delete(node);
      update(node, NONE);
    }
    if (performance.now() > deadline) {
      await yieldToPage();
      deadline = performance.now() + SLICE_MS;
    }
  }
}

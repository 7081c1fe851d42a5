/**
 * Walks a DOM subtree for text, runs the detector on each text node and keeps the matches keyed
 * by node. Walks once, with no JS filter callback (a callback per node costs more than the regex),
 * into open shadow roots, and in time slices so a huge page never blocks.
 */
import type { CodeMatch } from '../detect/index';
import { CARD_HOST_TAG } from './card-host';
import type { ScanStats } from './perf';

/**
 * Elements whose own text is not page prose: text directly inside them is never marked. Each holds
 * only text (scripts, styles, form fields, the title) or is our card; SVG text is skipped by its
 * namespace; editable text by `scannable`.
 */
const SKIP_PARENTS = new Set([
  'script',
  'style',
  'noscript',
  'textarea',
  'option',
  'title',
  CARD_HOST_TAG,
]);
const SVG_NS = 'http://www.w3.org/2000/svg';

/** Length of one scanning slice before yielding to the page, in ms (well under a 50 ms long task). */
export const SLICE_MS = 8;

const NONE: readonly CodeMatch[] = [];

/**
 * Text nodes with their matches, and how many nodes hold each list. The lists are shared between
 * nodes of the same text (see `sharedDetector`) and never changed in place, so the page's codes are
 * counted from `lists` (a few dozen on a claims table) rather than from every node.
 */
export class MatchIndex extends Map<Text, readonly CodeMatch[]> {
  /** Each list held, with the number of nodes holding it. */
  readonly lists = new Map<readonly CodeMatch[], number>();

  override set(node: Text, matches: readonly CodeMatch[]): this {
    const old = this.get(node);
    if (old !== undefined) this.release(old);
    this.lists.set(matches, (this.lists.get(matches) ?? 0) + 1);
    return super.set(node, matches);
  }

  override delete(node: Text): boolean {
    const old = this.get(node);
    if (old === undefined) return false;
    this.release(old);
    return super.delete(node);
  }

  override clear(): void {
    this.lists.clear();
    super.clear();
  }

  private release(matches: readonly CodeMatch[]): void {
    const held = this.lists.get(matches)! - 1;
    if (held === 0) this.lists.delete(matches);
    else this.lists.set(matches, held);
  }
}

/** Texts up to this long share their matches: a table's code cells repeat the same few texts. */
export const SHARED_TEXT_MAX = 96;
/** Texts remembered at most; past this the memory starts over (a page of unique notes). */
export const SHARED_TEXTS = 4096;

/**
 * `detect`, answering a short text it has seen before with the same list: on a claims table most
 * cells with codes say one of a few dozen things ("D1110", "Bundled with D0120"), so most nodes cost
 * a lookup instead of a detection and share one list of matches instead of holding their own.
 */
export function sharedDetector(
  detect: (text: string) => CodeMatch[],
): (text: string) => readonly CodeMatch[] {
  let seen = new Map<string, readonly CodeMatch[]>();
  return (text) => {
    if (text.length > SHARED_TEXT_MAX) return detect(text);
    let matches = seen.get(text);
    if (matches === undefined) {
      if (seen.size >= SHARED_TEXTS) seen = new Map();
      seen.set(text, (matches = detect(text)));
    }
    return matches;
  };
}

/**
 * Gives the page a turn: the scan goes on in a new task at normal priority (`scheduler.postTask`,
 * else a message to itself), queued behind the page's own tasks rather than ahead of them as a
 * `scheduler.yield` continuation would be. (No difference was measured on a 50,000-row table, which
 * draws no frame of its own for its first second or so either way.) In the `background`, the scan
 * goes on only when nothing else is waiting.
 */
export function yieldToPage(background = false): Promise<void> {
  const s = (
    globalThis as {
      scheduler?: { postTask?: (cb: () => void, o: { priority: string }) => Promise<void> };
    }
  ).scheduler;
  if (s?.postTask)
    return s.postTask(() => {}, { priority: background ? 'background' : 'user-visible' });
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}

/**
 * True when `node`'s codes count: its element is not a script, style, form field, SVG or our card,
 * and is not editable. Asked only of nodes that have codes: the parent's wrapper and these checks
 * would cost more than the walk itself if asked of every node. Editability is a style check
 * (`isContentEditable`), made only under an element with a `contenteditable` attribute, which
 * `closest` finds at a fraction of the cost (it looks at the attribute only) and without waiting
 * for the page's pending style. `exact` makes the style check for every node: in a shadow root
 * (`closest` does not see past its host) and in a document in design mode.
 */
export function scannable(node: Text, exact = false): boolean {
  const parent = node.parentNode;
  if (parent?.nodeType !== Node.ELEMENT_NODE) return true;
  const el = parent as HTMLElement;
  if (SKIP_PARENTS.has(el.localName) || el.namespaceURI === SVG_NS) return false;
  return !((exact || el.closest('[contenteditable]') !== null) && el.isContentEditable);
}

/** Elements visited between two steps of the shadow-root pass (see `textWalker`). */
const ELEMENTS_PER_STEP = 32;

/**
 * A resumable walk over the text nodes under `root` and under the open shadow roots inside it:
 * returns the next text node, `undefined` for a step of the shadow-root pass with no text (so the
 * caller can look at the clock), or null at the end. Each tree is walked twice: its text alone (a
 * walker that also stops at elements costs three times as much on a table, measured), then its
 * elements alone for open shadow roots, each walked after the tree that holds it, nested ones first.
 * Whether a text's codes count is for `scannable` to say; `entered` hears of each shadow root as its
 * walk begins. A closure rather than a generator: it runs once per node of a page, and a
 * generator's resumption costs more than the walk itself.
 */
export function textWalker(
  root: Node,
  entered?: (root: ShadowRoot) => void,
): {
  next: () => Text | null | undefined;
  /** True while the walk is inside a shadow root. */
  inShadow: () => boolean;
} {
  const doc = root.ownerDocument ?? (root as Document);
  /** Trees still to walk, the next on top. */
  const pending: Node[] = [root];
  let tree: Node = root;
  /** Whether `tree` is in a shadow root: asked once per tree, not per node. */
  let inShadow = root.getRootNode() !== doc;
  let texts: TreeWalker | undefined;
  let elements: TreeWalker | undefined;
  let found: ShadowRoot[] = [];
  const next = () => {
    for (;;) {
      if (texts) {
        const text = texts.nextNode() as Text | null;
        if (text) return text;
        texts = undefined;
        elements = doc.createTreeWalker(tree, NodeFilter.SHOW_ELEMENT);
        found = [];
        // The root itself may be a host (a rescan of an element added with its shadow root).
        const host = tree as Partial<Element>;
        if (host.shadowRoot && host.localName !== CARD_HOST_TAG) found.push(host.shadowRoot);
      }
      if (elements) {
        for (let i = 0; i < ELEMENTS_PER_STEP; i++) {
          const el = elements.nextNode() as Element | null;
          if (!el) {
            elements = undefined;
            for (let k = found.length - 1; k >= 0; k--) pending.push(found[k]!);
            break;
          }
          const shadow = el.shadowRoot;
          if (shadow && el.localName !== CARD_HOST_TAG) found.push(shadow);
        }
        if (elements) return undefined;
      }
      const next = pending.pop();
      if (!next) return null;
      tree = next;
      inShadow = next.getRootNode() !== doc;
      if (next.nodeType === Node.DOCUMENT_FRAGMENT_NODE) entered?.(next as ShadowRoot);
      if (next.nodeType === Node.TEXT_NODE) {
        // A changed text node: itself only.
        texts = undefined;
        elements = undefined;
        return next as Text;
      }
      texts = doc.createTreeWalker(next, NodeFilter.SHOW_TEXT);
    }
  };
  return { next, inShadow: () => inShadow };
}

/**
 * Whether each text of `walk` needs the exact editability check (see `scannable`): in a shadow root,
 * or everywhere in a document in design mode.
 */
function exactCheck(root: Node, walk: { inShadow: () => boolean }): () => boolean {
  const doc = root.ownerDocument ?? (root as Document);
  return doc.designMode === 'on' ? () => true : walk.inShadow;
}

/** Yields every text node under `root` whose codes count, entering open shadow roots. */
export function* textNodes(root: Node): Generator<Text> {
  const walk = textWalker(root);
  const exact = exactCheck(root, walk);
  for (let node = walk.next(); node !== null; node = walk.next())
    if (node && scannable(node, exact())) yield node;
}

/** Nodes between two looks at the clock: reading it costs about as much as a short node. */
const CLOCK_EVERY = 16;
/** A text this long is checked against the clock at once (its detection alone takes a while). */
const LONG_TEXT = 2000;

/**
 * Matches for a node whose text reads together with its neighbours (a PDF text layer), or
 * `undefined` for a node to scan on its own.
 */
export type NodeDetector = (node: Text) => readonly CodeMatch[] | undefined;

/** What a scan may be given besides the page. */
export interface ScanOptions {
  /** Answers first for the nodes it knows (see `NodeDetector`). */
  detectIn?: NodeDetector;
  /** Hears of each open shadow root the scan walks (the page side watches it for changes). */
  entered?: (root: ShadowRoot) => void;
}

/**
 * Scans `root` in slices, recording each text node's matches in `index` and reporting to `update`
 * every node that has codes or has lost them. Stops early when `signal` aborts. Resolves with what
 * the scan did (the benchmark reads it).
 */
export async function scan(
  root: Node,
  detect: (text: string) => readonly CodeMatch[],
  index: MatchIndex,
  update: (node: Text, matches: readonly CodeMatch[]) => void,
  signal: AbortSignal,
  { detectIn, entered }: ScanOptions = {},
): Promise<ScanStats> {
  const start = performance.now();
  const stats: ScanStats = { nodes: 0, matches: 0, slices: 1, longestSliceMs: 0, textMs: 0 };
  let sliceStart = start;
  let deadline = sliceStart + SLICE_MS;
  const endSlice = (now: number) => {
    stats.longestSliceMs = Math.max(stats.longestSliceMs, now - sliceStart);
  };
  const walk = textWalker(root, entered);
  const exact = exactCheck(root, walk);
  const pause = async (background = false) => {
    endSlice(performance.now());
    await yieldToPage(background);
    stats.slices++;
    sliceStart = performance.now();
    deadline = sliceStart + SLICE_MS;
  };
  let steps = 0;
  for (let node = walk.next(); node !== null; node = walk.next()) {
    if (signal.aborted) return stats;
    if (node === undefined) {
      // The first step of the shadow-root pass: the document's own text is done. That pass visits
      // every element (about 1 µs each: 0.6 s on a 50,000-row table) and finds no code by itself,
      // so it runs when the page has nothing else to do.
      stats.textMs ||= performance.now() - start;
      if (++steps % CLOCK_EVERY === 0 && performance.now() > deadline) await pause(true);
      continue;
    }
    stats.nodes++;
    const data = node.data;
    // A long text (an inline script's data, say) is checked before it is read for codes.
    const skip = data.length >= LONG_TEXT && !scannable(node, exact());
    // Fast reject: no D or d at all means no code.
    let matches = skip
      ? NONE
      : (detectIn?.(node) ??
        (data.length >= 5 && (data.includes('D') || data.includes('d')) ? detect(data) : NONE));
    if (matches.length > 0 && !skip && !scannable(node, exact())) matches = NONE;
    if (matches.length > 0) {
      stats.matches += matches.length;
      index.set(node, matches);
      update(node, matches);
    } else if (index.has(node)) {
      index.delete(node);
      update(node, NONE);
    }
    if (stats.nodes % CLOCK_EVERY !== 0 && data.length < LONG_TEXT) continue;
    if (performance.now() > deadline) await pause();
  }
  endSlice(performance.now());
  stats.textMs ||= performance.now() - start;
  return stats;
}

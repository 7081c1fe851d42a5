/**
 * One MutationObserver per document, its records batched: added subtrees and changed text are
 * collected into a set, nested duplicates dropped, and past a threshold the batch becomes one
 * rescan of the whole document (as Dark Reader does for big changes). The document's observer sees
 * nothing inside shadow roots: each open one the scanner walks is observed as well (`observe`).
 */

/** How long records gather before a batch is processed: a storm of changes costs one pass. */
export const MUTATION_BATCH_MS = 80;
/** Past this many records in a batch, rescanning the document is cheaper than sorting them out. */
export const COALESCE_RECORDS = 1000;

/** What the batcher reports. */
export interface MutationSink {
  /** Some nodes left the document: forget the marks of those that did. */
  removed(): void;
  /** Subtrees or text nodes to rescan, none inside another. */
  changed(roots: Node[]): void;
}

/** Watches `doc` until `signal` aborts. */
export function createMutationBatcher(
  doc: Document,
  signal: AbortSignal,
  sink: MutationSink,
  /** Elements whose insertion is not a page change (the extension's own card host). */
  ignore: (el: Element) => boolean = () => false,
): { disconnect(): void; flush(): void; observe(root: ShadowRoot): void } {
  const roots = new Set<Node>();
  let removed = false;
  let records = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (signal.aborted) return;
    if (removed) sink.removed();
    const coalesce = records > COALESCE_RECORDS;
    const list = coalesce ? [doc] : dropNested([...roots]);
    roots.clear();
    removed = false;
    records = 0;
    if (list.length > 0) sink.changed(list);
  };

  const observer = new MutationObserver((batch) => {
    records += batch.length;
    for (const r of batch) {
      if (r.type === 'characterData') roots.add(r.target);
      else {
        if (r.removedNodes.length > 0) removed = true;
        for (const n of r.addedNodes)
          if (n.nodeType === 3 || (n.nodeType === 1 && !ignore(n as Element))) roots.add(n);
      }
    }
    timer ??= setTimeout(flush, MUTATION_BATCH_MS);
  });
  const watch = { childList: true, subtree: true, characterData: true };
  observer.observe(doc, watch);
  const disconnect = () => {
    observer.disconnect();
    clearTimeout(timer);
  };
  signal.addEventListener('abort', disconnect);
  return { disconnect, flush, observe: (root) => observer.observe(root, watch) };
}

/** Connected nodes of `nodes` that are not inside another of them. */
function dropNested(nodes: Node[]): Node[] {
  const set = new Set(nodes.filter((n) => n.isConnected));
  return [...set].filter((n) => {
    for (let p = n.parentNode; p; p = p.parentNode) if (set.has(p)) return false;
    return true;
  });
}

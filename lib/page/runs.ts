/**
 * Detection over text that a layout cut into runs which read as one line: a PDF text layer, where
 * pdf.js emits one element per text run and a code can be glued to its neighbours or split over two
 * runs ("D27" + "40"). The runs are joined, the detector runs once over the whole, and each match is
 * handed back to the run (or runs) it covers, with offsets in that run's own text.
 */
import type { CodeMatch } from '../detect/index';

/**
 * Matches per run of `runs`, in run order. `breaks` holds the indexes of runs that end a line: a
 * newline joins them to the next run, anything else is joined directly (pdf.js already emits the
 * spaces it sees between words as text).
 */
export function detectAcrossRuns(
  runs: readonly string[],
  detect: (text: string) => CodeMatch[],
  breaks: ReadonlySet<number> = new Set(),
): CodeMatch[][] {
  const { text, starts } = joinRuns(runs, breaks);
  const out: CodeMatch[][] = runs.map(() => []);
  if (!/[Dd]/.test(text)) return out;
  let run = 0;
  for (const m of detect(text)) {
    // Matches come in text order: the first run that holds the start is never before `run`.
    while (run + 1 < runs.length && starts[run + 1]! <= m.start) run++;
    for (let i = run; i < runs.length && starts[i]! < m.end; i++) {
      const from = Math.max(m.start, starts[i]!) - starts[i]!;
      const to = Math.min(m.end, starts[i]! + runs[i]!.length) - starts[i]!;
      if (to > from)
        out[i]!.push({
          ...m,
          start: from,
          end: to,
          ...(starts[i]! > m.start && { continued: true }),
        });
    }
  }
  return out;
}

/** The runs joined as they read (a newline after each run in `breaks`), and where each starts. */
export function joinRuns(
  runs: readonly string[],
  breaks: ReadonlySet<number> = new Set(),
): { text: string; starts: number[] } {
  const starts: number[] = [];
  let text = '';
  runs.forEach((run, i) => {
    starts.push(text.length);
    text += run;
    if (breaks.has(i)) text += '\n';
  });
  return { text, starts };
}

/** The text nodes of a layer element in order, and the indexes of those a `<br>` follows. */
export function layerRuns(layer: Element): { nodes: Text[]; breaks: Set<number> } {
  const nodes: Text[] = [];
  const breaks = new Set<number>();
  const walker = layer.ownerDocument.createTreeWalker(
    layer,
    NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT,
  );
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.nodeType === Node.TEXT_NODE) nodes.push(n as Text);
    else if ((n as Element).localName === 'br' && nodes.length > 0) breaks.add(nodes.length - 1);
  }
  return { nodes, breaks };
}

/**
 * Where offsets `from`..`to` of joined runs fall: start and end node and offset, for a Range or
 * StaticRange across the runs.
 */
export function spanOf(
  nodes: readonly Text[],
  starts: readonly number[],
  from: number,
  to: number,
): { startContainer: Text; startOffset: number; endContainer: Text; endOffset: number } {
  const at = (offset: number, end: boolean) => {
    let i = 0;
    while (i + 1 < nodes.length && (end ? starts[i + 1]! < offset : starts[i + 1]! <= offset)) i++;
    return { node: nodes[i]!, offset: Math.min(offset - starts[i]!, nodes[i]!.length) };
  };
  const s = at(from, false);
  const e = at(to, true);
  return {
    startContainer: s.node,
    startOffset: s.offset,
    endContainer: e.node,
    endOffset: e.offset,
  };
}

/** The codes of a layer element (a split code once), for the list of codes by page. */
export function layerCodes(layer: Element, detect: (text: string) => CodeMatch[]): Set<string> {
  const { nodes, breaks } = layerRuns(layer);
  const found = detectAcrossRuns(
    nodes.map((t) => t.data),
    detect,
    breaks,
  );
  return new Set(found.flat().flatMap((m) => (m.continued ? [] : [m.code])));
}

/**
 * A per-node detector for the scanner: text nodes inside a layer element (found by `layerOf`) get
 * their part of the matches of the whole layer, computed once per layer; other nodes get
 * `undefined` and are scanned alone, as on any page. `<br>` elements in a layer end a line.
 */
export function layerDetector(
  detect: (text: string) => CodeMatch[],
  layerOf: (node: Text) => Element | null,
  onLayerScanned?: (layer: Element) => void,
): (node: Text) => CodeMatch[] | undefined {
  const cache = new WeakMap<Element, { byNode: Map<Text, CodeMatch[]>; last: Text | undefined }>();
  return (node) => {
    const layer = layerOf(node);
    if (!layer) return undefined;
    let known = cache.get(layer);
    if (!known) {
      const { nodes, breaks } = layerRuns(layer);
      const found = detectAcrossRuns(
        nodes.map((t) => t.data),
        detect,
        breaks,
      );
      known = { byNode: new Map(nodes.map((t, i) => [t, found[i]!])), last: nodes.at(-1) };
      cache.set(layer, known);
    }
    // The scanner walks in document order: the layer's last node means the whole layer is done.
    if (node === known.last) onLayerScanned?.(layer);
    return known.byNode.get(node) ?? [];
  };
}

/**
 * Shows an open PDF in a scrolling container: one box per page, sized at once; each page's canvas
 * drawn only near the viewport and dropped when far away (a 500-page file never holds 500 bitmaps);
 * the text layers of all pages built one after another in the background, visible pages first, so
 * the page side can scan every page and find works on the whole file.
 */
import { type PDFDocumentProxy, type PDFPageProxy, type RenderTask, TextLayer } from 'pdfjs-dist';
import { joinRuns, layerRuns, spanOf } from '../page/runs';
import { yieldToPage } from '../page/scanner';

/** Class of a page's text layer (pdf.js's own name, styled in the viewer's CSS). */
export const TEXT_LAYER_CLASS = 'textLayer';
/** How far outside the viewport a page's canvas is drawn ahead and kept, as a CSS margin. */
const DRAW_MARGIN = '150% 0px';
/** Pages whose text is asked of the worker at once while the text layers are built. */
const TEXT_BATCH = 4;
/** Zoom limits. */
export const MIN_SCALE = 0.25;
export const MAX_SCALE = 4;

interface PageBox {
  div: HTMLDivElement;
  /** Size at scale 1, in CSS px (the first page's until this page was read). */
  width: number;
  height: number;
  page?: PDFPageProxy;
  canvas?: HTMLCanvasElement;
  task?: RenderTask;
  text?: Promise<number>;
  layer?: HTMLDivElement;
}

/** A found occurrence of the find text. */
export interface FindResult {
  page: number;
  /** 1-based position among all occurrences, and how many there are. */
  index: number;
  total: number;
}

export interface PdfView {
  readonly pageCount: number;
  /** Resolves with the number of characters of text when every page's text layer is built. */
  readonly textReady: Promise<number>;
  /** Resolves when the first page is drawn and its text layer built. */
  readonly firstPage: Promise<void>;
  scale(): number;
  setScale(scale: number): void;
  /** The page at the top of the viewport (1-based). */
  currentPage(): number;
  goTo(page: number): void;
  /** The text layers built so far, with their page numbers. */
  textLayers(): [page: number, layer: HTMLElement][];
  /** Selects the next (or previous) occurrence of `query` after the last one found. */
  find(query: string, backwards?: boolean): FindResult | undefined;
  destroy(): void;
}

/** Highlight name of the current find result (styled in the viewer's CSS). */
export const FIND_HIGHLIGHT = 'cdt-find';

/** Shows `pdf` in `container` (a scrolling element) at `initialScale`. */
export async function createPdfView(
  container: HTMLElement,
  pdf: PDFDocumentProxy,
  options: { scale?: number; onPageChange?: (page: number) => void },
): Promise<PdfView> {
  const win = container.ownerDocument.defaultView as Window & typeof globalThis;
  const doc = container.ownerDocument;
  const stop = new AbortController();
  const first = await pdf.getPage(1);
  const base = first.getViewport({ scale: 1 });
  let scale =
    options.scale ?? Math.min(1.5, Math.max(MIN_SCALE, (container.clientWidth - 48) / base.width));
  const boxes: PageBox[] = [];
  for (let i = 0; i < pdf.numPages; i++) {
    const div = doc.createElement('div');
    div.className = 'pdf-page';
    div.dataset.page = String(i + 1);
    div.setAttribute('role', 'region');
    div.setAttribute('aria-label', `Page ${i + 1}`);
    boxes.push({ div, width: base.width, height: base.height });
  }
  boxes[0]!.page = first;
  const size = (box: PageBox) => {
    box.div.style.width = `${box.width * scale}px`;
    box.div.style.height = `${box.height * scale}px`;
    box.div.style.setProperty('--scale-factor', String(scale));
    box.div.style.setProperty('--total-scale-factor', String(scale));
  };
  boxes.forEach(size);
  container.append(...boxes.map((b) => b.div));

  const pageOf = async (box: PageBox, n: number) => {
    if (!box.page) {
      box.page = await pdf.getPage(n);
      const vp = box.page.getViewport({ scale: 1 });
      if (vp.width !== box.width || vp.height !== box.height) {
        box.width = vp.width;
        box.height = vp.height;
        size(box);
      }
    }
    return box.page;
  };

  /** Draws the page's canvas at the current scale. */
  const draw = async (n: number) => {
    const box = boxes[n - 1]!;
    if (box.canvas) return;
    const page = await pageOf(box, n);
    if (stop.signal.aborted || box.canvas) return;
    const ratio = win.devicePixelRatio || 1;
    const viewport = page.getViewport({ scale: scale * ratio });
    const canvas = doc.createElement('canvas');
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    box.canvas = canvas;
    box.div.prepend(canvas);
    box.task = page.render({ canvas, viewport });
    await box.task.promise.catch(() => undefined);
  };
  const undraw = (box: PageBox) => {
    box.task?.cancel();
    box.task = undefined;
    if (box.canvas) {
      // Zero size frees the bitmap at once, without waiting for garbage collection.
      box.canvas.width = box.canvas.height = 0;
      box.canvas.remove();
      box.canvas = undefined;
    }
  };

  /** Builds the page's text layer (detached, then added whole); resolves with its text length. */
  const text = (n: number) => {
    const box = boxes[n - 1]!;
    box.text ??= (async () => {
      const page = await pageOf(box, n);
      const content = await page.getTextContent();
      if (stop.signal.aborted) return 0;
      const layer = doc.createElement('div');
      layer.className = TEXT_LAYER_CLASS;
      await new TextLayer({
        textContentSource: content,
        container: layer,
        viewport: page.getViewport({ scale }),
      }).render();
      box.layer = layer;
      box.div.append(layer);
      return content.items.reduce(
        (sum, item) => sum + ('str' in item ? item.str.trim().length : 0),
        0,
      );
    })();
    return box.text;
  };

  const near = new Set<number>();
  const observer = new win.IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        const n = Number((e.target as HTMLElement).dataset.page);
        if (e.isIntersecting) {
          near.add(n);
          void draw(n);
          void text(n);
        } else {
          near.delete(n);
          undraw(boxes[n - 1]!);
        }
      }
    },
    { root: container, rootMargin: DRAW_MARGIN },
  );
  boxes.forEach((b) => observer.observe(b.div));

  const firstPage = Promise.all([draw(1), text(1)]).then(() => undefined);
  const textReady = (async () => {
    // The first page has the worker to itself: it is what the user looks at.
    await firstPage;
    let chars = 0;
    for (let n = 1; n <= boxes.length && !stop.signal.aborted; n += TEXT_BATCH) {
      const batch = boxes.slice(n - 1, n - 1 + TEXT_BATCH).map((_, i) => text(n + i));
      for (const c of await Promise.all(batch)) chars += c;
      // A few pages at a time: the worker reads the next page while this one is laid out, and the
      // viewer stays responsive on a 500-page file.
      await yieldToPage();
    }
    return chars;
  })();

  const currentPage = () => {
    const top = container.scrollTop + container.clientHeight / 3;
    let lo = 0;
    let hi = boxes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (boxes[mid]!.div.offsetTop <= top) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  let scrollFrame = 0;
  container.addEventListener(
    'scroll',
    () => {
      scrollFrame ||= win.requestAnimationFrame(() => {
        scrollFrame = 0;
        options.onPageChange?.(currentPage());
      });
    },
    { passive: true, signal: stop.signal },
  );

  const goTo = (page: number) => {
    const box = boxes[Math.min(Math.max(1, Math.round(page)), boxes.length) - 1];
    if (box) container.scrollTop = box.div.offsetTop - 8;
  };

  let findFrom: { page: number; offset: number } = { page: 0, offset: -1 };
  const find = (query: string, backwards = false): FindResult | undefined => {
    win.CSS.highlights?.delete(FIND_HIGHLIGHT);
    const needle = query.trim().toLowerCase();
    if (!needle) return undefined;
    const hits: { page: number; from: number; layer: HTMLDivElement }[] = [];
    boxes.forEach((box, i) => {
      if (!box.layer) return;
      const { nodes, breaks } = layerRuns(box.layer);
      const joined = joinRuns(
        nodes.map((t) => t.data),
        breaks,
      ).text.toLowerCase();
      for (let at = joined.indexOf(needle); at >= 0; at = joined.indexOf(needle, at + 1))
        hits.push({ page: i, from: at, layer: box.layer });
    });
    if (hits.length === 0) return undefined;
    const after = (h: (typeof hits)[number]) =>
      h.page > findFrom.page || (h.page === findFrom.page && h.from > findFrom.offset);
    let k = backwards
      ? hits.findLastIndex(
          (h) => !after(h) && !(h.page === findFrom.page && h.from === findFrom.offset),
        )
      : hits.findIndex(after);
    if (k < 0) k = backwards ? hits.length - 1 : 0;
    const hit = hits[k]!;
    findFrom = { page: hit.page, offset: hit.from };
    const { nodes, breaks } = layerRuns(hit.layer);
    const { starts } = joinRuns(
      nodes.map((t) => t.data),
      breaks,
    );
    const span = spanOf(nodes, starts, hit.from, hit.from + needle.length);
    if (win.CSS.highlights)
      win.CSS.highlights.set(FIND_HIGHLIGHT, new win.Highlight(new win.StaticRange(span)));
    span.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' });
    return { page: hit.page + 1, index: k + 1, total: hits.length };
  };

  return {
    pageCount: boxes.length,
    textReady,
    firstPage,
    scale: () => scale,
    setScale(next) {
      const keep = currentPage();
      scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, next));
      boxes.forEach(size);
      for (const box of boxes) undraw(box);
      for (const n of near) void draw(n);
      goTo(keep);
    },
    currentPage,
    goTo,
    find,
    textLayers: () =>
      boxes.flatMap((box, i): [number, HTMLElement][] => (box.layer ? [[i + 1, box.layer]] : [])),
    destroy() {
      stop.abort();
      observer.disconnect();
      boxes.forEach(undraw);
      win.CSS.highlights?.delete(FIND_HIGHLIGHT);
      container.replaceChildren();
      void pdf.destroy();
    },
  };
}

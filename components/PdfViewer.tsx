import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { openPdf } from '../lib/pdf/load';
import { createPdfView, type FindResult, type PdfView } from '../lib/pdf/view';

/** A file to show: its name, where it came from (for the browser's viewer) and its bytes. */
export interface PdfSource {
  name: string;
  url?: string;
  load: () => Promise<Uint8Array>;
}

export interface PdfViewerProps {
  /** The file named in the address, if any. */
  initial?: PdfSource;
  /** Absolute URL of the extension's pdf.js data folder. */
  assets: string;
  /** Told of each document shown (the entrypoint measures and reports with it). */
  onView?: (view: PdfView) => void;
}

/** What the viewer says about the file. */
export const NO_TEXT_MESSAGE =
  'This PDF has no text to read: its pages are images (a scan?), so CDT Lens cannot find codes in it.';

type State =
  | { phase: 'empty' }
  | { phase: 'loading'; name: string }
  | { phase: 'failed'; name: string; message: string }
  | { phase: 'open'; name: string; pages: number };

/** Zoom steps of the − and + buttons. */
const ZOOM_STEP = 1.2;

/** The code-aware PDF viewer: toolbar, messages, and the pages (drawn by lib/pdf/view). */
export function PdfViewer({ initial, assets, onView }: PdfViewerProps) {
  const [state, setState] = useState<State>({ phase: 'empty' });
  const [source, setSource] = useState<PdfSource | undefined>(initial);
  const [page, setPage] = useState(1);
  const [zoom, setZoom] = useState(1);
  const [notice, setNotice] = useState('');
  const [found, setFound] = useState<FindResult | null>();
  const [bytes, setBytes] = useState<Uint8Array>();
  const pagesRef = useRef<HTMLDivElement>(null);
  const findRef = useRef<HTMLInputElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const viewRef = useRef<PdfView | undefined>(undefined);

  useEffect(() => {
    if (!source) return;
    let stale = false;
    viewRef.current?.destroy();
    viewRef.current = undefined;
    setNotice('');
    setFound(undefined);
    setState({ phase: 'loading', name: source.name });
    document.title = `${source.name} – CDT Lens`;
    void (async () => {
      try {
        const data = await source.load();
        if (stale) return;
        setBytes(data);
        // pdf.js takes the buffer it is given: keep our own copy for print and download.
        const pdf = await openPdf(data.slice(), assets);
        if (stale) return void pdf.destroy();
        setState({ phase: 'open', name: source.name, pages: pdf.numPages });
        const view = await createPdfView(pagesRef.current!, pdf, {
          onPageChange: (n) => !stale && setPage(n),
        });
        viewRef.current = view;
        setZoom(view.scale());
        setPage(1);
        onView?.(view);
        const chars = await view.textReady;
        if (!stale && chars === 0) setNotice(NO_TEXT_MESSAGE);
      } catch (err) {
        if (stale) return;
        setState({
          phase: 'failed',
          name: source.name,
          message: err instanceof Error ? err.message : String(err),
        });
      }
    })();
    return () => {
      stale = true;
    };
  }, [source, assets, onView]);

  useEffect(() => () => viewRef.current?.destroy(), []);

  // Ctrl+F (⌘F) finds in the PDF, not in the viewer's page around it.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        findRef.current?.focus();
        findRef.current?.select();
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);

  const openFile = (file: File | undefined) => {
    if (!file) return;
    setSource({ name: file.name, load: async () => new Uint8Array(await file.arrayBuffer()) });
  };
  // A file dropped anywhere on the viewer opens.
  useEffect(() => {
    const over = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      e.preventDefault();
      openFile(e.dataTransfer?.files[0]);
    };
    addEventListener('dragover', over);
    addEventListener('drop', drop);
    return () => {
      removeEventListener('dragover', over);
      removeEventListener('drop', drop);
    };
  }, []);

  const view = viewRef.current;
  const open = state.phase === 'open';
  const blobUrl = useBlobUrl(bytes);
  const zoomTo = (s: number) => {
    view?.setScale(s);
    setZoom(view?.scale() ?? s);
  };
  const runFind = (backwards = false) => {
    const q = findRef.current?.value ?? '';
    setFound(q.trim() ? (view?.find(q, backwards) ?? null) : undefined);
  };
  const print = () => {
    if (!blobUrl) return;
    // The original file, printed by the browser's own PDF viewer in a hidden frame.
    const frame = document.createElement('iframe');
    frame.className = 'pdf-print';
    frame.src = blobUrl;
    frame.onload = () => frame.contentWindow?.print();
    document.body.append(frame);
  };

  return (
    <div class="pdf-viewer">
      <div class="pdf-toolbar" role="toolbar" aria-label="PDF">
        <Group>
          <button type="button" onClick={() => fileRef.current?.click()}>
            Open file…
          </button>
          <input
            ref={fileRef}
            type="file"
            accept="application/pdf,.pdf"
            hidden
            aria-label="PDF file"
            onChange={(e) => openFile((e.target as HTMLInputElement).files?.[0])}
          />
        </Group>
        {open && (
          <>
            <Group>
              <button type="button" aria-label="Previous page" onClick={() => view?.goTo(page - 1)}>
                ‹
              </button>
              <input
                class="pdf-page-input"
                type="number"
                min={1}
                max={state.pages}
                value={page}
                aria-label="Page"
                onChange={(e) => view?.goTo(Number((e.target as HTMLInputElement).value))}
              />
              <span class="pdf-of">of {state.pages}</span>
              <button type="button" aria-label="Next page" onClick={() => view?.goTo(page + 1)}>
                ›
              </button>
            </Group>
            <Group>
              <button type="button" aria-label="Zoom out" onClick={() => zoomTo(zoom / ZOOM_STEP)}>
                −
              </button>
              <span class="pdf-zoom" aria-live="polite">
                {Math.round(zoom * 100)}%
              </span>
              <button type="button" aria-label="Zoom in" onClick={() => zoomTo(zoom * ZOOM_STEP)}>
                +
              </button>
            </Group>
            <Group>
              <input
                ref={findRef}
                class="pdf-find"
                type="search"
                placeholder="Find in PDF (Ctrl+F)"
                aria-label="Find in PDF"
                onKeyDown={(e) => {
                  if (e.key === 'Enter') runFind(e.shiftKey);
                  if (e.key === 'Escape') {
                    (e.target as HTMLInputElement).value = '';
                    runFind();
                  }
                }}
              />
              <span class="pdf-found" role="status">
                {found === null ? 'Not found' : found ? `${found.index} of ${found.total}` : ''}
              </span>
            </Group>
            <span class="pdf-spacer" />
            <Group>
              <button type="button" onClick={print}>
                Print
              </button>
              <a class="pdf-button" href={blobUrl} download={state.name}>
                Download
              </a>
              {source?.url && (
                <a class="pdf-button" href={source.url} title="Open in the browser’s own viewer">
                  Browser viewer
                </a>
              )}
            </Group>
          </>
        )}
      </div>
      {state.phase !== 'open' && (
        <div class="pdf-message" role={state.phase === 'failed' ? 'alert' : 'status'}>
          {state.phase === 'empty' && (
            <p>
              Open a PDF (an EOB, a remittance, a fee schedule) with <b>Open file…</b> or drop it
              here. Codes in it are marked and explained as on any web page; the file never leaves
              your computer.
            </p>
          )}
          {state.phase === 'loading' && <p>Opening {state.name}…</p>}
          {state.phase === 'failed' && (
            <>
              <p class="pdf-error">
                <b>{state.name}</b>: {state.message}
              </p>
              {source?.url && (
                <p>
                  <a href={source.url}>Open it in the browser’s own viewer</a>, or download it and
                  open the file here.
                </p>
              )}
            </>
          )}
        </div>
      )}
      {notice && (
        <p class="pdf-notice" role="status">
          {notice}
        </p>
      )}
      <div ref={pagesRef} class="pdf-pages" tabIndex={-1} />
    </div>
  );
}

function Group({ children }: { children: ComponentChildren }) {
  return <div class="pdf-group">{children}</div>;
}

/** An object URL for `bytes`, revoked when they change. */
function useBlobUrl(bytes: Uint8Array | undefined): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!bytes) return;
    const u = URL.createObjectURL(
      new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }),
    );
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [bytes]);
  return url;
}

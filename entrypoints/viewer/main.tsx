import { render } from 'preact';
import { browser } from 'wxt/browser';
import { startPageSide } from '../../lib/page/page-side';
import { type PdfSource, PdfViewer } from '../../components/PdfViewer';
import { findCodes } from '../../lib/detect/index';
import { sendMessage } from '../../lib/messaging';
import { PDFJS_ASSETS } from '../../lib/pdf/load';
import { fromBase64 } from '../../lib/page/pdf-links';
import { TEXT_LAYER_CLASS } from '../../lib/pdf/view';
import { layerCodes, layerDetector } from '../../lib/page/runs';
import type { RunningPage } from '../../lib/page/run';
import type { CodePages } from '../../lib/page-codes';
import { fileNameOf, serveViewerRequests } from '../../lib/viewer-link';
import '../content/style.css';
import './style.css';

const params = new URLSearchParams(location.search);
/** Only web addresses are read (the content script fetches http and https alone). */
const file = /^https?:\/\//i.test(params.get('file') ?? '') ? params.get('file') : null;
const tab = params.get('tab');

/**
 * The linked file: through the content script of the frame that linked it (the page's own origin
 * and cookies, no host permission needed), else fetched here (CORS-enabled servers).
 */
const initial: PdfSource | undefined = file
  ? {
      name: fileNameOf(file),
      url: file,
      async load() {
        if (tab !== null) {
          const target = { tabId: Number(tab), frameId: Number(params.get('frame') ?? 0) };
          try {
            return fromBase64(await sendMessage('fetchPdf', file, target));
          } catch (err) {
            console.info('CDT Lens: the linking page could not fetch the PDF:', String(err));
          }
        }
        const res = await fetch(file).catch(() => undefined);
        if (!res?.ok) {
          // The takeover must never leave a PDF link worse off: on to the browser's own viewer.
          if (params.get('via') === 'takeover') location.replace(file);
          throw new Error(
            'CDT Lens could not download this file (the site does not allow it to be read from here).',
          );
        }
        return new Uint8Array(await res.arrayBuffer());
      },
    }
  : undefined;

/** The pages each code of the open file is on, for the popup's list (sent once all text is read). */
let pages: CodePages = {};
const reportPages = () => void sendMessage('reportPages', pages).catch(() => undefined);

// Performance marks for the benchmark (tests/bench/pdf.ts): first page shown, every page scanned.
let layersWithText = -1;
let scanned = 0;
/** The running page side, once started: told to report as soon as the whole file is scanned. */
let running: Promise<RunningPage> | undefined;
const markScanned = () => {
  if (layersWithText < 0 || scanned < layersWithText) return;
  performance.mark('cdt-lens:pdf-all-scanned');
  // After the scanner has stored the last node's matches (it asks for them just before), rather
  // than at the page side's next report tick: the popup then lists the whole file at once.
  setTimeout(() => void running?.then((page) => page.report()), 0);
};

render(
  <PdfViewer
    initial={initial}
    assets={browser.runtime.getURL(PDFJS_ASSETS as '/viewer.html')}
    onView={(view) => {
      layersWithText = -1;
      scanned = 0;
      pages = {};
      void view.firstPage.then(() => performance.mark('cdt-lens:pdf-first-page'));
      void view.textReady.then(() => {
        performance.mark('cdt-lens:pdf-all-text');
        for (const [n, layer] of view.textLayers())
          for (const code of layerCodes(layer, findCodes)) (pages[code] ??= []).push(n);
        reportPages();
        layersWithText = document.querySelectorAll(`.${TEXT_LAYER_CLASS}:has(span)`).length;
        markScanned();
      });
    }}
  />,
  document.getElementById('app')!,
);

// The page side, as on any web page, over the viewer's own document (`?marks=off`: pdf.js alone,
// the benchmark's baseline).
if (params.get('marks') !== 'off') {
  const life = new AbortController();
  addEventListener('pagehide', () => life.abort());
  const tabId = browser.tabs.getCurrent().then((t) => t?.id ?? -1);
  running = startPageSide(window, life.signal, {
    detectIn: layerDetector(
      findCodes,
      (node) => node.parentElement?.closest(`.${TEXT_LAYER_CLASS}`) ?? null,
      () => {
        scanned++;
        markScanned();
      },
    ),
    serve: (requests, signal) =>
      void tabId.then((id) =>
        serveViewerRequests(
          id,
          {
            ...requests,
            requestReport: (data) => {
              reportPages();
              return requests.requestReport(data);
            },
          },
          signal,
        ),
      ),
  });
}

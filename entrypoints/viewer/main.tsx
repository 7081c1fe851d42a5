import { render } from 'preact';
import { browser } from 'wxt/browser';
import { startPageSide } from '../../components/page-side';
import { type PdfSource, PdfViewer } from '../../components/PdfViewer';
import { findCodes } from '../../lib/detect/index';
import { sendMessage } from '../../lib/messaging';
import { PDFJS_ASSETS } from '../../lib/pdf/load';
import { fromBase64 } from '../../lib/page/pdf-links';
import { TEXT_LAYER_CLASS } from '../../lib/pdf/view';
import { layerDetector } from '../../lib/page/runs';
import { serveViewerRequests } from '../../lib/viewer-link';
import '../content/style.css';
import './style.css';

const params = new URLSearchParams(location.search);
const file = params.get('file');
const tab = params.get('tab');

/**
 * The linked file: through the content script of the frame that linked it (the page's own origin
 * and cookies, no host permission needed), else fetched here (CORS-enabled servers).
 */
const initial: PdfSource | undefined = file
  ? {
      name: decodeURIComponent(new URL(file).pathname.split('/').pop() || 'document.pdf'),
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
        if (!res?.ok)
          throw new Error(
            'CDT Lens could not download this file (the site does not allow it to be read from here).',
          );
        return new Uint8Array(await res.arrayBuffer());
      },
    }
  : undefined;

// Performance marks for the benchmark (tests/bench/pdf.ts): first page shown, every page scanned.
let layersWithText = -1;
let scanned = 0;
const markScanned = () => {
  if (layersWithText >= 0 && scanned >= layersWithText)
    performance.mark('cdt-lens:pdf-all-scanned');
};

render(
  <PdfViewer
    initial={initial}
    assets={browser.runtime.getURL(PDFJS_ASSETS as '/viewer.html')}
    onView={(view) => {
      layersWithText = -1;
      scanned = 0;
      void view.firstPage.then(() => performance.mark('cdt-lens:pdf-first-page'));
      void view.textReady.then(() => {
        performance.mark('cdt-lens:pdf-all-text');
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
  void startPageSide(window, life.signal, {
    detectIn: layerDetector(
      findCodes,
      (node) => node.parentElement?.closest(`.${TEXT_LAYER_CLASS}`) ?? null,
      () => {
        scanned++;
        markScanned();
      },
    ),
    serve: (requests, signal) => void tabId.then((id) => serveViewerRequests(id, requests, signal)),
  });
}

import { defineContentScript } from 'wxt/utils/define-content-script';
import { startPageSide } from '../../components/page-side';
import { checkText, onMessage, sendMessage } from '../../lib/messaging';
import { fetchAsPage, takeOverPdfLinks } from '../../lib/page/pdf-links';
import './style.css';

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  matchAboutBlank: true,
  cssInjectionMode: 'manifest',
  async main(ctx) {
    await startPageSide(window, ctx.signal, {
      serve: (requests, signal) => {
        for (const stop of [
          onMessage('showLookup', ({ data }) => requests.showLookup(data)),
          onMessage('requestReport', () => void requests.requestReport(null)),
          onMessage('revealInFrame', ({ data }) => requests.revealInFrame(data)),
          // The viewer reads a linked PDF through the page that links it (see lib/page/pdf-links).
          onMessage('fetchPdf', ({ data }) => fetchAsPage(checkText(data))),
        ])
          signal.addEventListener('abort', stop, { once: true });
      },
    });
    void takeOverPdfLinks(document, (url) => void sendMessage('openViewer', url), ctx.signal);
  },
});

import { defineContentScript } from 'wxt/utils/define-content-script';
import { checkText, onMessage, sendMessage } from '../../lib/messaging';
import { startPageSide } from '../../lib/page/page-side';
import { fetchAsPage, takeOverPdfLinks } from '../../lib/page/pdf-links';
import './style.css';

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  matchAboutBlank: true,
  // Also frames whose URL is not their origin's: sandboxed srcdoc messages (Firefox), data: and
  // blob: reports made by a page's script.
  matchOriginAsFallback: true,
  cssInjectionMode: 'manifest',
  // WXT's "script started" message to the page's window (its older way to stop a stale copy of the
  // script; the custom event it also sends does that): the page's message listeners must not see
  // anything of ours, and the post cost 2–6 ms of the start (traced on a 200 KB article).
  noScriptStartedPostMessage: true,
  async main(ctx) {
    const page = await startPageSide(window, ctx.signal, {
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
    for (const stop of [
      // A small frame's card, shown here in the top frame (lib/frame-cards.ts checked it).
      onMessage('openCardInTop', ({ data }) => page.showFrameCard(data)),
      onMessage('closeCardInTop', ({ data }) => page.closeFrameCard(data)),
    ])
      ctx.onInvalidated(stop);
    void takeOverPdfLinks(document, (url) => void sendMessage('openViewer', url), ctx.signal);
  },
});

import { defineContentScript } from 'wxt/utils/define-content-script';
import { findCodes } from '../../lib/detect/index';
import { watchImport } from '../../lib/licensed/store';
import { checkText, onMessage, sendMessage } from '../../lib/messaging';
import { cardUiLoader } from '../../lib/page/card-ui-loader';
import { cacheLookups } from '../../lib/page/lookup-cache';
import { countCodes } from '../../lib/page-codes';
import { runPage } from '../../lib/page/run';
import { focusedText } from '../../lib/page/selection';
import './style.css';

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  matchAboutBlank: true,
  cssInjectionMode: 'manifest',
  async main(ctx) {
    const lookup = cacheLookups((code) => sendMessage('getCodeView', code));
    const page = await runPage(
      window,
      {
        detect: findCodes,
        onCodes: (matches) =>
          void sendMessage('reportCodes', countCodes(matches)).catch(() => undefined),
        openInTop: (request) => sendMessage('openCardInTop', request),
        closeInTop: (force) => void sendMessage('closeCardInTop', force).catch(() => undefined),
        loadCardUi: cardUiLoader({
          lookup,
          search: (query) => sendMessage('searchCodes', query),
          openSearch: (query) => void sendMessage('openSearch', query),
        }),
      },
      ctx.signal,
    );
    for (const stop of [
      // The keyboard command: into the open card if there is one, else a lookup of the selection.
      onMessage('showLookup', ({ data }) =>
        data === null
          ? page.focusCard() || page.showSelection(focusedText(document, findCodes))
          : page.showSelection(checkText(data)),
      ),
      onMessage('requestReport', () => page.report()),
      onMessage('revealInFrame', ({ data }) => page.reveal(checkText(data))),
      // A small frame's card, shown here in the top frame (lib/frame-cards.ts checked it).
      onMessage('openCardInTop', ({ data }) => page.showFrameCard(data)),
      onMessage('closeCardInTop', ({ data }) => page.closeFrameCard(data)),
      // A new or removed licensed import changes what cards show.
      watchImport(() => lookup.clear()),
    ])
      ctx.onInvalidated(stop);
  },
});

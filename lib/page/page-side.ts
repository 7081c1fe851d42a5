/**
 * The page side as every surface runs it: the content script on web pages and the PDF viewer on its
 * own document. Same detector, card, settings and reports; only how requests from the background
 * arrive differs (a content script gets tab messages, the viewer an extension page's).
 */
import { findCodes } from '../detect/index';
import { watchImport } from '../licensed/watch';
import { checkText, sendMessage } from '../messaging';
import type { ViewerRequestKind } from '../viewer-link';
import { cardUiLoader } from './card-ui-loader';
import { cacheLookups } from './lookup-cache';
import { type RunningPage, runPage } from './run';
import type { NodeDetector } from './scanner';
import { focusedText } from './selection';

/** What the background may ask of a page, by message name; true: done. */
export type PageRequests = Record<ViewerRequestKind, (data: string | null) => boolean>;

export interface PageSideOptions {
  /** Detection across text nodes that read as one (the viewer's text layers). */
  detectIn?: NodeDetector;
  /** Registers the request handlers with the surface's message channel until `signal` aborts. */
  serve: (requests: PageRequests, signal: AbortSignal) => void;
}

/** Starts the page side on `win` until `signal` aborts. */
export async function startPageSide(
  win: Window & typeof globalThis,
  signal: AbortSignal,
  { detectIn, serve }: PageSideOptions,
): Promise<RunningPage> {
  const lookup = cacheLookups((code) => sendMessage('getCodeView', code));
  const page = await runPage(
    win,
    {
      detect: findCodes,
      detectIn,
      onCodes: (counts) => void sendMessage('reportCodes', counts).catch(() => undefined),
      openInTop: (request) => sendMessage('openCardInTop', request),
      closeInTop: (force) => void sendMessage('closeCardInTop', force).catch(() => undefined),
      prefetch: (code) => void lookup(code).catch(() => undefined),
      loadCardUi: cardUiLoader({
        lookup,
        peek: lookup.peek,
        noteShown: (code) => void sendMessage('noteLookup', code).catch(() => undefined),
        search: (query) => sendMessage('searchCodes', query),
        openSearch: (query) => void sendMessage('openSearch', query),
      }),
    },
    signal,
  );
  // A new or removed licensed import changes what cards show.
  signal.addEventListener(
    'abort',
    watchImport(() => lookup.clear()),
    { once: true },
  );
  serve(
    {
      // The keyboard command: into the open card if there is one, else a lookup of the selection.
      showLookup: (data) =>
        data === null
          ? page.focusCard() || page.showSelection(focusedText(win.document, findCodes))
          : page.showSelection(checkText(data)),
      requestReport: () => {
        page.report();
        return true;
      },
      revealInFrame: (data) => page.reveal(checkText(data)),
    },
    signal,
  );
  return page;
}

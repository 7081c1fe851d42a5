/**
 * The page side as every surface runs it: the content script on web pages and the PDF viewer on its
 * own document. Same detector, card, settings and reports; only how requests from the background
 * arrive differs (a content script gets tab messages, the viewer an extension page's).
 */
import { render } from 'preact';
import cardCss from './card.css?inline';
import { HoverCard } from './HoverCard';
import { LookupCard } from './LookupCard';
import { findCodes } from '../lib/detect/index';
import { checkText, sendMessage } from '../lib/messaging';
import { countCodes } from '../lib/page-codes';
import { cacheLookups } from '../lib/page/lookup-cache';
import { type RunningPage, runPage } from '../lib/page/run';
import type { NodeDetector } from '../lib/page/scanner';
import { focusedText } from '../lib/page/selection';
import type { ViewerRequestKind } from '../lib/viewer-link';

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
  const search = (query: string) => sendMessage('searchCodes', query);
  const page = await runPage(
    win,
    {
      detect: findCodes,
      detectIn,
      cardCss,
      onCodes: (matches) =>
        void sendMessage('reportCodes', countCodes(matches)).catch(() => undefined),
      renderCard: (mount, props) =>
        render(
          props &&
            (props.query !== undefined ? (
              <LookupCard
                query={props.query}
                search={search}
                lookup={lookup}
                onClose={props.onClose}
              />
            ) : (
              <HoverCard
                key={props.code}
                {...props}
                lookup={lookup}
                onSearchSimilar={(query) => void sendMessage('openSearch', query)}
              />
            )),
          mount,
        ),
    },
    signal,
  );
  serve(
    {
      showLookup: (data) =>
        page.showSelection(data === null ? focusedText(win.document, findCodes) : checkText(data)),
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

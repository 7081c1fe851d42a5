/**
 * The code-aware PDF viewer (`viewer.html`) as the rest of the extension sees it: opening a PDF in
 * it (context menu, takeover of PDF links, popup), and requests from the background to the viewer in
 * one tab. The viewer is an extension page, which `tabs.sendMessage` does not reach, so those go out
 * as a plain runtime message carrying the tab id, answered only by the viewer in that tab.
 */
import { browser, type Browser } from 'wxt/browser';
import { checkText, onMessage } from './messaging';

/** Path of the viewer page. */
export const VIEWER_PAGE = '/viewer.html';
/** Menu item on links to PDF files. */
export const VIEWER_LINK_MENU_ID = 'cdt-viewer-link';
/** Menu item on a tab that shows a PDF in the browser's own viewer. */
export const VIEWER_PAGE_MENU_ID = 'cdt-viewer-page';

/** URL patterns of PDF files, for the menu items (match patterns: path wildcards only). */
export const PDF_URL_PATTERNS = ['*.pdf', '*.PDF', '*.pdf?*', '*.PDF?*', '*.pdf#*'].flatMap(
  (path) => [`http://*/${path}`, `https://*/${path}`],
);

/** True for an http(s) URL whose path ends in `.pdf`. */
export function isPdfUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return /^https?:$/.test(u.protocol) && /\.pdf$/i.test(u.pathname);
  } catch {
    return false;
  }
}

/** The file name of a PDF address, for the title and downloads (`document.pdf` when none). */
export function fileNameOf(url: string): string {
  const last = URL.parse(url)?.pathname.split('/').pop() ?? '';
  try {
    return decodeURIComponent(last) || 'document.pdf';
  } catch {
    // A malformed escape: the name as written.
    return last;
  }
}

/** Where the viewer finds a file: its URL, and the frame that can fetch it as the page would. */
export interface ViewerSource {
  url: string;
  tabId?: number;
  frameId?: number;
  /** Opened by the takeover setting: a file the viewer cannot read goes to the browser's viewer. */
  takeover?: boolean;
}

/** The viewer's address for `source` (relative to the extension's origin). */
export function viewerPath(source?: ViewerSource): string {
  if (!source) return VIEWER_PAGE;
  const q = new URLSearchParams({ file: source.url });
  if (source.tabId !== undefined && source.tabId >= 0) q.set('tab', String(source.tabId));
  if (source.frameId !== undefined) q.set('frame', String(source.frameId));
  if (source.takeover) q.set('via', 'takeover');
  return `${VIEWER_PAGE}?${q.toString()}`;
}

/** Opens the viewer for `source` in a new tab next to `tab`. */
export async function openViewer(source: ViewerSource, tab?: Browser.tabs.Tab): Promise<void> {
  await browser.tabs.create({
    url: browser.runtime.getURL(viewerPath(source) as '/viewer.html'),
    ...(tab?.index !== undefined && { index: tab.index + 1 }),
    ...(tab?.id !== undefined && tab.id >= 0 && { openerTabId: tab.id }),
  });
}

/** Adds the "Open in code-aware viewer" items (after `contextMenus.removeAll`). */
export function createViewerMenus(): void {
  const title = 'Open in code-aware viewer';
  browser.contextMenus.create({
    id: VIEWER_LINK_MENU_ID,
    title,
    contexts: ['link'],
    targetUrlPatterns: PDF_URL_PATTERNS,
  });
  browser.contextMenus.create({
    id: VIEWER_PAGE_MENU_ID,
    title,
    contexts: ['page', 'frame'],
    documentUrlPatterns: PDF_URL_PATTERNS,
  });
}

/** Handles a click on one of the viewer's menu items; false for other items. */
export async function handleViewerClick(
  info: Browser.contextMenus.OnClickData,
  tab: Browser.tabs.Tab | undefined,
): Promise<boolean> {
  const url =
    info.menuItemId === VIEWER_LINK_MENU_ID
      ? info.linkUrl
      : info.menuItemId === VIEWER_PAGE_MENU_ID
        ? (info.frameUrl ?? info.pageUrl)
        : undefined;
  if (!url || !/^https?:/.test(url)) return false;
  await openViewer({ url, tabId: tab?.id, frameId: info.frameId ?? 0 }, tab);
  return true;
}

/** Background: opens PDF links the content script took over (`openViewer`). */
export function serveViewerOpening(): () => void {
  return onMessage('openViewer', ({ data, sender }) => {
    const url = checkText(data);
    if (!isPdfUrl(url)) return;
    void openViewer(
      { url, tabId: sender.tab?.id, frameId: sender.frameId ?? 0, takeover: true },
      sender.tab,
    );
  });
}

/** What the background may ask of the viewer in a tab: the same requests a content script serves. */
export type ViewerRequestKind = 'showLookup' | 'requestReport' | 'revealInFrame';

/** A request for the viewer in tab `cdtViewer` (no `type`: the typed protocol ignores it). */
interface ViewerRequest {
  cdtViewer: number;
  kind: ViewerRequestKind;
  data: string | null;
}

/** Asks the viewer in `tabId`; false when there is none or it declines. */
export async function askViewer(
  tabId: number,
  kind: ViewerRequestKind,
  data: string | null = null,
): Promise<boolean> {
  const request: ViewerRequest = { cdtViewer: tabId, kind, data };
  try {
    return (await browser.runtime.sendMessage(request)) === true;
  } catch {
    // No viewer open anywhere: "receiving end does not exist".
    return false;
  }
}

/** Viewer: answers the background's requests for tab `tabId` with `handlers`, until `signal`. */
export function serveViewerRequests(
  tabId: number,
  handlers: Record<ViewerRequestKind, (data: string | null) => boolean>,
  signal: AbortSignal,
): void {
  const listener = (message: unknown, _sender: unknown, respond: (r: unknown) => void) => {
    const m = message as Partial<ViewerRequest> | null;
    if (typeof m !== 'object' || m === null || m.cdtViewer !== tabId) return false;
    const handle = Object.hasOwn(handlers, m.kind ?? '') ? handlers[m.kind!] : undefined;
    respond(handle?.(typeof m.data === 'string' ? checkText(m.data) : null) === true);
    return false;
  };
  browser.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener));
}

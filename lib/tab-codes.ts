/**
 * Background side of "On this page" and the toolbar badge: each frame's content script reports its
 * codes; the background keeps them per tab and frame, shows the count on the badge, answers the
 * popup, and forwards "reveal" to a frame that has the code.
 */
import { browser } from 'wxt/browser';
import { toolbarAction } from './action';
import { getEntry } from './cdt/index';
import { onMessage, sendMessage, type TabCodes } from './messaging';
import { checkCounts, checkPages, type CodeCounts, type CodePages, pageRows } from './page-codes';
import { badgeSetting } from './settings';
import { askViewer } from './viewer-link';

/** How long the popup waits for frames to report again after a background restart, in ms. */
const REPORT_WAIT_MS = 300;

/** Serves the tab codes; returns a function that stops. */
export function serveTabCodes(): () => void {
  const tabs = new Map<
    number,
    { host: string; frames: Map<number, CodeCounts>; pages?: CodePages }
  >();
  let badgeOn = true;

  const total = (tabId: number) =>
    [...(tabs.get(tabId)?.frames.values() ?? [])].reduce(
      (n, counts) => n + Object.values(counts).reduce((a, b) => a + b, 0),
      0,
    );
  const badge = (tabId: number) => {
    const n = badgeOn ? total(tabId) : 0;
    void toolbarAction()
      ?.setBadgeText({ tabId, text: n > 0 ? String(n > 999 ? '999+' : n) : '' })
      .catch(() => undefined);
  };

  const rowsOf = (tabId: number): TabCodes => {
    const tab = tabs.get(tabId);
    return {
      readable: tab !== undefined,
      host: tab?.host ?? '',
      rows: pageRows(
        tab?.frames.values() ?? [],
        (code) => {
          const e = getEntry(code);
          return e ? { status: e.status, summary: e.summary } : { status: 'unknown', summary: '' };
        },
        tab?.pages,
      ),
    };
  };

  const stops = [
    onMessage('reportCodes', ({ data, sender }) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return;
      const frameId = sender.frameId ?? 0;
      let tab = tabs.get(tabId);
      if (!tab) tabs.set(tabId, (tab = { host: '', frames: new Map() }));
      // The site switch is for web sites: the PDF viewer (an extension page) has none.
      if (frameId === 0 && sender.url)
        tab.host = /^https?:/.test(sender.url) ? new URL(sender.url).hostname : '';
      tab.frames.set(frameId, checkCounts(data));
      badge(tabId);
    }),
    onMessage('reportPages', ({ data, sender }) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return;
      let tab = tabs.get(tabId);
      if (!tab) tabs.set(tabId, (tab = { host: '', frames: new Map() }));
      tab.pages = checkPages(data);
    }),
    onMessage('getTabCodes', async ({ data }) => {
      const tabId = data;
      if (!tabs.has(tabId)) {
        // The background may have been restarted: ask the tab's frames to report again.
        await sendMessage('requestReport', undefined, tabId).catch(() => undefined);
        void askViewer(tabId, 'requestReport');
        await new Promise((r) => setTimeout(r, REPORT_WAIT_MS));
      }
      return rowsOf(tabId);
    }),
    onMessage('revealCode', async ({ data }) => {
      const { tabId, code } = data;
      for (const [frameId, counts] of tabs.get(tabId)?.frames ?? [])
        if (
          counts[code] &&
          ((await sendMessage('revealInFrame', code, { tabId, frameId }).catch(() => false)) ||
            (frameId === 0 && (await askViewer(tabId, 'revealInFrame', code))))
        )
          return true;
      return false;
    }),
  ];
  const forget = (tabId: number) => tabs.delete(tabId);
  const onUpdated = (tabId: number, change: { status?: string }) => {
    // A new document: its frames report afresh.
    if (change.status === 'loading') {
      forget(tabId);
      badge(tabId);
    }
  };
  browser.tabs.onRemoved.addListener(forget);
  browser.tabs.onUpdated.addListener(onUpdated);
  const unwatch = badgeSetting.watch((on) => {
    badgeOn = on;
    for (const tabId of tabs.keys()) badge(tabId);
  });
  void badgeSetting.get().then((on) => (badgeOn = on));
  return () => {
    stops.forEach((stop) => stop());
    browser.tabs.onRemoved.removeListener(forget);
    browser.tabs.onUpdated.removeListener(onUpdated);
    unwatch();
  };
}

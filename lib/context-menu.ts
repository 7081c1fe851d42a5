/**
 * "Look up code": the context-menu item on selections and the keyboard command. A lookup is shown
 * as a card in the frame that holds the selection; where no page can host one (browser pages, the
 * store, the PDF viewer, a disabled site, a tab that has navigated or closed) it opens in the
 * popup, or else in the extension's own page, with the query filled in. Never a silent no-op.
 */
import { browser, type Browser } from 'wxt/browser';
import { toolbarAction } from './action';
import { enabledSetting } from './settings';
import { checkText, sendMessage } from './messaging';
import { askViewer, createViewerMenus } from './viewer-link';

export const LOOKUP_MENU_ID = 'cdt-lookup';
/** Name of the keyboard command in the manifest. */
export const LOOKUP_COMMAND = 'lookup-selection';

/** Extension page the lookup falls back to where no page can host a card. */
export const LOOKUP_PAGE = '/popup.html';

/** How a lookup was shown. */
export type LookupResult = 'card' | 'popup' | 'page' | 'none';

/**
 * Creates the menu item from scratch, or removes it while the extension is switched off. Menus
 * survive restarts and updates, so everything is removed first: no duplicate-id errors.
 */
export async function syncLookupMenu(enabled?: boolean): Promise<void> {
  await browser.contextMenus.removeAll();
  if (!(enabled ?? (await enabledSetting.get()))) return;
  browser.contextMenus.create({
    id: LOOKUP_MENU_ID,
    title: 'Look up code',
    contexts: ['selection', 'editable'],
  });
  createViewerMenus();
}

/** Opens the search with `query`: the popup where the browser allows it, else a tab. */
export async function openSearch(query: string): Promise<'popup' | 'page'> {
  const action = toolbarAction() as { openPopup?: () => Promise<void> } | undefined;
  try {
    if (!action?.openPopup) throw new Error('no openPopup');
    await browser.storage.session.set({ pendingQuery: query });
    await action.openPopup();
    return 'popup';
  } catch {
    // openPopup needs a user gesture or a focused window in some browsers: use a tab instead.
    await browser.storage.session.remove('pendingQuery').catch(() => undefined);
    await browser.tabs.create({
      url: browser.runtime.getURL(`${LOOKUP_PAGE}?q=${encodeURIComponent(query)}` as '/popup.html'),
    });
    return 'page';
  }
}

/** Asks the content script of one frame to show `text`; false when none answers or it declines. */
async function showInFrame(
  text: string | undefined,
  tabId: number,
  frameId: number,
): Promise<boolean> {
  try {
    return await sendMessage('showLookup', text ?? null, { tabId, frameId });
  } catch (err) {
    // No content script there: our PDF viewer (an extension page), a restricted page, or the tab
    // navigated or closed meanwhile.
    if (await askViewer(tabId, 'showLookup', text ?? null)) return true;
    console.info('CDT Lens: lookup not shown in the page:', String(err));
    return false;
  }
}

/** Handles a click on the menu item. */
export async function handleLookupClick(
  info: Browser.contextMenus.OnClickData,
  tab: Browser.tabs.Tab | undefined,
): Promise<LookupResult> {
  if (info.menuItemId !== LOOKUP_MENU_ID) return 'none';
  const text = checkText(info.selectionText).trim();
  if (tab?.id !== undefined && tab.id >= 0 && (await showInFrame(text, tab.id, info.frameId ?? 0)))
    return 'card';
  return openSearch(text);
}

/**
 * Handles the keyboard command: the page looks up its selection, the code at the caret or in the
 * focused field; with nothing there (or no page to show it), the search opens.
 */
export async function handleLookupCommand(
  command: string,
  tab: Browser.tabs.Tab | undefined,
): Promise<LookupResult> {
  if (command !== LOOKUP_COMMAND) return 'none';
  const id = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (id !== undefined && id >= 0 && (await showInFrame(undefined, id, 0))) return 'card';
  return openSearch('');
}

/** The query a programmatic `openPopup` left for the popup, taken once ('' when none). */
export async function takePendingQuery(): Promise<string> {
  try {
    const { pendingQuery } = await browser.storage.session.get('pendingQuery');
    await browser.storage.session.remove('pendingQuery');
    return checkText(pendingQuery);
  } catch {
    return '';
  }
}

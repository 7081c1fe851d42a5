/**
 * The "Look up code" item on selections. Created idempotently: menus survive browser restarts and
 * extension updates, so everything is removed before it is created again.
 */
import { browser, type Browser } from 'wxt/browser';
import { checkText, sendMessage } from './messaging';

export const LOOKUP_MENU_ID = 'cdt-lookup';

/** Page the lookup falls back to where the page cannot show a card. */
export const LOOKUP_PAGE = '/popup.html';

/** Creates the menu item (again) from scratch. */
export async function createLookupMenu(): Promise<void> {
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({
    id: LOOKUP_MENU_ID,
    title: 'Look up code',
    contexts: ['selection', 'editable'],
  });
}

/**
 * Shows the lookup for a menu click: as a card in the frame that holds the selection, or, where
 * that page cannot host one (browser pages, the store, PDF viewer), in the extension's own page.
 */
export async function handleLookupClick(
  info: Browser.contextMenus.OnClickData,
  tab: Browser.tabs.Tab | undefined,
): Promise<'card' | 'page' | 'none'> {
  if (info.menuItemId !== LOOKUP_MENU_ID) return 'none';
  const text = checkText(info.selectionText).trim();
  if (tab?.id !== undefined && tab.id >= 0) {
    try {
      const shown = await sendMessage('showLookup', text, {
        tabId: tab.id,
        frameId: info.frameId ?? 0,
      });
      if (shown) return 'card';
    } catch {
      // No content script answers there (restricted page or closed tab): fall back to our page.
    }
  }
  await browser.tabs.create({
    url: browser.runtime.getURL(`${LOOKUP_PAGE}?q=${encodeURIComponent(text)}` as '/popup.html'),
  });
  return 'page';
}

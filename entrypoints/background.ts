import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createLookupMenu, handleLookupClick } from '../lib/context-menu';
import { serveDataset } from '../lib/services';

export default defineBackground(() => {
  serveDataset();
  browser.runtime.onInstalled.addListener(() => void createLookupMenu());
  browser.contextMenus.onClicked.addListener((info, tab) => void handleLookupClick(info, tab));
  // The menu's handlers on the background's global, for the e2e tests (a real menu click cannot
  // be scripted) and for debugging from the extension's inspector. Only extension code reaches it.
  Object.assign(globalThis, { cdtLens: { handleLookupClick, createLookupMenu } });
});

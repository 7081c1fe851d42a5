import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { handleLookupClick, handleLookupCommand, syncLookupMenu } from '../lib/context-menu';
import { serveFrameCards } from '../lib/frame-cards';
import { serveDataset } from '../lib/services';
import { enabledSetting } from '../lib/settings';
import { serveTabCodes } from '../lib/tab-codes';
import { handleViewerClick, serveViewerOpening } from '../lib/viewer-link';

export default defineBackground(() => {
  serveDataset();
  serveTabCodes();
  serveFrameCards();
  serveViewerOpening();
  browser.runtime.onInstalled.addListener(() => void syncLookupMenu());
  enabledSetting.watch((on) => void syncLookupMenu(on));
  browser.contextMenus.onClicked.addListener((info, tab) => void handleLookupClick(info, tab));
  browser.contextMenus.onClicked.addListener((info, tab) => void handleViewerClick(info, tab));
  browser.commands.onCommand.addListener((command, tab) => void handleLookupCommand(command, tab));
  // The handlers on the background's global, for the e2e tests (a real menu click or shortcut
  // cannot be scripted) and for debugging from the extension's inspector. Only extension code
  // reaches it.
  Object.assign(globalThis, {
    cdtLens: { handleLookupClick, handleLookupCommand, syncLookupMenu, handleViewerClick },
  });
});

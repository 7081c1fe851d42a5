/**
 * The one message protocol of the extension. Names say who serves: the background serves
 * lookups and search; the content script serves lookups shown on its page.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { BrowseCategory, CodeView } from './cdt/index';
import type { SearchHit } from './cdt/search';
import type { CodeCounts, CodePages, PageCodeRow } from './page-codes';
import type { FrameCardRequest } from './page/controller';

/** What the popup's "On this page" shows for a tab. */
export interface TabCodes {
  /** False where no content script reads the page (browser pages, the store) or it is switched off. */
  readable: boolean;
  /** Host of the tab's top frame, for the site switch ('' when unknown). */
  host: string;
  rows: PageCodeRow[];
}

interface ProtocolMap {
  /** Any context → background: what a card shows for one code (asked ahead of time too). */
  getCodeView(code: string): CodeView | null;
  /** Any context → background: a card or the search showed this code's details (recent lookups). */
  noteLookup(code: string): void;
  /** Popup → background: search the dataset; an empty query gives the recent lookups. */
  searchCodes(query: string): SearchHit[];
  /** Content script → background: open the popup's search (a card's "Search similar"). */
  openSearch(query: string): 'popup' | 'page';
  /** Popup → background: forget the recent lookups. */
  clearRecent(): void;
  /** Popup → background: categories, subcategories and codes for the Browse view. */
  browseCodes(): BrowseCategory[];
  /**
   * Background → content script of one frame: show a lookup at the selection, for `text` (menu) or
   * for what the page has selected or focused (`null`, keyboard command). False: nothing shown.
   */
  showLookup(text: string | null): boolean;
  /** Content script → background: the codes of this frame now (replaces its previous report). */
  reportCodes(counts: CodeCounts): void;
  /** PDF viewer → background: the pages each code of the file is on (replaces the previous). */
  reportPages(pages: CodePages): void;
  /** Background → every frame of a tab: report your codes again (after a background restart). */
  requestReport(): void;
  /** Popup → background: the codes of a tab, merged over its frames. */
  getTabCodes(tabId: number): TabCodes;
  /** Popup → background: scroll the tab to the next occurrence of a code and flash it. */
  revealCode(request: { tabId: number; code: string }): boolean;
  /** Background → content script of one frame: scroll to the next occurrence of a code. */
  revealInFrame(code: string): boolean;
  /** Small frame → background → its tab's top frame: show this card for me (false: cannot). */
  openCardInTop(request: FrameCardRequest): boolean;
  /** Small frame → background → its tab's top frame: my card is done (`true`: dismissed). */
  closeCardInTop(force: boolean): void;
  /**
   * PDF viewer → content script of the frame that linked a PDF: fetch it as that page would (its
   * origin and cookies), so the viewer needs no host permission. Base64 of the file.
   */
  fetchPdf(url: string): string;
  /** Content script → background: open a PDF link in the viewer (the takeover setting). */
  openViewer(url: string): void;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();

/** Longest selection text carried in one message; more than any selection of codes needs. */
export const MAX_LOOKUP_CHARS = 10_000;

/** A payload from a page or selection: a string of bounded length, or the empty string. */
export function checkText(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, MAX_LOOKUP_CHARS) : '';
}

/**
 * The one message protocol of the extension. Names say who serves: the background serves
 * lookups and search; the content script serves lookups shown on its page.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { CodeView } from './cdt/index';
import type { SearchHit } from './cdt/search';

interface ProtocolMap {
  /** Any context → background: what a card shows for one code. */
  getCodeView(code: string): CodeView | null;
  /** Popup → background: search the dataset. */
  searchCodes(query: string): SearchHit[];
  /**
   * Background → content script of one frame: show a lookup at the selection, for `text` (menu) or
   * for what the page has selected or focused (`null`, keyboard command). False: nothing shown.
   */
  showLookup(text: string | null): boolean;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();

/** Longest selection text carried in one message; more than any selection of codes needs. */
export const MAX_LOOKUP_CHARS = 10_000;

/** A payload from a page or selection: a string of bounded length, or the empty string. */
export function checkText(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, MAX_LOOKUP_CHARS) : '';
}

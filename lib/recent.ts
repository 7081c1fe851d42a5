/**
 * Recent lookups from hover cards, the popup and "Look up code": kept locally, newest first, and
 * clearable. Shown in the popup when its search box is empty.
 */
import { storage } from 'wxt/utils/storage';
import { CODE_PATTERN } from './cdt/categories';

/** How many recent codes are kept. */
export const RECENT_MAX = 20;

const isCodeList = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((c) => typeof c === 'string' && CODE_PATTERN.test(c));

const item = storage.defineItem<string[]>('local:recentLookups', { fallback: [], version: 1 });

/** The recent codes, newest first; a corrupt value reads as none. */
export async function recentCodes(): Promise<string[]> {
  const value: unknown = await item.getValue();
  return isCodeList(value) ? value.slice(0, RECENT_MAX) : [];
}

/** Puts `code` first in the recent list. */
export async function addRecent(code: string): Promise<void> {
  const list = await recentCodes();
  await item.setValue([code, ...list.filter((c) => c !== code)].slice(0, RECENT_MAX));
}

/** Forgets every recent lookup. */
export async function clearRecent(): Promise<void> {
  await item.removeValue();
}

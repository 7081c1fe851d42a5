/**
 * Watching the user's licensed import from any context, without defining its storage items: a
 * content script only needs to know that the import changed (lib/licensed/store.ts holds the rest).
 */
import { watchKey } from '../page/page-settings';

/** Storage key of the current import's info (written with the text, in one write). */
export const INFO_KEY = 'local:licensedInfo';

/** What the options page shows about the current import. */
export interface LicensedInfo {
  /** File name the user chose. */
  source: string;
  /** When it was imported (ms since the epoch). */
  importedAt: number;
  /** Codes with an official descriptor. */
  count: number;
}

/** True for a stored import info. */
export function isInfo(v: unknown): v is LicensedInfo {
  if (typeof v !== 'object' || v === null) return false;
  const { source, importedAt, count } = v as Record<string, unknown>;
  return typeof source === 'string' && typeof importedAt === 'number' && typeof count === 'number';
}

/** Calls `cb` when an import is stored or removed; returns unwatch. */
export function watchImport(cb: (info: LicensedInfo | null) => void): () => void {
  return watchKey(INFO_KEY, (v) => cb(isInfo(v) ? v : null));
}

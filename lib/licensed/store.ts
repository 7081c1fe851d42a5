/**
 * The user's imported official descriptors, kept in the extension's local storage and nowhere
 * else. An import is stored in one write (text and info together), so the previous import stays
 * whole until the new one is complete; a value that fails its check reads as "no import".
 */
import { storage } from 'wxt/utils/storage';
import { CODE_PATTERN } from '../cdt/categories';
import { INFO_KEY, type LicensedInfo, isInfo } from './watch';

export { type LicensedInfo, watchImport } from './watch';

/**
 * Storage key of the imported text. Read and written by key, not through `defineItem`, which would
 * read the whole (up to megabytes) text every time the background starts, lookup or not.
 */
const TEXT_KEY = 'local:licensedText';

function isDescriptors(v: unknown): v is Record<string, string> {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    Object.entries(v).every(([k, t]) => CODE_PATTERN.test(k) && typeof t === 'string')
  );
}

/** The current import's info, or null when there is none (or storage holds something else). */
export async function importInfo(): Promise<LicensedInfo | null> {
  const v = await storage.getItem<unknown>(INFO_KEY);
  return isInfo(v) ? v : null;
}

/** Stores a new import in one write, replacing the previous one only when the write succeeds. */
export async function saveImport(
  source: string,
  descriptors: Record<string, string>,
): Promise<LicensedInfo> {
  if (!isDescriptors(descriptors)) throw new TypeError('Descriptors must map codes to text.');
  const info: LicensedInfo = {
    source: source.slice(0, 200),
    importedAt: Date.now(),
    count: Object.keys(descriptors).length,
  };
  await storage.setItems([
    { key: TEXT_KEY, value: descriptors },
    { key: INFO_KEY, value: info },
  ]);
  return info;
}

/** Removes the import. */
export async function removeImport(): Promise<void> {
  await storage.removeItems([TEXT_KEY, INFO_KEY]);
}

/**
 * Official descriptors by code, read once and re-read after every import or removal. For the
 * background, which answers every card's lookup.
 */
export function officialDescriptors(): (code: string) => Promise<string | undefined> {
  let table: Promise<Record<string, string>> | undefined;
  const load = async () => {
    const v = await storage.getItem<unknown>(TEXT_KEY);
    return isDescriptors(v) ? v : {};
  };
  storage.watch(TEXT_KEY, () => (table = undefined));
  return async (code) => {
    table ??= load();
    const text = (await table)[code];
    return typeof text === 'string' ? text : undefined;
  };
}

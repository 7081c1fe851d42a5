/**
 * What the background serves: code details and search over the bundled dataset. Payloads come
 * from pages and selections, so each is checked before use.
 */
import { allEntries, browseTree, codeView, getEntry } from './cdt/index';
import { createSearch, recentHit } from './cdt/search';
import { openSearch } from './context-menu';
import { officialDescriptors } from './licensed/store';
import { checkText, onMessage } from './messaging';
import { addRecent, clearRecent, recentCodes } from './recent';

/** Answers `getCodeView`, `searchCodes` and `browseCodes`; returns a function that stops answering. */
export function serveDataset(): () => void {
  const search = createSearch(allEntries());
  const official = officialDescriptors();
  const stops = [
    onMessage('getCodeView', async ({ data }) => {
      const view = codeView(checkText(data));
      if (!view) return null;
      // Every card opened (hover, popup, lookup) counts as a lookup.
      if (view.entry) void addRecent(view.code);
      const text = await official(view.code);
      return text === undefined ? view : { ...view, official: text };
    }),
    onMessage('searchCodes', async ({ data }) => {
      const query = checkText(data);
      if (query.trim()) return search(query);
      // An empty search box shows the recent lookups.
      return (await recentCodes()).flatMap((code) => {
        const e = getEntry(code);
        return e ? [recentHit(e)] : [];
      });
    }),
    onMessage('clearRecent', () => clearRecent()),
    onMessage('openSearch', ({ data }) => openSearch(checkText(data))),
    onMessage('browseCodes', () => browseTree()),
  ];
  return () => stops.forEach((stop) => stop());
}

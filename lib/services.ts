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

/**
 * Answers `getCodeView`, `noteLookup`, `searchCodes` and `browseCodes`; returns a function that
 * stops answering.
 */
export function serveDataset(): () => void {
  const search = createSearch(allEntries());
  const official = officialDescriptors();
  const stops = [
    onMessage('getCodeView', async ({ data }) => {
      const view = codeView(checkText(data));
      if (!view) return null;
      const text = await official(view.code);
      return text === undefined ? view : { ...view, official: text };
    }),
    // Every card shown (hover, popup, lookup) counts as a lookup; details asked for ahead of a card
    // (during the dwell, the codes one step away) do not.
    onMessage('noteLookup', ({ data }) => {
      const code = checkText(data);
      return getEntry(code) ? addRecent(code) : undefined;
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

/**
 * What the background serves: code details and search over the bundled dataset. Payloads come
 * from pages and selections, so each is checked before use.
 */
import { allEntries, browseTree, codeView } from './cdt/index';
import { createSearch } from './cdt/search';
import { checkText, onMessage } from './messaging';

/** Answers `getCodeView`, `searchCodes` and `browseCodes`; returns a function that stops answering. */
export function serveDataset(): () => void {
  const search = createSearch(allEntries());
  const stops = [
    onMessage('getCodeView', ({ data }) => codeView(checkText(data)) ?? null),
    onMessage('searchCodes', ({ data }) => search(checkText(data))),
    onMessage('browseCodes', () => browseTree()),
  ];
  return () => stops.forEach((stop) => stop());
}

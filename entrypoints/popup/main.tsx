import { render } from 'preact';
import { SearchPanel } from '../../components/SearchPanel';
import '../../components/card.css';
import '../../components/popup.css';
import { takePendingQuery } from '../../lib/context-menu';
import { sendMessage } from '../../lib/messaging';

const initialQuery = new URLSearchParams(location.search).get('q') ?? (await takePendingQuery());
const search = (q: string) => sendMessage('searchCodes', q);
const lookup = (code: string) => sendMessage('getCodeView', code);

render(
  <div class="cdt-root">
    <SearchPanel initialQuery={initialQuery} search={search} lookup={lookup} />
  </div>,
  document.getElementById('app')!,
);

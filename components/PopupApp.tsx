import { useEffect, useState } from 'preact/hooks';
import { Browse, type BrowseProps } from './Browse';
import { PageCodes, type PageCodesProps } from './PageCodes';
import { SearchPanel, type SearchPanelProps } from './SearchPanel';

export interface PopupAppProps extends Omit<SearchPanelProps, 'onExit' | 'initialCode'> {
  page: Omit<PageCodesProps, 'open'>;
  browse: Omit<BrowseProps, 'open'>;
  /** The site switch: host of the active tab and whether the extension runs there (once known). */
  site: Promise<{ host: string; on: boolean }>;
  toggleSite: (host: string, on: boolean) => Promise<void>;
  /** Opens the options page. */
  openOptions: () => void;
}

type Tab = 'search' | 'browse' | 'page';

/** The toolbar popup: search, and the codes of the page in front. */
export function PopupApp({
  initialQuery,
  search,
  lookup,
  onShown,
  page,
  browse,
  site,
  toggleSite,
  openOptions,
  onClearRecent,
}: PopupAppProps) {
  const [tab, setTab] = useState<Tab>('search');
  const [query] = useState(initialQuery ?? '');
  /** A code opened from Browse or "On this page": the search tab shows its card. */
  const [code, setCode] = useState<string>();
  const open = (c: string) => {
    setCode(c);
    setTab('search');
  };
  const [siteState, setSiteState] = useState<{ host: string; on: boolean }>();
  useEffect(() => {
    void site.then(setSiteState, () => undefined);
  }, [site]);
  return (
    <div class="cdt-popup">
      <h1 class="cdt-visually-hidden">CDT Lens</h1>
      <div role="tablist" class="cdt-tabs" aria-label="CDT Lens">
        {(
          [
            ['search', 'Search'],
            ['browse', 'Browse'],
            ['page', 'On this page'],
          ] as const
        ).map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`panel-${id}`}
            class="cdt-tab"
            onClick={() => setTab(id)}
          >
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'search' && (
          <SearchPanel
            key={code ?? ''}
            initialQuery={query}
            initialCode={code}
            search={search}
            lookup={lookup}
            onShown={onShown}
            onClearRecent={onClearRecent}
          />
        )}
        {tab === 'browse' && <Browse {...browse} open={open} />}
        {tab === 'page' && <PageCodes {...page} open={open} />}
      </div>
      <footer class="cdt-footer">
        {siteState?.host && (
          <label class="cdt-site">
            <input
              type="checkbox"
              checked={siteState.on}
              onChange={(e) => {
                const on = (e.target as HTMLInputElement).checked;
                setSiteState({ ...siteState, on });
                void toggleSite(siteState.host, on);
              }}
            />{' '}
            Mark codes on {siteState.host}
          </label>
        )}
        <a class="cdt-open-pdf" href="/viewer.html" target="_blank" rel="noopener">
          Open a PDF…
        </a>
        <button type="button" class="cdt-link cdt-options-link" onClick={openOptions}>
          Settings
        </button>
      </footer>
    </div>
  );
}

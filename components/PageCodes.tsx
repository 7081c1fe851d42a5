import { useEffect, useState } from 'preact/hooks';
import type { TabCodes } from '../lib/messaging';
import { pageList, rowsAsTable } from '../lib/page-codes';

export interface PageCodesProps {
  /** The active tab's codes (asked from the background). */
  load: () => Promise<TabCodes>;
  /** Scrolls the page to the next occurrence of `code`. */
  reveal: (code: string) => Promise<boolean>;
  /** Opens a code's card in the popup. */
  open: (code: string) => void;
}

/** "On this page": every code of the active tab with counts, deleted codes first. */
export function PageCodes({ load, reveal, open }: PageCodesProps) {
  const [data, setData] = useState<TabCodes | null | undefined>(undefined);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    let stale = false;
    load().then(
      (d) => stale || setData(d),
      () => stale || setData(null),
    );
    return () => {
      stale = true;
    };
  }, [load]);

  if (data === undefined) return <p class="cdt-loading">Reading the page…</p>;
  if (data === null || !data.readable)
    return (
      <p class="cdt-empty" role="status">
        CDT Lens cannot read this page: browser pages, the extension store and sites you switched
        off are not scanned.
      </p>
    );
  if (data.rows.length === 0)
    return (
      <p class="cdt-empty" role="status">
        No CDT codes on this page.
      </p>
    );
  const total = data.rows.reduce((n, r) => n + r.count, 0);
  return (
    <div class="cdt-page-codes">
      <div class="cdt-toolbar">
        <span>
          {data.rows.length} codes, {total} occurrences
        </span>
        <span class="cdt-spacer" />
        <button
          type="button"
          class="cdt-tool"
          onClick={() =>
            void navigator.clipboard.writeText(rowsAsTable(data.rows)).then(() => setCopied(true))
          }
        >
          {copied ? 'Copied' : 'Copy as table'}
        </button>
      </div>
      <ul class="cdt-results" aria-label="Codes on this page">
        {data.rows.map((r) => (
          <li key={r.code} class={`cdt-hit${r.status === 'deleted' ? ' cdt-hit-deleted' : ''}`}>
            <button
              type="button"
              class="cdt-link"
              onClick={() => void reveal(r.code)}
              aria-label={`Show ${r.code} on the page`}
            >
              {r.code}
            </button>
            <span class="cdt-hit-summary">
              <span class="cdt-count">×{r.count}</span>{' '}
              {r.pages && (
                <span class="cdt-pages">
                  {r.pages.length > 1 ? 'pp.' : 'p.'} {pageList(r.pages)}
                </span>
              )}{' '}
              {r.status === 'deleted' && <span class="cdt-badge cdt-badge-deleted">Deleted</span>}{' '}
              {r.summary || 'Not in the bundled list'}{' '}
              <button type="button" class="cdt-tool" onClick={() => open(r.code)}>
                Details
              </button>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

import { useEffect, useRef, useState } from 'preact/hooks';
import type { CodeView } from '../lib/cdt/index';
import type { SearchHit } from '../lib/cdt/search';
import { CodeCard, SUMMARY_NOTICE } from './CodeCard';

export interface SearchPanelProps {
  /** Query to start with (from a lookup or "search similar"). */
  initialQuery?: string;
  /** A code whose card opens at once (from Browse or "On this page"); Back returns to the search. */
  initialCode?: string;
  search: (query: string) => Promise<SearchHit[]>;
  lookup: (code: string) => Promise<CodeView | null>;
  /** Told each code whose details the panel shows (the recent lookups). */
  onShown?: (code: string) => void;
  /** Escape in an empty search box: closes the popup, or the card that holds the search. */
  onExit?: () => void;
  /** Forgets the recent lookups the empty search box shows (popup only). */
  onClearRecent?: () => Promise<void>;
}

/** Performance marks read by `npm run bench` (popup open → interactive, → first results). */
export const MARK_INTERACTIVE = 'cdt-lens:search-interactive';
export const MARK_RESULTS = 'cdt-lens:first-results';

/** Copies a code; Alt+C does it from the keyboard in the list and in the card. */
function copyCode(code: string): void {
  void navigator.clipboard?.writeText(code).catch(() => undefined);
}

/** Search box, result list and detail card; keyboard first. */
export function SearchPanel({
  initialQuery = '',
  initialCode,
  search,
  lookup,
  onShown,
  onExit = () => window.close(),
  onClearRecent,
}: SearchPanelProps) {
  const [query, setQuery] = useState(initialQuery);
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [active, setActive] = useState(0);
  const [trail, setTrail] = useState<string[]>(initialCode ? [initialCode] : []);
  const [view, setView] = useState<CodeView | null>(null);
  const input = useRef<HTMLInputElement>(null);
  // The detail view takes the focus, so its keys (Escape, Backspace: back) reach this panel.
  const back = useRef<HTMLButtonElement>(null);
  const detail = trail[trail.length - 1];

  // Marks for the benchmark: when the box can take keys, and when the first results are shown.
  useEffect(() => {
    if (!performance.getEntriesByName(MARK_INTERACTIVE).length) performance.mark(MARK_INTERACTIVE);
  }, []);
  useEffect(() => {
    if (hits.length > 0 && !performance.getEntriesByName(MARK_RESULTS).length)
      performance.mark(MARK_RESULTS);
  }, [hits]);

  useEffect(() => {
    // Each keystroke supersedes the last: a stale answer is dropped.
    let stale = false;
    void search(query).then((h) => {
      if (stale) return;
      setHits(h);
      setActive(0);
    });
    return () => {
      stale = true;
    };
  }, [query, search]);

  useEffect(() => {
    let stale = false;
    if (detail) {
      back.current?.focus();
      void lookup(detail).then((v) => {
        if (stale) return;
        setView(v);
        if (v?.entry) onShown?.(v.code);
      });
    } else {
      setView(null);
      input.current?.focus();
    }
    return () => {
      stale = true;
    };
  }, [detail, lookup, onShown]);

  const onKeyDown = (e: KeyboardEvent) => {
    const shown = detail ?? hits[active]?.code;
    if (e.altKey && e.key.toLowerCase() === 'c' && shown) {
      e.preventDefault();
      copyCode(shown);
      return;
    }
    if (detail) {
      if (e.key === 'Escape' || e.key === 'Backspace') {
        e.preventDefault();
        setTrail((t) => t.slice(0, -1));
      }
      return;
    }
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, hits.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter' && hits[active]) {
      e.preventDefault();
      setTrail([hits[active].code]);
    } else if (e.key === 'Escape' && query === '') onExit();
  };

  return (
    <div class="cdt-search" onKeyDown={onKeyDown}>
      {!detail && (
        <>
          <input
            ref={input}
            class="cdt-input"
            type="search"
            autofocus
            aria-label="Search CDT codes"
            placeholder="Code, words or everyday terms: D2740, crown, cleaning"
            value={query}
            onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
            aria-controls="cdt-results"
            aria-activedescendant={hits[active] ? `hit-${hits[active].code}` : undefined}
          />
          {query.trim() === '' && hits.length > 0 && (
            <div class="cdt-toolbar">
              <span class="cdt-count">Recent lookups</span>
              <span class="cdt-spacer" />
              {onClearRecent && (
                <button
                  type="button"
                  class="cdt-tool"
                  onClick={() => void onClearRecent().then(() => setHits([]))}
                >
                  Clear
                </button>
              )}
            </div>
          )}
          <ul id="cdt-results" class="cdt-results" role="listbox" tabIndex={0} aria-label="Results">
            {hits.map((h, i) => (
              <li
                key={h.code}
                id={`hit-${h.code}`}
                role="option"
                aria-selected={i === active}
                class={`cdt-hit${h.status === 'deleted' ? ' cdt-hit-deleted' : ''}`}
                onClick={() => setTrail([h.code])}
              >
                <span class="cdt-hit-code">{h.code}</span>
                <span class="cdt-hit-summary">
                  {h.status === 'deleted' && (
                    <span class="cdt-badge cdt-badge-deleted">
                      Deleted{h.replacedBy?.length ? `, use ${h.replacedBy.join('/')}` : ''}
                    </span>
                  )}{' '}
                  {h.summary}
                </span>
              </li>
            ))}
          </ul>
          {query.trim() !== '' && hits.length === 0 && (
            <p class="cdt-empty" role="status">
              No codes match “{query.trim().slice(0, 60)}”. Try a code (D2740), its start (D27), or
              plainer words: crown, filling, cleaning, x-ray.
            </p>
          )}
          {hits.length > 0 && <p class="cdt-notice">{SUMMARY_NOTICE}</p>}
        </>
      )}
      {detail && (
        <div class="cdt-detail">
          <button
            ref={back}
            type="button"
            class="cdt-tool"
            onClick={() => setTrail((t) => t.slice(0, -1))}
          >
            ← Back
          </button>
          {view ? (
            <CodeCard view={view} onNavigate={(c) => setTrail((t) => [...t, c])} />
          ) : (
            <p class="cdt-loading">Looking up {detail}…</p>
          )}
        </div>
      )}
    </div>
  );
}

import type { CodeView } from '../lib/cdt/index';
import type { SearchHit } from '../lib/cdt/search';
import { SearchPanel } from './SearchPanel';

export interface LookupCardProps {
  /** The selected text, which holds no code. */
  query: string;
  search: (query: string) => Promise<SearchHit[]>;
  lookup: (code: string) => Promise<CodeView | null>;
  /** Told each code whose details are shown (the recent lookups). */
  onShown?: (code: string) => void;
  onClose: () => void;
}

/** A lookup of a selection without a code: the codes its words match, searchable further. */
export function LookupCard({ query, search, lookup, onShown, onClose }: LookupCardProps) {
  return (
    <div class="cdt-panel" role="dialog" tabIndex={-1} aria-label="Look up code">
      <div class="cdt-toolbar">
        <p class="cdt-status cdt-status-unknown">No CDT code in the selection; codes that match:</p>
        <span class="cdt-spacer" />
        <button type="button" class="cdt-tool" onClick={onClose} aria-label="Close">
          ✕
        </button>
      </div>
      <SearchPanel
        initialQuery={query}
        search={search}
        lookup={lookup}
        onShown={onShown}
        onExit={onClose}
      />
    </div>
  );
}

import { useEffect, useState } from 'preact/hooks';
import type { CodeView } from '../lib/cdt/index';
import { CodeCard } from './CodeCard';

export interface HoverCardProps {
  /** The code the card opened on. */
  code: string;
  /** Several codes found in a selection: listed above the card. */
  codes?: string[];
  /** Fetches what the card shows (from the background, cached per page). */
  lookup: (code: string) => Promise<CodeView | null>;
  /** What `lookup` has already answered for a code: such a code is shown at once, whole. */
  peek?: (code: string) => CodeView | null | undefined;
  /** Told each code whose details the card shows (the recent lookups). */
  onShown?: (code: string) => void;
  onClose: () => void;
  onPinChange: (pinned: boolean) => void;
  /** Opens the popup's search for codes like this one. */
  onSearchSimilar?: (query: string) => void;
}

/** The card as it floats over a page: stepping through related codes with back, pin, copy, close. */
export function HoverCard({
  code,
  codes,
  lookup,
  peek,
  onShown,
  onClose,
  onPinChange,
  onSearchSimilar,
}: HoverCardProps) {
  const [trail, setTrail] = useState<string[]>([code]);
  /** The last answer that came, with the code it is for. */
  const [answer, setAnswer] = useState<{ code: string; view: CodeView | null }>();
  const [pinned, setPinned] = useState(false);
  const [copied, setCopied] = useState(false);
  const current = trail[trail.length - 1]!;
  // What the card shows is always the current code's: its answer, one known already, or none yet
  // (never, for a frame, the previous code's details under the new code's name).
  const view = answer?.code === current ? answer.view : peek?.(current);

  useEffect(() => setTrail([code]), [code]);
  useEffect(() => {
    // An answer that came between the render and this effect (a lookup asked for ahead) is shown:
    // the render that said "Looking up…" will not come again by itself.
    const known = peek?.(current);
    if (known !== undefined) {
      setAnswer({ code: current, view: known });
      return;
    }
    // A newer code supersedes an older lookup still in flight.
    let stale = false;
    lookup(current).then(
      (v) => stale || setAnswer({ code: current, view: v }),
      () => stale || setAnswer({ code: current, view: null }),
    );
    return () => {
      stale = true;
    };
  }, [current, lookup, peek]);

  useEffect(() => {
    if (view?.entry) onShown?.(view.code);
  }, [view, onShown]);

  // The codes one step away (related ones, the selection's others) are asked for while this one is
  // read: stepping to one then shows it at once, without a placeholder and a resize.
  useEffect(() => {
    if (!view) return;
    for (const next of [...view.related.map((r) => r.code), ...(codes ?? [])])
      void lookup(next).catch(() => undefined);
  }, [view, codes, lookup]);

  const go = (next: string) => setTrail((t) => [...t, next]);
  const back = () => setTrail((t) => (t.length > 1 ? t.slice(0, -1) : t));
  const togglePin = () => {
    setPinned(!pinned);
    onPinChange(!pinned);
  };
  const copy = () => {
    void navigator.clipboard?.writeText(current).then(() => setCopied(true));
  };
  useEffect(() => setCopied(false), [current]);

  return (
    <div
      class="cdt-panel"
      role="dialog"
      tabIndex={-1}
      aria-label={`CDT code ${current}`}
      onKeyDown={(e) => {
        if (e.key === 'Backspace' && trail.length > 1) back();
      }}
    >
      <div class="cdt-toolbar">
        {trail.length > 1 && (
          <button type="button" class="cdt-tool" onClick={back} aria-label="Back">
            ← Back
          </button>
        )}
        <span class="cdt-spacer" />
        {onSearchSimilar && view?.entry && (
          <button
            type="button"
            class="cdt-tool"
            // The subcategory's words find its siblings; the search lists them with the code.
            onClick={() => onSearchSimilar(view.entry!.subcategory)}
          >
            Search similar
          </button>
        )}
        <button type="button" class="cdt-tool" onClick={copy} aria-label={`Copy ${current}`}>
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button
          type="button"
          class="cdt-tool"
          aria-pressed={pinned}
          onClick={togglePin}
          aria-label="Pin card"
        >
          {pinned ? 'Pinned' : 'Pin'}
        </button>
        <button type="button" class="cdt-tool" onClick={onClose} aria-label="Close">
          ✕
        </button>
      </div>
      {codes && codes.length > 1 && (
        <nav class="cdt-codes" aria-label="Codes in the selection">
          {codes.map((c) => (
            <button
              key={c}
              type="button"
              class="cdt-link"
              aria-current={c === current}
              onClick={() => setTrail([c])}
            >
              {c}
            </button>
          ))}
        </nav>
      )}
      {view === undefined && <p class="cdt-loading">Looking up {current}…</p>}
      {view === null && <p class="cdt-status">No details for {current}.</p>}
      {view && <CodeCard view={view} onNavigate={go} />}
    </div>
  );
}

import type { CodeView, RelatedView } from '../lib/cdt/index';

/** Labels for relation types, as the card shows them. */
const RELATION_LABEL: Record<RelatedView['type'], string> = {
  'replaced-by': 'Use instead',
  replaces: 'Replaces',
  alternative: 'Alternative',
  companion: 'Goes with',
  'confused-with': 'Often confused with',
  'see-also': 'See also',
};

/** Says where the words come from, on every surface that shows bundled text. */
export const SUMMARY_NOTICE =
  'Plain-language summary by CDT Lens, not the official ADA descriptor.';

/** Shown with every official descriptor the user imported. */
export const ADA_NOTICE =
  'Current Dental Terminology © American Dental Association. All rights reserved.';

export interface CodeCardProps {
  view: CodeView;
  /** Steps to another code inside the card. */
  onNavigate: (code: string) => void;
}

/** Status line: deleted with replacements, new this year, or not in the bundled list. */
function StatusLine({ view }: { view: CodeView }) {
  const e = view.entry;
  if (!e)
    return (
      <p class="cdt-status cdt-status-unknown" role="status">
        Not in the bundled CDT {view.codeYear} list. It may be newer than this data, or not a code.
      </p>
    );
  if (e.status === 'deleted')
    return (
      <p class="cdt-status cdt-status-deleted">
        Deleted from CDT {e.deletedIn}: not valid for services on or after 1 January {e.deletedIn}.
        {e.replacedBy && e.replacedBy.length > 0 ? ` Use ${e.replacedBy.join(' or ')}.` : ''}
      </p>
    );
  if (e.added === view.codeYear)
    return <p class="cdt-status cdt-status-new">New in CDT {view.codeYear}.</p>;
  return null;
}

/** The code years in which the code is valid, where the data knows when it was added. */
function validity(view: CodeView): string | undefined {
  const e = view.entry;
  if (!e?.added) return undefined;
  if (e.deletedIn !== undefined) return `Valid CDT ${e.added}–${e.deletedIn - 1}`;
  return e.added === view.codeYear ? undefined : `In the code set since CDT ${e.added}`;
}

/** The card body for one code: shared by the hover card, the popup and the lookup result. */
export function CodeCard({ view, onNavigate }: CodeCardProps) {
  const e = view.entry;
  return (
    <article class="cdt-card" aria-labelledby="cdt-card-code">
      <header class="cdt-head">
        <h2 id="cdt-card-code" class="cdt-code">
          {view.code}
        </h2>
        {e?.status === 'deleted' && <span class="cdt-badge cdt-badge-deleted">Deleted</span>}
        {e && e.status === 'active' && e.added === view.codeYear && (
          <span class="cdt-badge cdt-badge-new">New</span>
        )}
      </header>
      {view.official !== undefined && (
        <section class="cdt-official" aria-label="Official descriptor">
          <p class="cdt-official-text">{view.official}</p>
          <p class="cdt-notice">Official descriptor, from your licensed file. {ADA_NOTICE}</p>
        </section>
      )}
      {e && <p class="cdt-summary">{e.summary}</p>}
      <StatusLine view={view} />
      {e && <p class="cdt-note">{e.note}</p>}
      {view.category && (
        <p class="cdt-category">
          {view.category.name}
          {e && ` › ${e.subcategory}`}
          {validity(view) && ` · ${validity(view)}`}
        </p>
      )}
      {view.related.length > 0 && (
        <nav class="cdt-related" aria-label="Related codes">
          <ul>
            {view.related.map((r) => (
              <li key={r.code}>
                <span class="cdt-rel-type">{RELATION_LABEL[r.type]}</span>
                <button
                  type="button"
                  class={`cdt-link${r.status === 'deleted' ? ' cdt-link-deleted' : ''}`}
                  onClick={() => onNavigate(r.code)}
                  title={r.summary}
                >
                  {r.code}
                </button>
                <span class="cdt-rel-summary">{r.summary}</span>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {e && <p class="cdt-notice">{SUMMARY_NOTICE}</p>}
    </article>
  );
}

import { useEffect, useState } from 'preact/hooks';
import type { BrowseCategory } from '../lib/cdt/index';

export interface BrowseProps {
  load: () => Promise<BrowseCategory[]>;
  /** Opens a code's card. */
  open: (code: string) => void;
}

/** The twelve categories, their subcategories and codes. */
export function Browse({ load, open }: BrowseProps) {
  const [tree, setTree] = useState<BrowseCategory[]>();
  const [category, setCategory] = useState<string>();
  useEffect(() => {
    let stale = false;
    void load().then((t) => stale || setTree(t));
    return () => {
      stale = true;
    };
  }, [load]);
  if (!tree) return <p class="cdt-loading">Loading categories…</p>;
  const current = tree.find((c) => c.id === category);
  if (!current)
    return (
      <ul class="cdt-results cdt-browse" aria-label="Categories">
        {tree.map((c) => (
          <li key={c.id}>
            <button type="button" class="cdt-category-button" onClick={() => setCategory(c.id)}>
              <span class="cdt-hit-code">{c.name}</span>
              <span class="cdt-count">
                {c.range} · {c.subcategories.reduce((n, s) => n + s.codes.length, 0)} codes
              </span>
            </button>
          </li>
        ))}
      </ul>
    );
  return (
    <div class="cdt-browse">
      <button type="button" class="cdt-tool" onClick={() => setCategory(undefined)}>
        ← All categories
      </button>
      <h2 class="cdt-browse-title">
        {current.name} <span class="cdt-count">{current.range}</span>
      </h2>
      {current.subcategories.map((s) => (
        <details key={s.name}>
          <summary>
            {s.name} <span class="cdt-count">({s.codes.length})</span>
          </summary>
          <ul class="cdt-results" aria-label={s.name}>
            {s.codes.map((c) => (
              <li key={c.code} class={`cdt-hit${c.status === 'deleted' ? ' cdt-hit-deleted' : ''}`}>
                <button type="button" class="cdt-link" onClick={() => open(c.code)}>
                  {c.code}
                </button>
                <span class="cdt-hit-summary">
                  {c.status === 'deleted' && (
                    <span class="cdt-badge cdt-badge-deleted">Deleted</span>
                  )}{' '}
                  {c.summary}
                </span>
              </li>
            ))}
          </ul>
        </details>
      ))}
    </div>
  );
}

/**
 * The dataset as the background, popup and options pages use it. Never imported by the content
 * script, which holds only the compact code set (lib/cdt/code-set.ts).
 */
import * as dataset from 'virtual:cdt-dataset';
import {
  CATEGORIES,
  type Category,
  CODE_PATTERN,
  categoryById,
  categoryForCode,
} from './categories';
import type { CdtEntry, DatasetMeta, Relation } from './schema';

export type { CdtEntry, DatasetMeta, Relation } from './schema';

// Checked against the schema by the build step (lib/cdt/vite-plugin.ts), so the cast is safe.
const entries = dataset.entries as readonly CdtEntry[];
const meta = dataset.meta as DatasetMeta;
const byCode = new Map(entries.map((e) => [e.code, e]));

/** Every entry, current and deleted, sorted by code. */
export function allEntries(): readonly CdtEntry[] {
  return entries;
}

/** The entry for a code (`D0350`; case and surrounding space are forgiven), or undefined. */
export function getEntry(code: string): CdtEntry | undefined {
  return byCode.get(normaliseCode(code));
}

/** Facts about the bundled data: code year and data version. */
export function datasetMeta(): DatasetMeta {
  return meta;
}

/** `d0350 ` → `D0350`; anything that is not a code comes back trimmed and upper-cased. */
export function normaliseCode(code: string): string {
  return code.trim().toUpperCase();
}

/** A related code as the card lists it: enough to label the link. */
export interface RelatedView {
  code: string;
  type: Relation['type'];
  summary: string;
  status: CdtEntry['status'];
}

/** Everything a card shows for one code, known or not. */
export interface CodeView {
  code: string;
  /** Undefined when the code is well-formed but not in the bundled data. */
  entry?: CdtEntry;
  category?: Pick<Category, 'id' | 'name'>;
  related: RelatedView[];
  codeYear: number;
  /** The official descriptor from the user's licensed import, where there is one. */
  official?: string;
}

/**
 * The card's view of `code`. A well-formed code missing from the data (added after our release)
 * still gets its category from its range; undefined only for text that is not a code at all.
 */
export function codeView(code: string): CodeView | undefined {
  const normal = normaliseCode(code);
  if (!CODE_PATTERN.test(normal)) return undefined;
  const entry = byCode.get(normal);
  const category = entry ? categoryById(entry.category) : categoryForCode(normal);
  const related = (entry?.relations ?? []).flatMap((r: Relation): RelatedView[] => {
    const target = byCode.get(r.code);
    return target
      ? [{ code: r.code, type: r.type, summary: target.summary, status: target.status }]
      : [];
  });
  return {
    code: normal,
    ...(entry && { entry }),
    ...(category && { category: { id: category.id, name: category.name } }),
    related,
    codeYear: meta.codeYear,
  };
}

/** One category of the Browse view: its subcategories and their codes, current codes first. */
export interface BrowseCategory {
  id: string;
  name: string;
  /** The number range, `D0100–D0999`. */
  range: string;
  subcategories: {
    name: string;
    codes: { code: string; summary: string; status: CdtEntry['status'] }[];
  }[];
}

/** The twelve categories with their subcategories and codes, for users who do not know what to type. */
export function browseTree(): BrowseCategory[] {
  return CATEGORIES.map((c) => {
    const subs = new Map<string, BrowseCategory['subcategories'][number]['codes']>();
    for (const e of entries)
      if (e.category === c.id) {
        const list = subs.get(e.subcategory) ?? [];
        list.push({ code: e.code, summary: e.summary, status: e.status });
        subs.set(e.subcategory, list);
      }
    const pad = (n: number) => `D${String(n).padStart(4, '0')}`;
    return {
      id: c.id,
      name: c.name,
      range: `${pad(c.from)}–${pad(c.to)}`,
      subcategories: [...subs].map(([name, codes]) => ({
        name,
        codes: codes.sort(
          (a, b) =>
            Number(a.status === 'deleted') - Number(b.status === 'deleted') ||
            (a.code < b.code ? -1 : 1),
        ),
      })),
    };
  });
}

import { CODE_PATTERN, type CategoryId, categoryForCode, isCategoryId } from './categories';

/** How one code relates to another; curated by the data authors. */
export const RELATION_TYPES = ['alternative', 'companion', 'confused-with', 'see-also'] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

/** A typed link from one entry to another code. */
export interface Relation {
  code: string;
  type: RelationType | 'replaced-by' | 'replaces';
}

/** One entry as written in `data/cdt/*.json`. */
export interface SourceEntry {
  code: string;
  category: CategoryId;
  subcategory: string;
  summary: string;
  note: string;
  terms: string[];
  added?: number;
  revised?: number[];
  deletedIn?: number;
  replacedBy?: string[];
  related: { code: string; type: RelationType }[];
  sources: string[];
}

/** One data file: the sources its entries cite, and the entries. */
export interface SourceFile {
  sources: Record<string, string>;
  entries: SourceEntry[];
}

/** One entry as the extension uses it: checked, with status and reverse links derived. */
export interface CdtEntry {
  code: string;
  category: CategoryId;
  subcategory: string;
  /** One line, our own plain-language words; never the ADA descriptor. */
  summary: string;
  /** When it is used, what it includes, what it is confused with; our own words. */
  note: string;
  /** Everyday words people search with. */
  terms: string[];
  status: 'active' | 'deleted';
  /** CDT year the code first appeared, where a source confirms it. */
  added?: number;
  /** CDT years in which the official descriptor was revised. */
  revised?: number[];
  /** First CDT year in which the code is no longer valid. */
  deletedIn?: number;
  /** Codes to use instead of a deleted one. */
  replacedBy?: string[];
  /** Deleted codes this one replaces. */
  replaces?: string[];
  /** Codes worth stepping to, in curated order. */
  related: string[];
  /** The same links with their types. */
  relations: Relation[];
}

/** Facts about the dataset as a whole. */
export interface DatasetMeta {
  /** The CDT code year the data describes (codes in force on 1 January of that year). */
  codeYear: number;
  /** Our own release number of the data. */
  dataVersion: string;
}

/** Length budgets for the bundled text. */
export const LIMITS = {
  /** One line in the card and in search results. */
  summary: 110,
  /** A short paragraph; the card must not scroll for it. */
  note: 450,
  terms: 12,
  related: 8,
} as const;

/** Deleted codes are recorded from this CDT year on. */
export const FIRST_DELETION_YEAR = 2016;

/**
 * Codes whose category differs from their number range. Each one is a known CDT quirk, not a
 * data error; anything else outside its range fails the check.
 */
export const CATEGORY_EXCEPTIONS: Readonly<Record<string, CategoryId>> = {
  // CDT 2026: maintenance of a removable implant overdenture, numbered after D6080 and D6180 in
  // the fixed range but an implant service (reviewed in data/reviews/implant-services.md).
  D6280: 'implant-services',
};

const PLACEHOLDER = /\b(TODO|TBD|FIXME|lorem ipsum|xxx+)\b/i;
const ENTRY_FIELDS = new Set<string>([
  'code',
  'category',
  'subcategory',
  'summary',
  'note',
  'terms',
  'added',
  'revised',
  'deletedIn',
  'replacedBy',
  'related',
  'sources',
]);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isYear(v: unknown, from: number, to: number): v is number {
  return Number.isInteger(v) && (v as number) >= from && (v as number) <= to;
}

function text(v: unknown, max: number): string | undefined {
  if (typeof v !== 'string') return 'must be a string';
  if (v.trim().length < 3) return 'must not be empty';
  if (v.length > max) return `is ${v.length} characters, over the budget of ${max}`;
  if (PLACEHOLDER.test(v)) return 'contains placeholder text';
  if (v !== v.trim() || /\s{2}/.test(v)) return 'has stray white space';
  return undefined;
}

/** Result of checking the whole dataset. */
export interface CheckResult {
  entries: CdtEntry[];
  errors: string[];
}

/**
 * Checks every data file and the dataset as a whole, and builds the entries the extension uses.
 * Each error names the file, the entry and the field, so a bad edit is found at build time.
 */
export function checkDataset(
  files: { name: string; data: unknown }[],
  meta: DatasetMeta,
): CheckResult {
  const errors: string[] = [];
  const raw: { file: string; entry: SourceEntry }[] = [];

  for (const { name, data } of files) {
    if (!isRecord(data) || !isRecord(data.sources) || !Array.isArray(data.entries)) {
      errors.push(`${name}: must be an object with "sources" (object) and "entries" (array)`);
      continue;
    }
    const sources = data.sources;
    data.entries.forEach((e: unknown, i) => {
      const where = `${name}: entry #${i + 1}${isRecord(e) && typeof e.code === 'string' ? ` (${e.code})` : ''}`;
      const fail = (field: string, msg: string) => errors.push(`${where}: field "${field}" ${msg}`);
      if (!isRecord(e)) return errors.push(`${where}: must be an object`);
      for (const k of Object.keys(e)) if (!ENTRY_FIELDS.has(k)) fail(k, 'is not a known field');
      if (typeof e.code !== 'string' || !CODE_PATTERN.test(e.code))
        return fail('code', 'must be D followed by four digits');
      if (!isCategoryId(e.category)) fail('category', `is not one of the twelve categories`);
      for (const [f, max] of [
        ['subcategory', 60],
        ['summary', LIMITS.summary],
        ['note', LIMITS.note],
      ] as const) {
        const msg = text(e[f], max);
        if (msg) fail(f, msg);
      }
      if (
        !Array.isArray(e.terms) ||
        e.terms.length > LIMITS.terms ||
        e.terms.some((t) => typeof t !== 'string' || !t.trim() || t !== t.toLowerCase())
      )
        fail('terms', `must be up to ${LIMITS.terms} lowercase, non-empty strings`);
      if (e.added !== undefined && !isYear(e.added, 1990, meta.codeYear))
        fail('added', `must be a CDT year up to ${meta.codeYear}`);
      if (
        e.revised !== undefined &&
        (!Array.isArray(e.revised) || !e.revised.every((y) => isYear(y, 1990, meta.codeYear)))
      )
        fail('revised', 'must be a list of CDT years');
      if (e.deletedIn !== undefined && !isYear(e.deletedIn, FIRST_DELETION_YEAR, meta.codeYear))
        fail('deletedIn', `must be a CDT year from ${FIRST_DELETION_YEAR} to ${meta.codeYear}`);
      if (e.replacedBy !== undefined) {
        if (e.deletedIn === undefined) fail('replacedBy', 'is only allowed on deleted codes');
        if (!Array.isArray(e.replacedBy) || e.replacedBy.some((c) => !CODE_PATTERN.test(String(c))))
          fail('replacedBy', 'must be a list of codes');
      }
      if (
        !Array.isArray(e.related) ||
        e.related.length > LIMITS.related ||
        e.related.some(
          (r: unknown) =>
            !isRecord(r) ||
            typeof r.code !== 'string' ||
            !CODE_PATTERN.test(r.code) ||
            !(RELATION_TYPES as readonly unknown[]).includes(r.type),
        )
      )
        fail('related', `must be up to ${LIMITS.related} {code, type} links with known types`);
      if (
        !Array.isArray(e.sources) ||
        e.sources.length < 2 ||
        e.sources.some((s) => typeof s !== 'string' || !(s in sources))
      )
        fail('sources', 'must name at least two keys of the file\'s "sources"');
      raw.push({ file: name, entry: e as unknown as SourceEntry });
    });
  }

  const byCode = new Map<string, { file: string; entry: SourceEntry }>();
  const bySummary = new Map<string, string>();
  for (const r of raw) {
    const { code, summary, category } = r.entry;
    const where = `${r.file}: ${code}`;
    const prior = byCode.get(code);
    if (prior) errors.push(`${where}: code is also defined in ${prior.file}`);
    else byCode.set(code, r);
    const twin = bySummary.get(summary);
    if (twin) errors.push(`${where}: field "summary" is identical to that of ${twin}`);
    else bySummary.set(summary, code);
    const expected = CATEGORY_EXCEPTIONS[code] ?? categoryForCode(code)?.id;
    if (isCategoryId(category) && expected !== category)
      errors.push(
        `${where}: field "category" is ${category} but the code's range is ${expected ?? 'no category'} (add it to CATEGORY_EXCEPTIONS if that is a real CDT quirk)`,
      );
  }
  for (const { file, entry } of byCode.values()) {
    for (const r of entry.related ?? [])
      if (!byCode.has(r.code))
        errors.push(`${file}: ${entry.code}: field "related" names unknown code ${r.code}`);
      else if (r.code === entry.code)
        errors.push(`${file}: ${entry.code}: field "related" names itself`);
    for (const c of entry.replacedBy ?? [])
      if (!byCode.has(c))
        errors.push(`${file}: ${entry.code}: field "replacedBy" names unknown code ${c}`);
      else if (byCode.get(c)?.entry.deletedIn !== undefined)
        errors.push(`${file}: ${entry.code}: field "replacedBy" names ${c}, which is deleted too`);
    if (
      entry.added !== undefined &&
      entry.deletedIn !== undefined &&
      entry.added >= entry.deletedIn
    )
      errors.push(`${file}: ${entry.code}: field "added" is not before "deletedIn"`);
  }

  const replaces = new Map<string, string[]>();
  for (const { entry } of byCode.values())
    for (const c of entry.replacedBy ?? [])
      replaces.set(c, [...(replaces.get(c) ?? []), entry.code]);

  const entries = [...byCode.values()]
    .map(({ entry: e }) => toEntry(e, replaces.get(e.code)))
    .sort((a, b) => (a.code < b.code ? -1 : 1));
  return { entries, errors };
}

function toEntry(e: SourceEntry, replaces: string[] | undefined): CdtEntry {
  const relations: Relation[] = [
    ...(e.replacedBy ?? []).map((code) => ({ code, type: 'replaced-by' as const })),
    ...(replaces ?? []).map((code) => ({ code, type: 'replaces' as const })),
    ...e.related,
  ];
  const seen = new Set<string>();
  const unique = relations.filter((r) => !seen.has(r.code) && seen.add(r.code));
  return {
    code: e.code,
    category: e.category,
    subcategory: e.subcategory,
    summary: e.summary,
    note: e.note,
    terms: e.terms,
    status: e.deletedIn === undefined ? 'active' : 'deleted',
    ...(e.added !== undefined && { added: e.added }),
    ...(e.revised !== undefined && { revised: e.revised }),
    ...(e.deletedIn !== undefined && { deletedIn: e.deletedIn, replacedBy: e.replacedBy ?? [] }),
    ...(replaces && { replaces }),
    related: unique.map((r) => r.code),
    relations: unique,
  };
}

/**
 * Reads a licensed CDT file (the ADA's data file saved as CSV/TSV, or a practice system's
 * procedure-code export) into official descriptors by code, with a preview of what it found.
 * Pure: no DOM, no storage; runs in a worker for big files. Parsing is papaparse's.
 */
import Papa from 'papaparse';
import { CODE_PATTERN } from '../cdt/categories';

/** A problem that stops the import, said so a user can fix the file. */
export class ImportError extends Error {
  override name = 'ImportError';
}

/** Largest file accepted: far above the ADA's file (about 1 MB) and any practice export. */
export const MAX_IMPORT_BYTES = 50 * 2 ** 20;
/** Longest descriptor kept; the longest official ones are a few hundred characters. */
export const MAX_DESCRIPTOR_CHARS = 4000;
/** Examples kept per kind of problem in the preview. */
const EXAMPLES = 5;
/** Rows looked at to guess the columns of a file without a header. */
const SAMPLE_ROWS = 200;

/** Header names (lower case, letters and digits only) that mean "the code", best first. */
const CODE_HEADERS = ['cdtcode', 'procedurecode', 'proccode', 'adacode', 'code', 'cdt', 'proc'];
/** Header names that mean "the official text", best first. */
const TEXT_HEADERS = [
  'nomenclature',
  'descriptor',
  'description',
  'proceduredescription',
  'longdescription',
  'desc',
  'procedurename',
  'name',
];

/**
 * Decodes a file's bytes: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"),
 * else Windows-1252 (older practice systems). Refuses files that are not text.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.length > MAX_IMPORT_BYTES)
    throw new ImportError(
      `The file is ${(bytes.length / 2 ** 20).toFixed(0)} MB; files up to ${MAX_IMPORT_BYTES / 2 ** 20} MB can be imported.`,
    );
  if (bytes.length === 0) throw new ImportError('The file is empty.');
  const [b0, b1] = bytes;
  if (b0 === 0xff && b1 === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (b0 === 0xfe && b1 === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  const nul = bytes.subarray(0, 65_536).indexOf(0);
  if (nul >= 0)
    throw new ImportError(
      `This file is not text (byte ${nul + 1} is a NUL): save the code list as CSV or TSV and choose that file.`,
    );
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  const controls = text.slice(0, 65_536).match(/[\x01-\x08\x0e-\x1f\x7f]/g)?.length ?? 0;
  if (controls > 8)
    throw new ImportError(
      'This file is not text (it is full of control characters): save the code list as CSV or TSV and choose that file.',
    );
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The rows of a delimited text, with the line each row starts on. */
export interface Table {
  rows: string[][];
  /** 1-based line number of each row's start. */
  lines: number[];
  delimiter: string;
}

/** Splits a CSV/TSV text into rows; the delimiter (`,` tab `;` `|`) is detected. */
export function parseTable(text: string): Table {
  const rows: string[][] = [];
  const lines: number[] = [];
  let line = 1;
  let pos = 0;
  const result = Papa.parse<string[]>(text, {
    delimitersToGuess: [',', '\t', ';', '|'],
    skipEmptyLines: 'greedy',
    step: (r) => {
      // A row starts where the previous one ended (its cursor is past its line break), after
      // the blank lines papaparse skipped; rows may span lines (quoted line breaks).
      for (;;) {
        const nl = text.indexOf('\n', pos);
        if (nl < 0 || nl >= r.meta.cursor || !isBlank(text.slice(pos, nl), r.meta.delimiter)) break;
        pos = nl + 1;
        line++;
      }
      rows.push(r.data);
      lines.push(line);
      for (; pos < r.meta.cursor; pos++) if (text.charCodeAt(pos) === 10) line++;
    },
  });
  if (rows.length === 0) throw new ImportError('The file has no rows.');
  return { rows, lines, delimiter: result.meta.delimiter };
}

/** A line papaparse skips as empty: only spaces and delimiters. */
function isBlank(line: string, delimiter: string): boolean {
  return line.split(delimiter).every((cell) => !cell.trim());
}

/** Which columns hold the code and the text (0-based), and whether row 1 is a header. */
export interface Columns {
  code: number;
  text: number;
  header: boolean;
}

const headerKey = (cell: string) => cell.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The code in a cell, normalised (`d2740 ` → `D2740`), or undefined. */
export function cellCode(cell: string | undefined): string | undefined {
  const c = cell?.trim().toUpperCase();
  return c && CODE_PATTERN.test(c) ? c : undefined;
}

function bestHeader(row: string[], names: readonly string[], not = -1): number {
  let best = -1;
  let rank = Infinity;
  row.forEach((cell, i) => {
    const r = names.indexOf(headerKey(cell));
    if (i !== not && r >= 0 && r < rank) [best, rank] = [i, r];
  });
  return best;
}

/** Guesses the columns: from header names, else from what the cells look like. */
export function detectColumns(rows: string[][]): Columns | undefined {
  const first = rows[0] ?? [];
  const header = !first.some((c) => cellCode(c)) && bestHeader(first, CODE_HEADERS) >= 0;
  const sample = rows.slice(header ? 1 : 0, SAMPLE_ROWS + 1);
  const width = Math.max(0, ...sample.map((r) => r.length));
  const share = (col: number, test: (c: string) => boolean) =>
    sample.filter((r) => r[col] !== undefined && test(r[col])).length / Math.max(1, sample.length);

  let code = header ? bestHeader(first, CODE_HEADERS) : -1;
  if (code < 0) {
    let bestShare = 0;
    for (let i = 0; i < width; i++) {
      const s = share(i, (c) => cellCode(c) !== undefined);
      if (s > bestShare) [code, bestShare] = [i, s];
    }
    if (bestShare < 0.5) return undefined;
  }
  let text = header ? bestHeader(first, TEXT_HEADERS, code) : -1;
  if (text < 0) {
    // The column with the most words in it.
    let longest = 0;
    for (let i = 0; i < width; i++) {
      if (i === code) continue;
      const len = sample.reduce((n, r) => n + (/[a-z]{3}/i.test(r[i] ?? '') ? r[i]!.length : 0), 0);
      if (len > longest) [text, longest] = [i, len];
    }
    if (text < 0) return undefined;
  }
  return { code, text, header };
}

/** One problem row, for the preview's examples. */
export interface Example {
  line: number;
  code: string;
  text: string;
}

/** What a file would import, shown before anything is stored. */
export interface ImportPreview {
  delimiter: string;
  /** Column labels: the header's names, or "Column N". */
  labels: string[];
  columns: Columns;
  /** Data rows read (header excluded). */
  rows: number;
  /** Codes with a descriptor, known to the bundled data. */
  matched: number;
  /** Well-formed codes the bundled data does not have (still imported). */
  unknown: { count: number; examples: Example[] };
  /** Rows whose code cell is not a CDT code. */
  invalid: { count: number; examples: Example[] };
  /** Rows repeating a code already read (the first is kept). */
  duplicates: { count: number; examples: Example[] };
  /** Rows with a code and no descriptor (not imported). */
  empty: { count: number; examples: Example[] };
  /** The official text by code: what would be stored. */
  descriptors: Record<string, string>;
}

const clip = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Reads descriptors from `table` in `columns` (detected when not given). */
export function analyseTable(
  table: Table,
  isKnown: (code: string) => boolean,
  chosen?: Omit<Columns, 'header'>,
): ImportPreview {
  const detected = detectColumns(table.rows);
  const columns: Columns | undefined = chosen
    ? { ...chosen, header: detected?.header ?? false }
    : detected;
  const width = Math.max(0, ...table.rows.slice(0, SAMPLE_ROWS).map((r) => r.length));
  const first = table.rows[0] ?? [];
  if (!columns)
    throw new ImportError(
      width < 2
        ? `The file has one column (line 1: "${clip(first.join(''))}"): it needs a code column and a descriptor column.`
        : 'No code column found: no header such as "Code" or "Procedure code", and no column whose values look like D0120. Choose the columns.',
    );
  const labels = Array.from({ length: width }, (_, i) =>
    columns.header && first[i]?.trim() ? first[i].trim() : `Column ${i + 1}`,
  );
  const preview: ImportPreview = {
    delimiter: table.delimiter,
    labels,
    columns,
    rows: 0,
    matched: 0,
    unknown: { count: 0, examples: [] },
    invalid: { count: 0, examples: [] },
    duplicates: { count: 0, examples: [] },
    empty: { count: 0, examples: [] },
    descriptors: Object.create(null) as Record<string, string>,
  };
  const note = (kind: { count: number; examples: Example[] }, example: Example) => {
    kind.count++;
    if (kind.examples.length < EXAMPLES) kind.examples.push(example);
  };
  for (let r = columns.header ? 1 : 0; r < table.rows.length; r++) {
    const row = table.rows[r]!;
    const line = table.lines[r] ?? r + 1;
    preview.rows++;
    const raw = row[columns.code] ?? '';
    const text = (row[columns.text] ?? '').replace(/\s+/g, ' ').trim();
    const code = cellCode(raw);
    const example = { line, code: clip(raw.trim(), 20), text: clip(text) };
    if (!code) note(preview.invalid, example);
    else if (code in preview.descriptors) note(preview.duplicates, example);
    else if (!text) note(preview.empty, example);
    else {
      preview.descriptors[code] = text.slice(0, MAX_DESCRIPTOR_CHARS);
      if (isKnown(code)) preview.matched++;
      else note(preview.unknown, example);
    }
  }
  const found = preview.matched + preview.unknown.count;
  if (found === 0) {
    const where = `column "${labels[columns.code] ?? columns.code + 1}"`;
    const bad = preview.invalid.examples[0] ?? preview.empty.examples[0];
    throw new ImportError(
      bad
        ? `No valid CDT code with a descriptor in ${where} (line ${bad.line}: "${bad.code}"). Choose the columns, or check the file.`
        : 'The file has a header but no data rows.',
    );
  }
  return preview;
}

/** The whole import of one file's bytes: decode, parse, analyse. */
export function readImport(
  bytes: Uint8Array,
  isKnown: (code: string) => boolean,
  chosen?: Omit<Columns, 'header'>,
): ImportPreview {
  return analyseTable(parseTable(decodeText(bytes)), isKnown, chosen);
}

/**
 * The CDT code detector: a pure function from text to code matches, with no DOM, shared by the
 * content script, the popup, the context menu and the PDF viewer.
 */
import { CODE_ACTIVE, type CodeTable, codeTable } from '../cdt/code-set';
import { afterDiagnosisQualifier, inAddress, nearLookalikeWord } from './context';

/** One occurrence of a CDT code in a text. */
export interface CodeMatch {
  /** The normalised code, `D0350`. */
  code: string;
  /** UTF-16 offset of the code's first character. */
  start: number;
  /** UTF-16 offset just past the code's last character. */
  end: number;
  /** Status in the bundled data. */
  status: 'active' | 'deleted';
  /** How the code was written, when it is more than a plain code. */
  form?: 'edi' | 'range';
  /** For an endpoint of a range such as `D0364-D0368`: both endpoints, normalised. */
  range?: [string, string];
  /**
   * A later part of a code split over text runs (`40` of `D27`+`40` in a PDF text layer, see
   * lib/page/runs.ts): marked and hoverable, but not counted again.
   */
  continued?: true;
}

const LOWER_D = 0x64; // 'd'
const ZERO = 0x30;
const NINE = 0x39;

/**
 * Candidates: a `D` (or `d`), at most one space, hyphen or invisible character, and four digits. A
 * second pass over the few candidates does the rest, so the scan costs about as much as the regex.
 */
const CANDIDATE = /[Dd][ \u00a0\u00ad\u200b-\u200d\u2060\ufeff-]?\d{4}/g;
/** Dash or word between the ends of a range, on one line: `-`, ` – `, ` through `. */
const RANGE_JOIN =
  '(?:[ \\t\\u00a0\\u3000]{0,2}[-\\u2010-\\u2015][ \\t\\u00a0\\u3000]{0,2}|[ \\t\\u00a0]{1,2}(?:to|through|thru)[ \\t\\u00a0]{1,2})';
/** The other end of a range right after a code: `-D0368`, ` – D0368`, ` through D0368`, `-0368`. */
const RANGE_TAIL = new RegExp(`^${RANGE_JOIN}([Dd]?)(\\d{4})(?!\\d)`);
/** The start of a range right before a candidate: `D0100-` in `D0100-D0999`. */
const RANGE_HEAD = new RegExp(`[Dd](\\d{4})${RANGE_JOIN}$`);
/**
 * What PDF extraction glues right before a code, when it is digits: a fee (`45.00D2391`), a date
 * (`01/15/2026D0120`), a fee then a line number (`96.002D0330`), a tooth, page or line number
 * (`#8D2740`, `of 5D0140`), a count (`D0120x41D1110`), an ICD value (`K02.52D2392`).
 */
const DIGITS_BEFORE = [
  /\d[.,]\d\d\d{0,2}$/,
  /\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/,
  /(?:^|[^\p{L}\p{N}.,])#?\d{1,2}$/u,
  /[Dd]\d{4}[xX×]\d{1,3}$/,
];
/**
 * What it glues right after, when it is digits: a fee (`D239145.00`), or a tooth number and
 * surfaces (`D23318MI`).
 */
const DIGITS_AFTER = [/^\d{1,6}[.,]\d\d(?!\d)/, /^\d{1,2}[MODBLIF]{1,5}(?![\p{Ll}])/u];
/** Tooth surfaces, the one single letter that may touch a code: `D2391O#31`. */
const SURFACE = /^[MODBLIF]$/;
/**
 * A practice-software suffix: a period and up to three characters, `D0120.a`, `D2750.1`; but not
 * cents, which make the digits an amount (`PAID2750.00`).
 */
const SUFFIX = /^\.(?!\d\d(?![\p{L}\p{N}]))[\p{L}\p{N}]{1,3}(?![\p{L}\p{N}])/u;
/** A count after a code: `D4341x4`, `D0120x41`. */
const COUNT_AFTER = /^[xX×]\d{1,3}/;
/** An X12 procedure qualifier with any component separator: `AD:`, `AD>`, `HC:`. */
const EDI_QUALIFIER = /(?:AD|HC|ZZ)[:>^|\\!]$/;
/** A spreadsheet cell range right after: `D1110:D1206`. */
const CELL_RANGE_AFTER = /^:\$?[A-Z]{1,3}\$?\d/;
/** A dimension: `W2400 × D2150 × H2300`. */
const DIMENSION_BEFORE = /\d[ \t]*[×xX][ \t]*$/;
const DIMENSION_AFTER = /^[ \t]*[×xX][ \t]*[A-Za-z]\d/;

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

function isAlnum(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  if (c < 128) return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
  return /[\p{L}\p{N}]/u.test(ch);
}

/** Dashes and spaces that may stand between a code and the rest of a range. */
function isRangeChar(c: number): boolean {
  return (
    c === 45 || (c >= 0x2010 && c <= 0x2015) || c === 32 || c === 9 || c === 0xa0 || c === 0x3000
  );
}

/** Only a dash, or a space before a dash or a "to/through", can start a range tail. */
function mayStartRange(text: string, end: number): boolean {
  const c = text.charCodeAt(end);
  if (!isRangeChar(c)) return false;
  if (c === 45 || (c >= 0x2010 && c <= 0x2015)) return true;
  for (let k = end + 1; k < end + 3; k++) {
    const d = text.charCodeAt(k);
    if (d === 45 || (d >= 0x2010 && d <= 0x2015) || d === 116) return true; // dash or "t"
    if (!isRangeChar(d)) return false;
  }
  return false;
}

/** Only a dash, or a dash or word ending before a space, can end a range head. */
function mayEndRange(text: string, start: number): boolean {
  const c = text.charCodeAt(start - 1);
  if (!isRangeChar(c)) return false;
  if (c === 45 || (c >= 0x2010 && c <= 0x2015)) return true;
  const d = text.charCodeAt(start - 2);
  const e = text.charCodeAt(start - 3);
  // "D0100 - D0999", "D0100 to D0999", "… through / thru D0999", or a double space.
  return (
    d === 45 ||
    (d >= 0x2010 && d <= 0x2015) ||
    d === 111 ||
    d === 117 ||
    d === 104 ||
    isRangeChar(d) ||
    isRangeChar(e)
  );
}

/** An x or × within three characters: the only way a dimension can touch the candidate. */
function nearTimes(text: string, start: number, end: number): boolean {
  for (let k = 1; k <= 3; k++) {
    const b = text.charCodeAt(start - k);
    const a = text.charCodeAt(end + k - 1);
    if (b === 120 || b === 88 || b === 215 || a === 120 || a === 88 || a === 215) return true;
  }
  return false;
}

/** Formula punctuation next to the candidate: the only way it can be a spreadsheet reference. */
function nearFormula(text: string, start: number, end: number): boolean {
  const b = text[start - 1] ?? '';
  const a = text[end] ?? '';
  // ":" counts only after a cell ("D2:D2140"), not after an X12 qualifier ("AD:D2140").
  if (b === ':') return isDigit(text.charCodeAt(start - 2)) || text[start - 2] === '$';
  return '=(+-*/$'.includes(b) || ':)*+/<>'.includes(a);
}

/**
 * The run of letters and digits touching position `from` in direction `dir`, up to 24 characters:
 * what PDF extraction glued to the candidate.
 */
function gluedRun(text: string, from: number, dir: -1 | 1): string {
  let i = from;
  const limit = 24;
  while (Math.abs(i - from) < limit && isAlnum(text[dir < 0 ? i - 1 : i])) i += dir;
  return dir < 0 ? text.slice(i, from) : text.slice(from, i);
}

/** True when the line holding `pos` is a spreadsheet formula (`=SUM(D1110:D1206)`). */
function inFormula(text: string, pos: number): boolean {
  let i = pos;
  const min = Math.max(0, pos - 256);
  while (i > min && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return /^[ \t]*=/.test(text.slice(i, pos));
}

type IsCode = (digits: string) => boolean;

/**
 * True when what touches the candidate on the left is compatible with a code: nothing, a range
 * dash, or a word, fee, date or other code glued by PDF extraction; false for identifiers such as
 * `X7D0120`, `ID0120`, `INV-D2740`, an X12 element of its own (`REF*EA*D2150`) or `RECEIVED2140`.
 */
function leftOk(text: string, start: number, lower: boolean, isCode: IsCode): boolean {
  const prev = text[start - 1];
  if (!isAlnum(prev)) {
    if (prev === '*') return false;
    if (prev === '-' && isAlnum(text[start - 2])) {
      const run = gluedRun(text, start - 1, -1);
      return /[Dd]\d{4}$/.test(run) && isCode(run.slice(-4));
    }
    return true;
  }
  if (lower) return false;
  const run = gluedRun(text, start, -1);
  // Codes glued together: "D0120D0274D1110".
  if (/[Dd]\d{4}$/.test(run) && isCode(run.slice(-4))) return true;
  if (isDigit(prev!.charCodeAt(0))) {
    const before = text.slice(Math.max(0, start - 16), start);
    return DIGITS_BEFORE.some((re) => re.test(before));
  }
  const letters = /\p{L}+$/u.exec(run)?.[0] ?? '';
  // One or two capitals ("ID0120", "AD0120") are an identifier, two small letters a word
  // ("benefitD2392toD2150"); a capitalised word ending in E owns the D ("RECEIVED2140").
  if (letters.length < 2 || (letters.length === 2 && letters !== letters.toLowerCase()))
    return false;
  return !(letters === letters.toUpperCase() && letters.endsWith('E'));
}

/** The same for the right side; false for identifiers (`D2140A`, `D1110-4471`, `D2391-A4`). */
function rightOk(
  text: string,
  end: number,
  lower: boolean,
  isRange: boolean,
  isCode: IsCode,
): boolean {
  const next = text[end];
  if (!isAlnum(next)) {
    if (next === '.') return SUFFIX.test(text.slice(end, end + 5)) || !isAlnum(text[end + 1]);
    if (next === '-' && !isRange) {
      // "D1110-4471", "D2391-A4", "D1206-VARNISH-50": a part of an identifier.
      const run = gluedRun(text, end + 1, 1);
      return !/\d/.test(run) && text[end + 1 + run.length] !== '-';
    }
    if (next === ':') return !CELL_RANGE_AFTER.test(text.slice(end, end + 6));
    return true;
  }
  if (lower) return false;
  if (isDigit(next!.charCodeAt(0))) {
    const after = text.slice(end, end + 12);
    return DIGITS_AFTER.some((re) => re.test(after));
  }
  const run = gluedRun(text, end, 1);
  if (/^[Dd]\d{4}/.test(run)) return isCode(run.slice(1, 5));
  if (COUNT_AFTER.test(run)) return true;
  const letters = /^\p{L}+/u.exec(run)?.[0] ?? '';
  // A glued word or label ("D1206Fluoride", "D4341UR245.00"), a plural ("D1110s"), or one tooth
  // surface ("D2391O#31").
  return letters.length >= 2 || letters === 's' || SURFACE.test(letters);
}

/**
 * True when `to`, written without its D after a range dash ("D0364-0368"), really is the far end:
 * higher than the start, in the same thousand, and not the start of a fee ("D2740-1250.00").
 */
function bareRangeEnd(text: string, from: string, to: string, after: number): boolean {
  return (
    to > from &&
    to[0] === from[0] &&
    !(/[.,]/.test(text[after] ?? '') && isDigit(text.charCodeAt(after + 1)))
  );
}

/**
 * "D 0120", "D-0120" and codes with an invisible character inside: only with a capital D, standing
 * alone, and not as an old German postcode ("D-7410 Reutlingen": a hyphen, then a place name).
 */
function separatedOk(text: string, start: number, end: number, lower: boolean): boolean {
  if (lower || isAlnum(text[start - 1]) || /[-\p{L}\p{N}]/u.test(text[end] ?? '')) return false;
  return !(text[start + 1] === '-' && /^ \p{Lu}\p{Ll}/u.test(text.slice(end, end + 3)));
}

/** True when the text around the candidate says it is something else. */
function isLookalike(text: string, start: number, end: number): boolean {
  return (
    afterDiagnosisQualifier(text, start) ||
    nearLookalikeWord(text, start, end) ||
    inAddress(text, start, end) ||
    (nearTimes(text, start, end) &&
      (DIMENSION_BEFORE.test(text.slice(Math.max(0, start - 4), start)) ||
        DIMENSION_AFTER.test(text.slice(end, end + 6)))) ||
    (nearFormula(text, start, end) && inFormula(text, start))
  );
}

/** Normalised code strings, made once per code: a page with thousands of D1110 holds one string. */
const CODE_STRINGS = new Map<string, string>();
function codeString(digits: string): string {
  let code = CODE_STRINGS.get(digits);
  if (code === undefined) CODE_STRINGS.set(digits, (code = `D${digits}`));
  return code;
}

/**
 * Detector over a code table, or a function that builds it on the first candidate (the bundled one
 * by default); exported for tests.
 */
export function createDetector(
  source: CodeTable | (() => CodeTable),
): (text: string) => CodeMatch[] {
  let codes = typeof source === 'function' ? undefined : source;
  const table = () => (codes ??= (source as () => CodeTable)());
  const status = (s: number | undefined): 'active' | 'deleted' | undefined =>
    s === 0 || s === undefined ? undefined : s === CODE_ACTIVE ? 'active' : 'deleted';
  const statusOf = (digits: string) => status(table()[Number(digits)]);
  /** Status of the four digits ending at `end`, read without slicing a string. */
  const statusAt = (text: string, end: number) =>
    status(
      table()[
        (text.charCodeAt(end - 4) - ZERO) * 1000 +
          (text.charCodeAt(end - 3) - ZERO) * 100 +
          (text.charCodeAt(end - 2) - ZERO) * 10 +
          (text.charCodeAt(end - 1) - ZERO)
      ],
    );

  const isCode = (digits: string) => statusOf(digits) !== undefined;

  return function detect(text: string): CodeMatch[] {
    const out: CodeMatch[] = [];
    // One shared regex: detect never runs inside itself, and lastIndex starts over each call.
    const re = CANDIDATE;
    re.lastIndex = 0;
    let pendingRangeEnd = -1;
    let pendingRange: [string, string] | undefined;
    // test() rather than exec(): no match array is allocated for the many candidates rejected.
    while (re.test(text)) {
      const end = re.lastIndex;
      const d5 = text.charCodeAt(end - 5);
      const start = d5 === 68 || d5 === LOWER_D ? end - 5 : end - 6;
      const status = statusAt(text, end);
      if (!status) continue;
      const digits = text.slice(end - 4, end);
      const lower = text.charCodeAt(start) === LOWER_D;
      // "D 0120", "D-0120" and codes with an invisible character inside stand alone, capital D.
      if (end - start > 5 && !separatedOk(text, start, end, lower)) continue;
      const tail = mayStartRange(text, end) ? RANGE_TAIL.exec(text.slice(end, end + 16)) : null;
      const toDigits = tail?.[2];
      const toStart = end + (tail?.[0].length ?? 0) - 4;
      // "D0364-0368": a far end without its D must look like one (not "D2740-1250.00").
      const isRange = !!(
        tail &&
        toDigits &&
        (tail[1] || bareRangeEnd(text, digits, toDigits, toStart + 4))
      );
      if (!leftOk(text, start, lower, isCode) || !rightOk(text, end, lower, isRange, isCode))
        continue;
      if (isLookalike(text, start, end)) continue;
      // The far end of a category range such as D0100–D0999: its start is no code, and neither is
      // the range (D0999 alone would be "unspecified diagnostic procedure").
      const head = mayEndRange(text, start)
        ? RANGE_HEAD.exec(text.slice(Math.max(0, start - 16), start))
        : null;
      if (head && !statusOf(head[1]!)) continue;
      const match: CodeMatch = { code: codeString(digits), start, end, status };
      if (
        !isAlnum(text[start - 1]) &&
        start > 2 &&
        EDI_QUALIFIER.test(text.slice(start - 3, start))
      )
        match.form = 'edi';
      if (start === pendingRangeEnd && pendingRange) {
        match.form = 'range';
        match.range = pendingRange;
      }
      if (isRange && tail && toDigits) {
        match.form = 'range';
        match.range = [match.code, `D${toDigits}`];
        pendingRange = match.range;
        pendingRangeEnd = toStart - tail[1]!.length;
        const toStatus = statusOf(toDigits);
        if (!tail[1] && toStatus) {
          // The candidate scan cannot see a far end without D: report it here.
          out.push(match, {
            code: match.range[1],
            start: toStart,
            end: toStart + 4,
            status: toStatus,
            form: 'range',
            range: match.range,
          });
          re.lastIndex = toStart + 4;
          continue;
        }
      }
      out.push(match);
    }
    return out;
  };
}

const detectBundled = createDetector(codeTable);

/**
 * Finds every CDT code of the bundled data (current or deleted) in `text`, in order, each
 * occurrence once. Null and undefined give no matches; any other non-string is a TypeError.
 */
export function findCodes(text: string): CodeMatch[] {
  if (text === null || text === undefined) return [];
  if (typeof text !== 'string')
    throw new TypeError(`findCodes expects a string, got ${typeof text}`);
  return detectBundled(text);
}

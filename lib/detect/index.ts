/**
 * The CDT code detector: a pure function from text to code matches, with no DOM, shared by the
 * content script, the popup, the context menu and the PDF viewer.
 */
import { CODE_ACTIVE, CODE_TABLE, type CodeTable } from '../cdt/code-set';
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
}

const LOWER_D = 0x64; // 'd'
const ZERO = 0x30;
const NINE = 0x39;

/**
 * Candidates: a `D` (or `d`) and exactly four digits. A second pass over the few candidates does
 * the rest, so the scan costs about as much as the regex alone.
 */
const CANDIDATE = /[Dd]\d{4}/g;
/** Dash or word between the ends of a range, on one line: `-`, ` – `, ` through `. */
const RANGE_JOIN =
  '(?:[ \\t\\u00a0\\u3000]{0,2}[-\\u2010-\\u2015][ \\t\\u00a0\\u3000]{0,2}|[ \\t\\u00a0]{1,2}(?:to|through|thru)[ \\t\\u00a0]{1,2})';
/** The other end of a range right after a code: `-D0368`, ` – D0368`, ` through D0368`, `-0368`. */
const RANGE_TAIL = new RegExp(`^${RANGE_JOIN}([Dd]?)(\\d{4})(?!\\d)`);
/** The start of a range right before a candidate: `D0100-` in `D0100-D0999`. */
const RANGE_HEAD = new RegExp(`[Dd](\\d{4})${RANGE_JOIN}$`);
/** A money amount ending right before a glued code: `45.00D2391`, `1,250.00D2740`. */
const FEE_BEFORE = /\d[.,]\d\d$/;
/** Digits and a money amount glued after a code: `D239145.00`. */
const FEE_AFTER = /^\d{1,6}[.,]\d\d(?!\d)/;
/** An X12 procedure qualifier with any component separator: `AD:`, `AD>`, `HC:`. */
const EDI_QUALIFIER = /(?:AD|HC|ZZ)[:>^|\\!]$/;

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && /\p{L}/u.test(ch);
}

function isAlnum(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
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

/**
 * True when what touches the candidate on the left is compatible with a code: nothing, or a
 * word or a fee glued by PDF extraction; false for identifiers such as `X7D0120` or `ID0120`.
 */
function leftOk(text: string, start: number, lower: boolean): boolean {
  const prev = text[start - 1];
  if (!isAlnum(prev)) return true;
  if (lower) return false;
  if (isDigit(prev!.charCodeAt(0)))
    return FEE_BEFORE.test(text.slice(Math.max(0, start - 16), start));
  const run = gluedRun(text, start, -1);
  // A glued word ("ProphylaxisD1206") is letters only and at least three of them; one or two
  // capitals ("ID0120", "AD0120") or letters mixed with digits are an identifier.
  return run.length >= 3 && /^\p{L}+$/u.test(run);
}

/** The same for the right side; returns the end of the code, or -1 to reject. */
function rightEnd(text: string, end: number, lower: boolean): number {
  const next = text[end];
  if (next === undefined || !isAlnum(next)) {
    // "D0120.a" carries a practice-software suffix and is a code; "D0120.5" is a decimal or a
    // version number.
    return next === '.' && isDigit(text.charCodeAt(end + 1)) ? -1 : end;
  }
  if (lower) return -1;
  if (isDigit(next.charCodeAt(0))) return FEE_AFTER.test(text.slice(end, end + 12)) ? end : -1;
  const run = gluedRun(text, end, 1);
  // A glued word ("D1206Fluoride") is letters only; letters mixed with digits are an identifier.
  return isLetter(run[0]) && /^\p{L}+$/u.test(run) ? end : -1;
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

/** True when the text around the candidate says it is something else. */
function isLookalike(text: string, start: number, end: number): boolean {
  return (
    afterDiagnosisQualifier(text, start) ||
    nearLookalikeWord(text, start, end) ||
    inAddress(text, start, end)
  );
}

/** Detector over a given code table (the bundled one by default); exported for tests. */
export function createDetector(table: CodeTable): (text: string) => CodeMatch[] {
  const statusOf = (digits: string): 'active' | 'deleted' | undefined => {
    const s = table[Number(digits)];
    return s === 0 || s === undefined ? undefined : s === CODE_ACTIVE ? 'active' : 'deleted';
  };

  return function detect(text: string): CodeMatch[] {
    const out: CodeMatch[] = [];
    const re = new RegExp(CANDIDATE.source, 'g');
    let m: RegExpExecArray | null;
    let pendingRangeEnd = -1;
    let pendingRange: [string, string] | undefined;
    while ((m = re.exec(text)) !== null) {
      const start = m.index;
      const digits = m[0].slice(1);
      const status = statusOf(digits);
      if (!status) continue;
      const lower = text.charCodeAt(start) === LOWER_D;
      if (!leftOk(text, start, lower)) continue;
      const end = rightEnd(text, start + 5, lower);
      if (end < 0) continue;
      if (isLookalike(text, start, end)) continue;
      // The far end of a category range such as D0100–D0999: its start is no code, and neither is
      // the range (D0999 alone would be "unspecified diagnostic procedure").
      const head = RANGE_HEAD.exec(text.slice(Math.max(0, start - 16), start));
      if (head && !statusOf(head[1]!)) continue;
      const match: CodeMatch = { code: `D${digits}`, start, end, status };
      if (EDI_QUALIFIER.test(text.slice(Math.max(0, start - 3), start))) match.form = 'edi';
      if (start === pendingRangeEnd && pendingRange) {
        match.form = 'range';
        match.range = pendingRange;
      }
      const tail = RANGE_TAIL.exec(text.slice(end, end + 16));
      const toDigits = tail?.[2];
      const toStart = end + (tail?.[0].length ?? 0) - 4;
      // "D0364-0368": a far end without its D must look like one (not "D2740-1250.00").
      if (tail && toDigits && (tail[1] || bareRangeEnd(text, digits, toDigits, toStart + 4))) {
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

const detectBundled = createDetector(CODE_TABLE);

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

/**
 * Context rules that tell a CDT code from a look-alike. Each rule looks only at a few characters
 * around a candidate, within its line, so a scan stays linear and a text split at a line break
 * gives the same result as the whole.
 */

/**
 * How far the brand and standard rules look to each side, in characters: far enough for "Sony
 * Xperia Z3 D6603", short enough to stay cheap (this runs for every candidate).
 */
const CONTEXT_CHARS = 24;
/** How far back the URL and e-mail rules look within one token, in characters. */
const TOKEN_CHARS = 256;

/**
 * Brand and product words: anywhere in the window on the same line ("Sony Xperia Z3 D6603",
 * "Intel Atom D2550 board") they mean a product model. Only words with no dental meaning: "camera"
 * (intraoral camera), "model" (study models), "processor" (claims processor) are left out.
 */
const BRAND_WORDS = new Set(
  'nikon canon sony xperia fujifilm pentax olympus panasonic lumix dslr mirrorless megapixel megapixels intel atom pentium celeron xeon amd chipset motherboard samsung galaxy nokia motorola huawei xiaomi oneplus smartphone handset dell lenovo toshiba asus acer d-link netgear firmware toner ricoh kyocera konica diode zener schottky resistor capacitor sod sot smd pcb bom footprint'.split(
    ' ',
  ),
);

/**
 * Words that, right before the token, make it a standard, a dose, a place or an identifier:
 * "ASTM D2240", "Vitamin D1000", "Room D0120", "Cell D1110", "SKU D1110", "Provider ID D2140".
 */
const WORDS_BEFORE = new Set(
  'astm iso din ansi sae vitamin vit room rm hall suite ste building bldg floor gate cell cells column col row sheet route road rd highway hwy exit sku pn invoice ticket version build id workstation ws seat lot serial sn bin aisle platform flight bus train group grp'.split(
    ' ',
  ),
);

/** Unit words right after the token: "D1000 IU" is a vitamin D dose. */
const WORDS_AFTER = new Set(['iu', 'mcg', 'ug']);

/**
 * Length, first and last letter of every listed word: most words of a page fail this key and are
 * skipped without a slice or a lower-casing.
 */
const LISTED = [...BRAND_WORDS, ...WORDS_BEFORE, ...WORDS_AFTER];
const wordKey = (length: number, first: number, last: number) =>
  (length * 32 + (first | 32) - 96) * 32 + (last | 32) - 96;
const LISTED_KEYS = new Set(
  LISTED.map((w) => wordKey(w.length, w.charCodeAt(0), w.charCodeAt(w.length - 1))),
);

/** The listed word at text[from, to), lower-cased, or '' when it cannot be one of them. */
function candidateWord(text: string, from: number, to: number): string {
  // Hyphens at the edges belong to the punctuation ("SOD-123"), not the word.
  while (from < to && text.charCodeAt(from) === 45) from++;
  while (to > from && text.charCodeAt(to - 1) === 45) to--;
  if (!LISTED_KEYS.has(wordKey(to - from, text.charCodeAt(from), text.charCodeAt(to - 1))))
    return '';
  return text.slice(from, to).toLowerCase();
}

/** Most non-letters a word right next to the token may be separated by ("ID: D2140"). */
const ADJACENT_GAP = 3;

/** X12 qualifiers that mark a diagnosis (ICD) value, written without its dot in EDI. */
const DIAGNOSIS_QUALIFIER = /(?:^|[^A-Za-z0-9])(?:AB[A-Z]|APR|B[A-Z]|PR|DR)[:>^|]$/;

/** Characters of a line break: context never crosses one. */
function isLineBreak(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

/** Letters of a word (ASCII letters, a hyphen inside brand names, any non-ASCII letter). */
function isWordCode(c: number): boolean {
  return (
    ((c | 32) >= 97 && (c | 32) <= 122) ||
    c === 45 ||
    (c > 127 && !isLineBreak(c) && c !== 0xa0 && c !== 0x3000)
  );
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * True when a brand, product or standard word says the candidate is something else. Scans words
 * by character code, without slicing windows or running regular expressions: it runs for every
 * candidate, so it must cost next to nothing.
 */
export function nearLookalikeWord(text: string, start: number, end: number): boolean {
  // Words before, nearest first.
  let i = start;
  const min = Math.max(0, start - CONTEXT_CHARS);
  let adjacent = true;
  while (i > min) {
    const c = text.charCodeAt(i - 1);
    if (isLineBreak(c)) break;
    if (!isWordCode(c)) {
      if (isDigitCode(c) || start - i >= ADJACENT_GAP) adjacent = false;
      i--;
      continue;
    }
    let j = i;
    while (j > min && isWordCode(text.charCodeAt(j - 1))) j--;
    const word = candidateWord(text, j, i);
    if (word && (BRAND_WORDS.has(word) || (adjacent && WORDS_BEFORE.has(word)))) return true;
    adjacent = false;
    i = j;
  }
  // Words after, nearest first.
  i = end;
  const max = Math.min(text.length, end + CONTEXT_CHARS);
  adjacent = true;
  while (i < max) {
    const c = text.charCodeAt(i);
    if (isLineBreak(c)) break;
    if (!isWordCode(c)) {
      if (isDigitCode(c) || i - end >= ADJACENT_GAP) adjacent = false;
      i++;
      continue;
    }
    let j = i;
    while (j < max && isWordCode(text.charCodeAt(j))) j++;
    const word = candidateWord(text, i, j);
    if (word && (BRAND_WORDS.has(word) || (adjacent && WORDS_AFTER.has(word)))) return true;
    adjacent = false;
    i = j;
  }
  return false;
}

/** Characters that end a URL or e-mail token (white space, X12 delimiters, quotes, brackets). */
function endsToken(c: number): boolean {
  // \s, ~ * , ; " ' < > ( ) [ ]
  return (
    c <= 32 ||
    c === 0xa0 ||
    c === 0x3000 ||
    c === 126 ||
    c === 42 ||
    c === 44 ||
    c === 59 ||
    c === 34 ||
    c === 39 ||
    c === 60 ||
    c === 62 ||
    c === 40 ||
    c === 41 ||
    c === 91 ||
    c === 93
  );
}

/** True when the candidate sits in a URL, an e-mail address or a data: URL's payload. */
export function inAddress(text: string, start: number, end: number): boolean {
  const prev = start > 0 ? text.charCodeAt(start - 1) : 32;
  const next = text.charCodeAt(end);
  // Fast path: white space or a bracket before, and no "@" or "." after, is no address.
  if (endsToken(prev) && next !== 64 && next !== 46) return false;
  let from = start;
  const min = Math.max(0, start - TOKEN_CHARS);
  while (from > min && !endsToken(text.charCodeAt(from - 1))) from--;
  let to = end;
  const max = Math.min(text.length, end + TOKEN_CHARS);
  while (to < max && !endsToken(text.charCodeAt(to))) to++;
  const before = text.slice(from, start);
  if (/:\/\/|www\.|@|[a-z0-9-]\.[a-z]{2,}\//i.test(before)) return true;
  if (/^[\w.+-]*@[\w-]+\./.test(text.slice(end, to))) return true;
  // A data: URL's payload ("…;base64,iVBOR…D2740…") runs on without white space.
  let blob = from;
  while (blob > min && text.charCodeAt(blob - 1) > 32) blob--;
  return text.slice(blob, start).includes('base64,');
}

/** True when the candidate follows an X12 diagnosis qualifier such as `ABK:`. */
export function afterDiagnosisQualifier(text: string, start: number): boolean {
  const prev = text.charCodeAt(start - 1);
  // ':' '>' '^' '|'
  if (prev !== 58 && prev !== 62 && prev !== 94 && prev !== 124) return false;
  return DIAGNOSIS_QUALIFIER.test(text.slice(Math.max(0, start - 5), start));
}

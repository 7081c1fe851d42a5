/**
 * Context rules that tell a CDT code from a look-alike. Each rule looks only at a few characters
 * around a candidate, within its line, so a scan stays linear and a text split at a line break
 * gives the same result as the whole.
 */

/** How far the brand and standard rules look to each side, in characters. */
const CONTEXT_CHARS = 32;
/** How far back the URL and e-mail rules look within one token, in characters. */
const TOKEN_CHARS = 64;

/**
 * Brand and product words: anywhere in the window on the same line ("Sony Xperia Z3 D6603",
 * "Intel Atom D2550 board") they mean a product model. Only words with no dental meaning: "camera"
 * (intraoral camera), "model" (study models), "processor" (claims processor) are left out.
 */
const BRAND_WORDS =
  /\b(?:nikon|canon|sony|xperia|fujifilm|pentax|olympus|panasonic|lumix|dslr|mirrorless|megapixels?|intel|atom|pentium|celeron|xeon|amd|chipset|motherboard|samsung|galaxy|nokia|motorola|huawei|xiaomi|oneplus|smartphone|handset|dell|lenovo|toshiba|asus|acer|d-link|netgear|firmware|toner|ricoh|kyocera|konica)\b/i;

/**
 * Standard and dose words: only right next to the token ("ASTM D2240", "D1000 IU") do they mean a
 * test method or a vitamin D dose.
 */
const ADJACENT_WORDS = /^(?:astm|iso|din|ansi|sae|vitamin|vit|iu|mcg|ug)$/i;

/** X12 qualifiers that mark a diagnosis (ICD) value, written without its dot in EDI. */
const DIAGNOSIS_QUALIFIER = /(?:^|[^A-Za-z0-9])(?:AB[A-Z]|APR|B[A-Z]|PR|DR)[:>^|]$/;

/** Characters of a line break: context never crosses one. */
function isLineBreak(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

/** Start of the window of up to `size` characters before `pos` on the same line. */
function windowStart(text: string, pos: number, size: number): number {
  const min = Math.max(0, pos - size);
  let i = pos;
  while (i > min && !isLineBreak(text.charCodeAt(i - 1))) i--;
  return i;
}

/** End of the window of up to `size` characters from `pos` on the same line. */
function windowEnd(text: string, pos: number, size: number): number {
  const max = Math.min(text.length, pos + size);
  let i = pos;
  while (i < max && !isLineBreak(text.charCodeAt(i))) i++;
  return i;
}

/** True when a brand, product or standard word says the candidate is something else. */
export function nearLookalikeWord(text: string, start: number, end: number): boolean {
  const before = text.slice(windowStart(text, start, CONTEXT_CHARS), start);
  const after = text.slice(end, windowEnd(text, end, CONTEXT_CHARS));
  if (BRAND_WORDS.test(before) || BRAND_WORDS.test(after)) return true;
  const prev = /([\p{L}]+)[^\p{L}\p{N}]{0,3}$/u.exec(before)?.[1] ?? '';
  const next = /^[^\p{L}\p{N}]{0,3}([\p{L}]+)/u.exec(after)?.[1] ?? '';
  return ADJACENT_WORDS.test(prev) || ADJACENT_WORDS.test(next);
}

/** Characters that end a URL or e-mail token (white space, X12 delimiters, quotes, brackets). */
const TOKEN_END = /[\s~*,;"'<>()[\]]/;

/** True when the candidate sits in a URL or an e-mail address. */
export function inAddress(text: string, start: number, end: number): boolean {
  let from = start;
  const min = Math.max(0, start - TOKEN_CHARS);
  while (from > min && !TOKEN_END.test(text[from - 1]!)) from--;
  let to = end;
  const max = Math.min(text.length, end + TOKEN_CHARS);
  while (to < max && !TOKEN_END.test(text[to]!)) to++;
  const before = text.slice(from, start);
  const after = text.slice(end, to);
  return /:\/\/|www\.|@|[a-z0-9-]\.[a-z]{2,}\//i.test(before) || /^[\w.+-]*@[\w-]+\./.test(after);
}

/** True when the candidate follows an X12 diagnosis qualifier such as `ABK:`. */
export function afterDiagnosisQualifier(text: string, start: number): boolean {
  return DIAGNOSIS_QUALIFIER.test(text.slice(Math.max(0, start - 5), start));
}

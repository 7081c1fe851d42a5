/**
 * The content script's part of the PDF viewer: taking over clicks on PDF links when the user chose
 * so, and fetching a linked PDF for the viewer as the page itself would (same origin, its cookies),
 * so the extension needs no host permission to read it.
 */
import { SETTING_DEFS } from '../setting-defs';
import { readSettings, watchSettings } from './page-settings';
import { isPdfUrl } from '../viewer-link';

/** Largest PDF handed to the viewer through messaging: its base64 must fit Chrome's 64 MiB message. */
export const MAX_PDF_BYTES = 40 * 1024 * 1024;

/**
 * The PDF address a click should open in the viewer, or undefined: only plain left clicks on links
 * to `.pdf` files; modified clicks, downloads and other links stay the browser's.
 */
export function pdfLinkOfClick(e: MouseEvent): string | undefined {
  if (e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey)
    return undefined;
  const link = e
    .composedPath()
    .find((el): el is HTMLAnchorElement => (el as Element).localName === 'a' && 'href' in el);
  if (!link || link.hasAttribute('download')) return undefined;
  return isPdfUrl(link.href) ? link.href : undefined;
}

/** While the takeover setting is on, clicks on PDF links call `open` instead of navigating. */
export async function takeOverPdfLinks(
  doc: Document,
  open: (url: string) => void,
  signal: AbortSignal,
): Promise<void> {
  const takeover = { pdfTakeover: SETTING_DEFS.pdfTakeover };
  let on = (await readSettings(takeover)).pdfTakeover;
  const unwatch = watchSettings(takeover, (_, value) => (on = value));
  signal.addEventListener('abort', unwatch, { once: true });
  doc.addEventListener(
    'click',
    (e) => {
      const url = on ? pdfLinkOfClick(e) : undefined;
      if (!url) return;
      e.preventDefault();
      open(url);
    },
    { capture: true, signal },
  );
}

/** Base64 of `bytes`, in chunks (a spread of megabytes into one call overflows the stack). */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(out);
}

/** Bytes of base64 text (the PDF as the content script handed it over). */
export function fromBase64(text: string): Uint8Array {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Fetches the PDF at `url` as the page does and returns it as base64; throws with the reason. */
export async function fetchAsPage(url: string, fetchFn: typeof fetch = fetch): Promise<string> {
  if (!/^https?:/.test(url)) throw new Error('Only http and https files can be fetched');
  const res = await fetchFn(url, { credentials: 'include' });
  if (!res.ok) throw new Error(`The server answered ${res.status}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes.length > MAX_PDF_BYTES) throw new Error('The file is too large to hand over');
  return toBase64(bytes);
}

/**
 * Opens PDF files with pdf.js, bundled with the extension: the worker and the data pdf.js may ask
 * for (standard fonts, CMaps, decoders) are the extension's own files, so nothing is fetched from
 * anywhere else. Failures come back as a kind the viewer can explain.
 */
import {
  getDocument,
  GlobalWorkerOptions,
  type PDFDocumentProxy,
  VerbosityLevel,
} from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

/** Folder of pdf.js data inside the built extension (copied by wxt.config.ts). */
export const PDFJS_ASSETS = '/pdfjs/';

/** Why a file could not be opened. */
export type PdfFailure = 'password' | 'corrupt' | 'other';

/** A load failure with its kind. */
export class PdfLoadError extends Error {
  constructor(
    readonly kind: PdfFailure,
    message: string,
  ) {
    super(message);
  }
}

/** What the viewer says for each kind of failure. */
export const FAILURE_MESSAGES: Record<PdfFailure, string> = {
  password: 'This PDF is protected with a password, and CDT Lens cannot open protected files.',
  corrupt: 'This file is damaged or is not a PDF, so it cannot be shown.',
  other: 'This PDF could not be opened.',
};

/**
 * Opens `data` (a copy is kept by the caller: pdf.js takes the buffer). `assets` is the absolute
 * URL of the extension's pdf.js data folder.
 */
export async function openPdf(data: Uint8Array, assets: string): Promise<PDFDocumentProxy> {
  const task = getDocument({
    data,
    // Extension pages forbid eval: say so, rather than have pdf.js try and log a CSP violation.
    isEvalSupported: false,
    enableXfa: false,
    standardFontDataUrl: `${assets}standard_fonts/`,
    cMapUrl: `${assets}cmaps/`,
    cMapPacked: true,
    wasmUrl: `${assets}wasm/`,
    iccUrl: `${assets}iccs/`,
    verbosity: VerbosityLevel.ERRORS,
  });
  try {
    return await task.promise;
  } catch (err) {
    const name = (err as { name?: string } | null)?.name;
    if (name === 'PasswordException') throw new PdfLoadError('password', FAILURE_MESSAGES.password);
    if (name === 'InvalidPDFException' || name === 'FormatError')
      throw new PdfLoadError('corrupt', FAILURE_MESSAGES.corrupt);
    throw new PdfLoadError('other', `${FAILURE_MESSAGES.other} (${String(err)})`);
  }
}

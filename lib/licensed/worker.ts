/**
 * Reads a licensed file off the main thread: a 10 MB file takes about a second to parse, and the
 * options page must stay responsive meanwhile.
 */
import { codeTable } from '../cdt/code-set';
import { ImportError, readImport } from './parse';
import type { ReadRequest, ReadResult } from './client';

const isKnown = (code: string) => codeTable()[Number(code.slice(1))] !== 0;

self.onmessage = ({ data }: MessageEvent<ReadRequest>) => {
  let result: ReadResult;
  try {
    result = { ok: true, preview: readImport(new Uint8Array(data.bytes), isKnown, data.columns) };
  } catch (e) {
    result = {
      ok: false,
      error: e instanceof ImportError ? e.message : `The file could not be read (${String(e)}).`,
    };
  }
  self.postMessage(result);
};

/** Reads a licensed file in a worker (lib/licensed/worker.ts) and answers with its preview. */
import type { Columns, ImportPreview } from './parse';

export interface ReadRequest {
  bytes: ArrayBuffer;
  columns?: Omit<Columns, 'header'>;
}
export type ReadResult = { ok: true; preview: ImportPreview } | { ok: false; error: string };

/** Parses `bytes` off the main thread; columns are detected unless given. */
export function readInWorker(bytes: ArrayBuffer, columns?: ReadRequest['columns']) {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  return new Promise<ReadResult>((resolve) => {
    worker.onmessage = ({ data }: MessageEvent<ReadResult>) => resolve(data);
    worker.onerror = (e) =>
      resolve({ ok: false, error: `The file could not be read (${e.message}).` });
    const request: ReadRequest = { bytes: bytes.slice(0), ...(columns && { columns }) };
    worker.postMessage(request, [request.bytes]);
  }).finally(() => worker.terminate());
}

import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { findCodes } from '../../lib/detect/index';
import { countCodes } from '../../lib/page-codes';
import { detectAcrossRuns, joinRuns } from '../../lib/page/runs';
import { fromBase64, MAX_PDF_BYTES, toBase64 } from '../../lib/page/pdf-links';
import { pdfTakeoverSetting } from '../../lib/settings';
import { fileNameOf, isPdfUrl, PDF_URL_PATTERNS, viewerPath } from '../../lib/viewer-link';

/** The text of each run's matches, run by run. */
const parts = (runs: string[], breaks?: Set<number>) =>
  detectAcrossRuns(runs, findCodes, breaks).map((ms, i) =>
    ms.map((m) => `${runs[i]!.slice(m.start, m.end)}${m.continued ? '+' : ''}=${m.code}`),
  );

describe('detection across the runs of a PDF text layer', () => {
  it.each<[string, string[], string[][]]>([
    ['a code in a run of its own', ['D2740'], [['D2740=D2740']]],
    ['a code split over two runs', ['D27', '40'], [['D27=D2740'], ['40+=D2740']]],
    [
      'a code split over three runs',
      ['D', '27', '40'],
      [['D=D2740'], ['27+=D2740'], ['40+=D2740']],
    ],
    [
      'table cells without spaces between them',
      ['03/02/26', 'D0120', 'Periodic exam', '48.00'],
      [[], ['D0120=D0120'], [], []],
    ],
    [
      'a code glued to the words around it',
      ['alternate benefit paidD2391per plan limits'],
      [['D2391=D2391']],
    ],
    ['two codes glued in one run', ['D0120D0274'], [['D0120=D0120', 'D0274=D0274']]],
    ['no code at all', ['Crown service', '1250.00'], [[], []]],
  ])('%s', (_what, runs, expected) => {
    expect(parts(runs)).toEqual(expected);
  });

  it('does not join runs across a line break', () => {
    // "D27" ends a line and "40" starts the next: two numbers, no code.
    expect(parts(['Ref D27', '40 units'], new Set([0]))).toEqual([[], []]);
    expect(parts(['Ref D27', '40 units'])).toEqual([['D27=D2740'], ['40+=D2740']]);
  });

  it('counts a split code once', () => {
    const matches = detectAcrossRuns(['D27', '40', ' and D2740'], findCodes).flat();
    expect(matches).toHaveLength(3);
    expect(countCodes(matches)).toEqual({ D2740: 2 });
  });

  it('joins runs with a newline after each run that ends a line', () => {
    expect(joinRuns(['a', 'b', 'c'], new Set([1]))).toEqual({ text: 'ab\nc', starts: [0, 1, 3] });
  });
});

describe('PDF links and the viewer address', () => {
  it.each([
    ['https://portal.example.com/eob/2026-000417.pdf', true],
    ['http://127.0.0.1:5177/docs/Fee%20Schedule.PDF?download=1#page=2', true],
    ['https://portal.example.com/eob.pdf.html', false],
    ['file:///home/me/eob.pdf', false],
    ['javascript:alert(1)//.pdf', false],
    ['not a url', false],
  ])('%s is a PDF link: %s', (url, expected) => {
    expect(isPdfUrl(url)).toBe(expected);
  });

  it('carries the file, tab and frame in the viewer address', () => {
    expect(viewerPath()).toBe('/viewer.html');
    const path = viewerPath({ url: 'https://x.example/a b.pdf?x=1&y=2', tabId: 7, frameId: 0 });
    const q = new URLSearchParams(path.split('?')[1]);
    expect(path.startsWith('/viewer.html?')).toBe(true);
    expect([q.get('file'), q.get('tab'), q.get('frame')]).toEqual([
      'https://x.example/a b.pdf?x=1&y=2',
      '7',
      '0',
    ]);
    expect(
      new URLSearchParams(viewerPath({ url: 'https://x/a.pdf', tabId: -1 }).split('?')[1]).has(
        'tab',
      ),
    ).toBe(false);
  });

  it.each([
    ['https://x.example/eob/Fee%20Schedule%202026.pdf?v=1', 'Fee Schedule 2026.pdf'],
    ['https://x.example/broken%E0%A4%A.pdf', 'broken%E0%A4%A.pdf'],
    ['https://x.example/', 'document.pdf'],
  ])('names %s as %s', (url, name) => {
    expect(fileNameOf(url)).toBe(name);
  });

  it('menu patterns are valid match patterns for http and https PDF paths', () => {
    for (const p of PDF_URL_PATTERNS)
      expect(p).toMatch(/^https?:\/\/\*\/\*\.(pdf|PDF)(\?\*|#\*)?$/);
  });
});

describe('the takeover setting', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is off until the user turns it on', async () => {
    expect(await pdfTakeoverSetting.get()).toBe(false);
    await pdfTakeoverSetting.set(true);
    expect(await pdfTakeoverSetting.get()).toBe(true);
  });
});

describe('handing a PDF over as base64', () => {
  it('round-trips bytes, including large files in chunks', () => {
    const bytes = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 131) % 256);
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
    expect(toBase64(new Uint8Array([37, 80, 68, 70]))).toBe('JVBERg==');
    expect(MAX_PDF_BYTES).toBeLessThan(64 * 1024 * 1024 * 0.75);
  });
});

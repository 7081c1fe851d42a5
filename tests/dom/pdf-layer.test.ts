import { describe, expect, it, vi } from 'vitest';
import { findCodes } from '../../lib/detect/index';
import { layerDetector, layerRuns, spanOf } from '../../lib/page/runs';
import { pdfLinkOfClick } from '../../lib/page/pdf-links';

/** A pdf.js-like text layer: one span per run, `<br>` where a line ends. */
function layer(html: string): HTMLElement {
  document.body.innerHTML = `<p>Outside D0120</p><div class="textLayer">${html}</div>`;
  return document.querySelector('.textLayer')!;
}
const textOf = (el: Element, s: string) =>
  [...el.querySelectorAll('span')].find((x) => x.textContent === s)!.firstChild as Text;

describe('the PDF text layer detector', () => {
  it('gives each span its part of codes found over the whole layer', () => {
    const el = layer(
      '<span>03/02/26</span><span>D27</span><span>40</span><span>Crown service</span><br><span>D4910</span>',
    );
    const onScanned = vi.fn();
    const detect = layerDetector(
      findCodes,
      (n) => n.parentElement!.closest('.textLayer'),
      onScanned,
    );
    expect(detect(textOf(el, 'D27'))).toMatchObject([{ code: 'D2740', start: 0, end: 3 }]);
    expect(detect(textOf(el, '40'))).toMatchObject([
      { code: 'D2740', start: 0, end: 2, continued: true },
    ]);
    expect(detect(textOf(el, 'Crown service'))).toEqual([]);
    expect(onScanned).not.toHaveBeenCalled();
    expect(detect(textOf(el, 'D4910'))).toMatchObject([{ code: 'D4910', start: 0, end: 5 }]);
    expect(onScanned).toHaveBeenCalledWith(el);
    // Text outside a layer is left to the ordinary per-node scan.
    expect(detect(document.querySelector('p')!.firstChild as Text)).toBeUndefined();
  });

  it('maps offsets of the joined text back to a range across spans', () => {
    const el = layer('<span>Crown ser</span><span>vice</span><br><span>Filling</span>');
    const { nodes, breaks } = layerRuns(el);
    expect(breaks).toEqual(new Set([1]));
    const span = spanOf(nodes, [0, 9, 14], 0, 13);
    expect([
      span.startContainer.data,
      span.startOffset,
      span.endContainer.data,
      span.endOffset,
    ]).toEqual(['Crown ser', 0, 'vice', 4]);
  });
});

describe('taking over clicks on PDF links', () => {
  const click = (html: string, init: MouseEventInit = {}) => {
    document.body.innerHTML = html;
    let url: string | undefined;
    document.addEventListener('click', (e) => (url = pdfLinkOfClick(e)), { once: true });
    document
      .querySelector('#t')!
      .dispatchEvent(
        new MouseEvent('click', { bubbles: true, composed: true, button: 0, ...init }),
      );
    return url;
  };

  it('takes plain clicks on links to PDF files, also on an element inside the link', () => {
    expect(click('<a id="t" href="https://portal.example/eob.pdf">EOB</a>')).toBe(
      'https://portal.example/eob.pdf',
    );
    expect(click('<a href="https://portal.example/Fees.PDF?v=2"><b id="t">Fees</b></a>')).toBe(
      'https://portal.example/Fees.PDF?v=2',
    );
  });

  it.each<[string, string, MouseEventInit]>([
    ['another file', '<a id="t" href="https://portal.example/claims.html">Claims</a>', {}],
    ['a download link', '<a id="t" download href="https://portal.example/eob.pdf">EOB</a>', {}],
    [
      'a Ctrl+click (new tab)',
      '<a id="t" href="https://portal.example/eob.pdf">EOB</a>',
      { ctrlKey: true },
    ],
    ['a middle click', '<a id="t" href="https://portal.example/eob.pdf">EOB</a>', { button: 1 }],
  ])('leaves %s to the browser', (_what, html, init) => {
    expect(click(html, init)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { findCodes } from '../../lib/detect/index';
import { CARD_HOST_TAG } from '../../lib/page/card-host';
import { type MatchIndex, scan, textNodes } from '../../lib/page/scanner';

function page(html: string): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = html;
  document.body.replaceChildren(root);
  return root;
}

describe('scanner', () => {
  it('walks page text, skipping scripts, styles, form fields and our own card', () => {
    const root = page(`
      <p>D0120</p><script>var s = "D1110"</script><style>.D2740{}</style>
      <textarea>D2391</textarea><${CARD_HOST_TAG}>D4910</${CARD_HOST_TAG}><span>D0150</span>`);
    const texts = [...textNodes(root)].map((t) => t.data.trim()).filter(Boolean);
    expect(texts).toEqual(['D0120', 'D0150']);
  });

  it('enters open shadow roots', () => {
    const root = page('<p>D0120</p><div id="host"></div>');
    const shadow = root.querySelector('#host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<b>D1110</b>';
    expect([...textNodes(root)].map((t) => t.data)).toContain('D1110');
  });

  it('skips editable text, walking the document or a subtree', () => {
    const root = page('<p>D0120</p><div contenteditable="true"><p>D1110</p></div><p>D0150</p>');
    const texts = (from: Node) => [...textNodes(from)].map((t) => t.data.trim()).filter(Boolean);
    expect(texts(document)).toEqual(['D0120', 'D0150']);
    expect(texts(root)).toEqual(['D0120', 'D0150']);
    expect(texts(root.querySelector('[contenteditable] p')!)).toEqual([]);
  });

  it('walks shadow roots after the tree that holds them, nested ones first', () => {
    const root = page('<p>a</p><div id="one"></div><div id="two"></div><p>b</p>');
    const one = root.querySelector('#one')!.attachShadow({ mode: 'open' });
    one.innerHTML = '<i>one</i><span id="inner"></span>';
    one.querySelector('#inner')!.attachShadow({ mode: 'open' }).innerHTML = '<b>inner</b>';
    root.querySelector('#two')!.attachShadow({ mode: 'open' }).innerHTML = '<b>two</b>';
    expect([...textNodes(root)].map((t) => t.data)).toEqual(['a', 'b', 'one', 'inner', 'two']);
  });

  it('records matches per text node and reports nodes that lose their codes', async () => {
    const root = page('<p>Exam D0120 and D0150</p><p>nothing here</p>');
    const index: MatchIndex = new WeakMap();
    const updates: [string, number][] = [];
    const signal = new AbortController().signal;
    await scan(root, findCodes, index, (n, m) => updates.push([n.data, m.length]), signal);
    expect(updates).toEqual([['Exam D0120 and D0150', 2]]);
    const text = root.querySelector('p')!.firstChild as Text;
    text.data = 'no codes now';
    await scan(text, findCodes, index, (n, m) => updates.push([n.data, m.length]), signal);
    expect(updates.at(-1)).toEqual(['no codes now', 0]);
    expect(index.has(text)).toBe(false);
  });
});

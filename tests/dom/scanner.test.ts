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

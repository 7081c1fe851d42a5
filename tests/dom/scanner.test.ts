import { describe, expect, it } from 'vitest';
import { findCodes } from '../../lib/detect/index';
import { CARD_HOST_TAG } from '../../lib/page/card-host';
import {
  MatchIndex,
  SHARED_TEXT_MAX,
  SHARED_TEXTS,
  scan,
  sharedDetector,
  textNodes,
} from '../../lib/page/scanner';

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

  it('tells of each open shadow root it walks, nested ones too, and never of our card', async () => {
    const root = page(`<div id="one"></div><${CARD_HOST_TAG}></${CARD_HOST_TAG}>`);
    const one = root.querySelector('#one')!.attachShadow({ mode: 'open' });
    one.innerHTML = '<p>D0120</p><span id="inner"></span>';
    const inner = one.querySelector('#inner')!.attachShadow({ mode: 'open' });
    inner.innerHTML = '<b>D1110</b>';
    root.querySelector(CARD_HOST_TAG)!.attachShadow({ mode: 'open' }).innerHTML = '<p>D4910</p>';
    const entered: ShadowRoot[] = [];
    const index = new MatchIndex();
    await scan(document, findCodes, index, () => {}, new AbortController().signal, {
      entered: (r) => entered.push(r),
    });
    expect(entered).toEqual([one, inner]);
    expect([...index.values()].flat().map((m) => m.code)).toEqual(['D0120', 'D1110']);
  });

  it('records matches per text node and reports nodes that lose their codes', async () => {
    const root = page('<p>Exam D0120 and D0150</p><p>nothing here</p>');
    const index = new MatchIndex();
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

  it('marks no code in scripts, SVG text or editable text, in the document or a shadow root', async () => {
    const root = page(`
      <p>D0120</p><script>var s = "D1110"</script><svg><text>D2740</text></svg>
      <div id="host"></div>`);
    // No editable element in the document's own tree: the shadow root's is found all the same.
    const shadow = root.querySelector('#host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>D0150</p><p contenteditable="true">D4910</p>';
    const index = new MatchIndex();
    await scan(document, findCodes, index, () => {}, new AbortController().signal);
    expect([...index.values()].flat().map((m) => m.code)).toEqual(['D0120', 'D0150']);
  });

  it('never reports a code in editable text, not even before it has looked at the rest', async () => {
    page(`
      <p>D0120</p><div contenteditable="true"><p>D1110 <b contenteditable="false">D2740</b></p></div>
      <p contenteditable="false">D0150</p>`);
    const updates: [string, number][] = [];
    const index = new MatchIndex();
    await scan(
      document,
      findCodes,
      index,
      (n, m) => updates.push([n.data.trim(), m.length]),
      new AbortController().signal,
    );
    // A non-editable island inside the editor is page text again.
    expect(updates).toEqual([
      ['D0120', 1],
      ['D2740', 1],
      ['D0150', 1],
    ]);
  });

  it('counts how many nodes hold each list of matches, as nodes come, change and go', () => {
    const index = new MatchIndex();
    const [a, b, c] = ['D0120', 'D1110', 'D2740'].map((t) => document.createTextNode(t));
    const one = findCodes('D0120');
    const two = findCodes('D1110 D2740');
    index.set(a!, one).set(b!, one).set(c!, two);
    expect([...index.lists]).toEqual([
      [one, 2],
      [two, 1],
    ]);
    index.set(b!, two);
    expect([...index.lists]).toEqual([
      [one, 1],
      [two, 2],
    ]);
    expect(index.delete(a!)).toBe(true);
    expect(index.delete(a!)).toBe(false);
    expect([...index.lists]).toEqual([[two, 2]]);
    index.clear();
    expect(index.lists.size).toBe(0);
  });

  it('does not read a long script for codes at all', async () => {
    page(`<script>${'var x = "D0120";'.repeat(200)}</script><p>D0150</p>`);
    const read: number[] = [];
    const detect = (text: string) => (read.push(text.length), findCodes(text));
    const index = new MatchIndex();
    const stats = await scan(document, detect, index, () => {}, new AbortController().signal);
    expect(read.every((n) => n < 2000)).toBe(true);
    expect([...index.values()].flat().map((m) => m.code)).toEqual(['D0150']);
    expect(stats.textMs).toBeGreaterThan(0);
  });

  it('shares one list of matches between nodes of the same short text', async () => {
    page('<p>D0120</p><p>D0120</p><p>Bundled with D1110</p><p>Bundled with D1110</p>');
    let calls = 0;
    const detect = sharedDetector((text) => (calls++, findCodes(text)));
    const index = new MatchIndex();
    await scan(document, detect, index, () => {}, new AbortController().signal);
    const lists = [...index.values()];
    expect(lists).toHaveLength(4);
    expect(lists[0]).toBe(lists[1]);
    expect(lists[2]).toBe(lists[3]);
    expect(calls).toBe(2);
  });

  it('detects long texts anew and forgets what it saw past its limit', () => {
    let calls = 0;
    const detect = sharedDetector((text) => (calls++, findCodes(text)));
    const long = `D0120 ${'x'.repeat(SHARED_TEXT_MAX)}`;
    detect(long);
    detect(long);
    expect(calls).toBe(2);
    for (let i = 0; i <= SHARED_TEXTS; i++) detect(`D0120 #${i}`);
    calls = 0;
    detect('D0120 #0');
    expect(calls).toBe(1);
  });
});

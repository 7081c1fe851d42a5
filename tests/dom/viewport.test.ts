import { describe, expect, it, vi } from 'vitest';
import {
  FIRST_GUESS,
  OBSERVE_PER_FRAME,
  ROWS_PER_GROUP,
  createViewportGate,
} from '../../lib/page/viewport';

/** Resolves after the next animation frame (when the gate hands queued elements to the observer). */
const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));

/** An IntersectionObserver that never answers by itself: the test calls `deliver`. */
class FakeObserver {
  static last: FakeObserver | undefined;
  observed = new Set<Element>();
  constructor(readonly cb: (entries: object[]) => void) {
    FakeObserver.last = this;
  }
  observe(el: Element) {
    this.observed.add(el);
  }
  unobserve(el: Element) {
    this.observed.delete(el);
  }
  disconnect() {
    this.observed.clear();
  }
  /** Answers for `el`, laid out `top` px from the viewport's top (600 px tall, one screen of margin). */
  deliver(el: Element, isIntersecting: boolean, top = isIntersecting ? 10 : 5000) {
    this.cb([
      {
        target: el,
        isIntersecting,
        boundingClientRect: { top, bottom: top + 20, width: 100, height: 20 },
        rootBounds: { top: -600, bottom: 1200 },
      },
    ]);
  }
}

/** Text nodes in elements laid out `top` px from the viewport's top, 600 px tall viewport. */
function texts(tops: number[]): Text[] {
  document.body.replaceChildren();
  return tops.map((top) => {
    const el = document.createElement('p');
    el.textContent = 'D0120';
    el.getBoundingClientRect = () => ({ top, bottom: top + 20, left: 0, right: 100 }) as DOMRect;
    document.body.append(el);
    return el.firstChild as Text;
  });
}

function gate() {
  const win = Object.assign(Object.create(window) as Window & typeof globalThis, {
    IntersectionObserver: FakeObserver,
    innerHeight: 600,
    innerWidth: 800,
  });
  const shown = new Set<Text>();
  /** The page's index of nodes with codes, as the controller keeps it. */
  const index = new Set<Text>();
  const gate = createViewportGate(
    win,
    (n) => shown.add(n),
    (n) => shown.delete(n),
    (n) => index.has(n),
  );
  const g = {
    track(n: Text) {
      index.add(n);
      gate.track(n);
    },
    untrack(n: Text) {
      index.delete(n);
      gate.untrack(n);
    },
  };
  return { g, shown, observer: FakeObserver.last! };
}

describe('viewport gate', () => {
  it('shows the first texts at once, unmeasured, until the observer first answers', async () => {
    const { g, shown, observer } = gate();
    const nodes = texts(Array.from({ length: FIRST_GUESS + 2 }, (_, i) => 5000 + i * 20));
    const boxes = vi.spyOn(Element.prototype, 'getBoundingClientRect');
    nodes.slice(0, -1).forEach((n) => g.track(n));
    // In document order, up to FIRST_GUESS, and without asking for a box (that forces a layout).
    expect([...shown]).toEqual(nodes.slice(0, FIRST_GUESS));
    expect(boxes).not.toHaveBeenCalled();
    boxes.mockRestore();
    await frame();
    // Once the observer has answered, a new text waits for its own answer.
    observer.deliver(nodes[0]!.parentElement!, false);
    expect(shown.has(nodes[0]!)).toBe(false);
    g.track(nodes.at(-1)!);
    expect(shown.has(nodes.at(-1)!)).toBe(false);
  });

  it('lets the observer hide what was shown unmeasured', async () => {
    const { g, shown, observer } = gate();
    const [node] = texts([10]);
    g.track(node!);
    expect(shown.has(node!)).toBe(true);
    await frame();
    observer.deliver(node!.parentElement!, false);
    expect(shown.has(node!)).toBe(false);
    expect(observer.observed.has(node!.parentElement!)).toBe(true);
    g.untrack(node!);
    expect(observer.observed.size).toBe(0);
  });

  it('observes a table row once for the codes of all its cells', async () => {
    const { g, shown, observer } = gate();
    document.body.innerHTML =
      '<table><tbody><tr><td>D0120</td><td>x</td><td>Bundled with D1110</td></tr></tbody></table>';
    const row = document.querySelector('tr')!;
    const [a, , b] = [...row.cells].map((c) => c.firstChild as Text);
    g.track(a!);
    g.track(b!);
    await frame();
    expect([...observer.observed]).toEqual([row]);
    observer.deliver(row, true);
    expect([...shown]).toEqual([a, b]);
    observer.deliver(row, false);
    expect(shown.size).toBe(0);
    // One cell loses its code: the row stays observed for the other, and goes with the last.
    g.untrack(a!);
    expect([...observer.observed]).toEqual([row]);
    g.untrack(b!);
    expect(observer.observed.size).toBe(0);
  });

  it('forgets a text the page replaced once its element is seen again', () => {
    const { g, shown, observer } = gate();
    const [node] = texts([5000]);
    const el = node!.parentElement!;
    g.track(node!);
    // The page replaces the text: the controller drops the old node from its index.
    const fresh = document.createTextNode('D0150');
    el.replaceChildren(fresh);
    g.untrack(node!);
    g.track(fresh);
    observer.deliver(el, true);
    expect([...shown]).toEqual([fresh]);
  });

  it("hands elements to the observer a frame's worth at a time", async () => {
    const { g, observer } = gate();
    texts(Array.from({ length: OBSERVE_PER_FRAME + 10 }, (_, i) => 5000 + i)).forEach((n) =>
      g.track(n),
    );
    expect(observer.observed.size).toBe(0);
    await frame();
    expect(observer.observed.size).toBe(OBSERVE_PER_FRAME);
    await frame();
    expect(observer.observed.size).toBe(OBSERVE_PER_FRAME + 10);
  });

  /** A table of `n` rows, each with a code in its first cell; returns rows and their text nodes. */
  function table(n: number, height = 5) {
    document.body.innerHTML = `<table><tbody>${'<tr><td>D0120</td><td>x</td></tr>'.repeat(n)}</tbody></table>`;
    const rows = [...document.querySelectorAll('tr')];
    // Laid out well below the viewport; `height` px each (short rows: a whole group fits in half
    // the 600 px screen).
    rows.forEach((r, i) => {
      r.getBoundingClientRect = () =>
        ({ top: 5000 + i * height, bottom: 5000 + (i + 1) * height }) as DOMRect;
    });
    return { rows, nodes: rows.map((r) => r.cells[0]!.firstChild as Text) };
  }

  /**
   * The observer's first answer, about an element the gate does not track: from then on nothing is
   * shown before the observer has answered for it.
   */
  const firstAnswer = (observer: FakeObserver) =>
    observer.deliver(document.createElement('p'), false);

  it('observes only the first and last row of each group of rows', async () => {
    const { g, observer } = gate();
    const { rows, nodes } = table(2 * ROWS_PER_GROUP + 6);
    nodes.forEach((n) => g.track(n));
    await frame();
    const ends = [
      0,
      ROWS_PER_GROUP - 1,
      ROWS_PER_GROUP,
      2 * ROWS_PER_GROUP - 1,
      2 * ROWS_PER_GROUP,
    ];
    expect([...observer.observed]).toEqual([...ends, rows.length - 1].map((i) => rows[i]));
  });

  it('shows a group whose ends lie on either side of the viewport, and hides it when both are off', async () => {
    const { g, shown, observer } = gate();
    firstAnswer(observer);
    const { rows, nodes } = table(ROWS_PER_GROUP);
    nodes.forEach((n) => g.track(n));
    await frame();
    const [first, last] = [rows[0]!, rows.at(-1)!];
    observer.deliver(first, false, -5000);
    expect(shown.size).toBe(0);
    observer.deliver(last, false, 5000);
    // Tall rows: the viewport lies between the group's ends, so every row of it is shown.
    expect(shown.size).toBe(ROWS_PER_GROUP);
    observer.deliver(first, false, 3000);
    expect(shown.size).toBe(0);
    observer.deliver(last, true);
    expect(shown.size).toBe(ROWS_PER_GROUP);
  });

  it('takes a moved row out of its group, and regroups the rest when an end goes', async () => {
    const { g, shown, observer } = gate();
    firstAnswer(observer);
    const { rows, nodes } = table(ROWS_PER_GROUP);
    nodes.forEach((n) => g.track(n));
    await frame();
    // The page sorts the table: a middle row found again is observed on its own from now on.
    rows[0]!.parentElement!.prepend(rows[5]!);
    g.track(nodes[5]!);
    await frame();
    expect(observer.observed.has(rows[5]!)).toBe(true);
    observer.deliver(rows[5]!, true);
    expect([...shown]).toEqual([nodes[5]]);
    // The first row loses its code: the others become a group with new ends.
    g.untrack(nodes[0]!);
    rows[0]!.cells[0]!.textContent = 'none';
    await frame();
    expect(observer.observed.has(rows[0]!)).toBe(false);
    expect(observer.observed.has(rows[1]!)).toBe(true);
    expect(observer.observed.has(rows.at(-1)!)).toBe(true);
  });

  it("halves a group of tall rows until each part fits in the observer's margin", async () => {
    const { g, observer } = gate();
    // 8 rows of 300 px: 2,400 px, more than FITTED_SCREENS of the 600 px screen; halves of 1,200.
    const { rows, nodes } = table(8, 300);
    nodes.forEach((n) => g.track(n));
    await frame();
    expect([...observer.observed]).toEqual([0, 3, 4, 7].map((i) => rows[i]));
    const { g: g2, observer: o2 } = gate();
    const short = table(8, 100);
    short.nodes.forEach((n) => g2.track(n));
    await frame();
    expect([...o2.observed]).toEqual([short.rows[0], short.rows[7]]);
  });
});

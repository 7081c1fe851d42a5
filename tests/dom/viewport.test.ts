import { describe, expect, it } from 'vitest';
import { EAGER_BELOW_RUN, createViewportGate } from '../../lib/page/viewport';

/** An IntersectionObserver that never answers by itself: the test calls `deliver`. */
class FakeObserver {
  static last: FakeObserver | undefined;
  observed = new Set<Element>();
  constructor(readonly cb: (entries: { target: Element; isIntersecting: boolean }[]) => void) {
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
  deliver(el: Element, isIntersecting: boolean) {
    this.cb([{ target: el, isIntersecting }]);
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
  it('shows the first texts near the viewport at once, before the observer answers', () => {
    const { g, shown } = gate();
    const nodes = texts([10, 300, 1000, 5000]);
    nodes.forEach((n) => g.track(n));
    // Within a screen above or below the 600 px viewport: shown; further down: left to the observer.
    expect([...shown]).toEqual(nodes.slice(0, 3));
  });

  it('stops measuring once texts keep lying below, and the observer decides from then on', () => {
    const { g, shown, observer } = gate();
    const below = Array.from({ length: EAGER_BELOW_RUN }, (_, i) => 5000 + i * 20);
    const nodes = texts([...below, 10]);
    nodes.forEach((n) => g.track(n));
    expect(shown.size).toBe(0);
    observer.deliver(nodes.at(-1)!.parentElement!, true);
    expect([...shown]).toEqual([nodes.at(-1)]);
  });

  it('lets the observer hide what the first measure showed', () => {
    const { g, shown, observer } = gate();
    const [node] = texts([10]);
    g.track(node!);
    expect(shown.has(node!)).toBe(true);
    observer.deliver(node!.parentElement!, false);
    expect(shown.has(node!)).toBe(false);
    expect(observer.observed.has(node!.parentElement!)).toBe(true);
    g.untrack(node!);
    expect(observer.observed.size).toBe(0);
  });

  it('observes a table row once for the codes of all its cells', () => {
    const { g, shown, observer } = gate();
    document.body.innerHTML =
      '<table><tbody><tr><td>D0120</td><td>x</td><td>Bundled with D1110</td></tr></tbody></table>';
    const row = document.querySelector('tr')!;
    const [a, , b] = [...row.cells].map((c) => c.firstChild as Text);
    g.track(a!);
    g.track(b!);
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
});

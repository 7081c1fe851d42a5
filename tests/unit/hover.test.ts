import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHoverController, HIDE_GRACE_MS, HOVER_DWELL_MS } from '../../lib/page/hover';

function setup() {
  const events: string[] = [];
  const hover = createHoverController<string>({
    key: (t) => t,
    open: (t) => events.push(`open ${t}`),
    close: () => events.push('close'),
  });
  return { events, hover };
}

describe('hover controller', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('opens only after the dwell', () => {
    const { events, hover } = setup();
    hover.pointerAt('D0120');
    vi.advanceTimersByTime(HOVER_DWELL_MS - 1);
    expect(events).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(events).toEqual(['open D0120']);
  });

  it('does not flash cards when the pointer sweeps across codes', () => {
    const { events, hover } = setup();
    for (const code of ['D0120', 'D0140', 'D0150', 'D0210']) {
      hover.pointerAt(code);
      vi.advanceTimersByTime(HOVER_DWELL_MS / 3);
    }
    hover.pointerAt(undefined);
    vi.advanceTimersByTime(HOVER_DWELL_MS * 4);
    expect(events).toEqual([]);
  });

  it('stays open while the pointer travels into the card, closes after the grace', () => {
    const { events, hover } = setup();
    hover.pointerAt('D0120');
    vi.advanceTimersByTime(HOVER_DWELL_MS);
    hover.pointerAt(undefined);
    vi.advanceTimersByTime(HIDE_GRACE_MS - 10);
    hover.pointerInCard(true);
    vi.advanceTimersByTime(HIDE_GRACE_MS * 3);
    expect(events).toEqual(['open D0120']);
    hover.pointerInCard(false);
    vi.advanceTimersByTime(HIDE_GRACE_MS);
    expect(events).toEqual(['open D0120', 'close']);
  });

  it('keeps a pinned card open until dismissed', () => {
    const { events, hover } = setup();
    hover.pointerAt('D0120');
    vi.advanceTimersByTime(HOVER_DWELL_MS);
    hover.setPinned(true);
    hover.pointerAt(undefined);
    hover.pointerAt('D0140');
    vi.advanceTimersByTime(HIDE_GRACE_MS * 5);
    expect(events).toEqual(['open D0120']);
    hover.dismiss();
    expect(events).toEqual(['open D0120', 'close']);
  });

  it('opens hover cards again after a pinned lookup card (opened without a hover) is dismissed', () => {
    const { events, hover } = setup();
    hover.setPinned(true);
    hover.dismiss();
    hover.pointerAt('D0120');
    vi.advanceTimersByTime(HOVER_DWELL_MS);
    expect(events).toEqual(['open D0120']);
  });

  it('shows a card at once for a frame, released when its pointer leaves unless held', () => {
    const { events, hover } = setup();
    hover.show('D0120');
    expect(events).toEqual(['open D0120']);
    hover.pointerInCard(true);
    hover.release();
    expect(events).toEqual(['open D0120']);
    hover.pointerInCard(false);
    vi.advanceTimersByTime(HIDE_GRACE_MS);
    expect(events).toEqual(['open D0120', 'close']);
    hover.show('D0140');
    hover.setPinned(true);
    hover.release();
    expect(events).toEqual(['open D0120', 'close', 'open D0140']);
    hover.setPinned(false);
    hover.release();
    expect(events).toEqual(['open D0120', 'close', 'open D0140', 'close']);
  });

  it('does not reopen a dismissed card while the pointer stays on its code', () => {
    const { events, hover } = setup();
    hover.pointerAt('D0120');
    vi.advanceTimersByTime(HOVER_DWELL_MS);
    hover.dismiss();
    hover.pointerAt('D0120');
    vi.advanceTimersByTime(HOVER_DWELL_MS * 4);
    expect(events).toEqual(['open D0120', 'close']);
    hover.pointerAt(undefined);
    hover.pointerAt('D0120');
    vi.advanceTimersByTime(HOVER_DWELL_MS);
    expect(events).toEqual(['open D0120', 'close', 'open D0120']);
  });
});

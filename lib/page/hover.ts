/**
 * Hover timing: when a card opens for the code under the pointer, and when it closes. Pure state
 * over timers, so the rules (WCAG 1.4.13: hoverable, dismissible, persistent) are testable.
 */

/** Dwell before a card opens: sweeping across a table must not flash cards, yet it must feel instant. */
export const HOVER_DWELL_MS = 250;
/** Grace before a card closes after the pointer leaves: time to travel from the code into the card. */
export const HIDE_GRACE_MS = 400;

/** What the hover controller needs from the page side. */
export interface HoverTarget<T> {
  /** Identity of the thing under the pointer; equal keys mean the same code occurrence. */
  key(target: T): string;
  open(target: T): void;
  close(): void;
}

/** Hover state machine for one page. */
export interface HoverController<T> {
  /** The pointer is over `target` (a code), or over nothing (undefined). */
  pointerAt(target: T | undefined): void;
  /** The pointer entered or left the card itself. */
  pointerInCard(inside: boolean): void;
  /** Pin keeps the card open until Escape or close. */
  setPinned(pinned: boolean): void;
  /** Escape, scroll away, close button: closes now. */
  dismiss(): void;
  /** Opens a card for `target` now, as if the pointer had dwelt on it (a frame's card). */
  show(target: T): void;
  /** Closes the card unless the pointer is in it or it is pinned (its frame's pointer left). */
  release(): void;
  dispose(): void;
}

/** Creates the hover controller; `dwellMs` reads the user's setting at each hover. */
export function createHoverController<T>(
  target: HoverTarget<T>,
  dwellMs: () => number = () => HOVER_DWELL_MS,
  graceMs: number = HIDE_GRACE_MS,
): HoverController<T> {
  let openKey: string | undefined;
  let pendingKey: string | undefined;
  /** A code the user closed the card of: not reopened until the pointer leaves it. */
  let dismissedKey: string | undefined;
  let inCard = false;
  let pinned = false;
  let showTimer: ReturnType<typeof setTimeout> | undefined;
  let hideTimer: ReturnType<typeof setTimeout> | undefined;

  const clearShow = () => {
    clearTimeout(showTimer);
    showTimer = undefined;
    pendingKey = undefined;
  };
  const clearHide = () => {
    clearTimeout(hideTimer);
    hideTimer = undefined;
  };
  const close = () => {
    clearShow();
    clearHide();
    // A pin outlives no card, hover-opened or not (a lookup card is pinned without a hover).
    pinned = false;
    if (openKey !== undefined) {
      openKey = undefined;
      target.close();
    }
  };

  return {
    pointerAt(t) {
      if (t === undefined) {
        dismissedKey = undefined;
        clearShow();
        if (openKey !== undefined && !inCard && !pinned && !hideTimer)
          hideTimer = setTimeout(close, graceMs);
        return;
      }
      const key = target.key(t);
      if (key === openKey) return clearHide();
      if (key === dismissedKey) return;
      dismissedKey = undefined;
      if (key === pendingKey) return;
      clearShow();
      if (pinned) return;
      pendingKey = key;
      showTimer = setTimeout(() => {
        showTimer = undefined;
        pendingKey = undefined;
        clearHide();
        openKey = key;
        target.open(t);
      }, dwellMs());
    },
    pointerInCard(inside) {
      inCard = inside;
      if (inside) {
        clearHide();
        clearShow();
      } else if (openKey !== undefined && !pinned && !hideTimer)
        hideTimer = setTimeout(close, graceMs);
    },
    setPinned(p) {
      pinned = p;
      if (p) clearHide();
    },
    dismiss() {
      dismissedKey = openKey ?? pendingKey;
      close();
    },
    show(t) {
      clearShow();
      clearHide();
      dismissedKey = undefined;
      openKey = target.key(t);
      target.open(t);
    },
    release() {
      if (!inCard && !pinned) close();
    },
    dispose() {
      clearShow();
      clearHide();
    },
  };
}

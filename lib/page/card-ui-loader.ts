/**
 * Loads the card's UI into the content script on first need. The content script itself holds only
 * the detector and the page logic; Preact, the card components, their styles and the positioning
 * code (more than half of the whole) come from `card-ui.js`, a script of the extension imported the
 * first time a card is about to open. It runs in the content script's own world and hands over a
 * factory on that world's global, which the page cannot see.
 */
import { browser } from 'wxt/browser';
import type { CodeView } from '../cdt/index';
import type { SearchHit } from '../cdt/search';
import type { CardUi } from './card-host';

/** Path of the card UI script in the extension (entrypoints/card-ui.tsx). */
export const CARD_UI_PATH = '/card-ui.js';
/** Name of the factory the script leaves on the content script's global. */
export const CARD_UI_GLOBAL = '__cdtLensCardUi';

/** What the card needs from the extension. */
export interface CardServices {
  lookup: (code: string) => Promise<CodeView | null>;
  /** A code's details if they have already come (see `lookup-cache.ts`). */
  peek: (code: string) => CodeView | null | undefined;
  /** A card showed this code's details (the recent lookups). */
  noteShown: (code: string) => void;
  search: (query: string) => Promise<SearchHit[]>;
  /** Opens the popup's search (a card's "Search similar"). */
  openSearch: (query: string) => void;
}

export type CardUiFactory = (services: CardServices) => CardUi;

/** A loader that imports the UI once; a failed import is tried again next time. */
export function cardUiLoader(services: CardServices): () => Promise<CardUi> {
  let loading: Promise<CardUi> | undefined;
  const load = async () => {
    // An extension page (the PDF viewer) imports it as its own file: with `use_dynamic_url`,
    // getURL gives a per-session address that the page's CSP ('self') does not allow.
    const extensionPage = /^(chrome|moz)-extension:$/.test(globalThis.location.protocol);
    await import(
      /* @vite-ignore */ extensionPage ? CARD_UI_PATH : browser.runtime.getURL(CARD_UI_PATH)
    );
    const factory = (globalThis as Record<string, unknown>)[CARD_UI_GLOBAL];
    if (typeof factory !== 'function') throw new Error(`${CARD_UI_PATH} did not load`);
    return (factory as CardUiFactory)(services);
  };
  return () =>
    (loading ??= load().catch((e: unknown) => {
      loading = undefined;
      throw e;
    }));
}

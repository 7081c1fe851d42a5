/**
 * Runs the page side under the user's settings: nothing at all where the extension is off (globally
 * or for this site), and every change applied live, in every frame, without a reload.
 */
import { SETTING_DEFS, siteMatches } from '../setting-defs';
import {
  type FrameCardRequest,
  type PageConfig,
  type PageController,
  type PageDeps,
  startPage,
} from './controller';
import { readSettings, watchSettings } from './page-settings';
import { PERF, perfMark } from './perf';

/** The settings that shape the page side. */
const PAGE_SETTINGS = {
  enabled: SETTING_DEFS.enabled,
  disabledSites: SETTING_DEFS.disabledSites,
  highlightStyle: SETTING_DEFS.highlightStyle,
  hoverTrigger: SETTING_DEFS.hoverTrigger,
  theme: SETTING_DEFS.theme,
  deletedWarnings: SETTING_DEFS.deletedWarnings,
};

/** What the entrypoint can ask of the running page. */
export interface RunningPage {
  /** Shows a lookup for selected text; false where the page side is off or the text has no code. */
  showSelection(text: string): boolean;
  /** Scrolls to the next occurrence of a code; false where off or absent. */
  reveal(code: string): boolean;
  /** Reports the page's codes now (none while off). */
  report(): void;
  /** Moves keyboard focus into the open card; false when none is open or the page side is off. */
  focusCard(): boolean;
  /** Shows a small frame's card here (top frame); false where off or the frame is not found. */
  showFrameCard(request: FrameCardRequest): Promise<boolean>;
  /** A small frame's card is done. */
  closeFrameCard(force: boolean): void;
}

/** The host the site switch applies to; about:blank and srcdoc frames take their creator's. */
export function siteHost(win: Window): string {
  if (win.location.hostname) return win.location.hostname;
  try {
    return new URL(win.origin).hostname;
  } catch {
    return '';
  }
}

/** Starts the page side on `win` under the stored settings, until `signal` aborts. */
export async function runPage(
  win: Window & typeof globalThis,
  deps: Omit<PageDeps, 'config'>,
  signal: AbortSignal,
): Promise<RunningPage> {
  perfMark(PERF.start);
  const state = await readSettings(PAGE_SETTINGS);
  const host = siteHost(win);
  let running: { controller: PageController; stop: AbortController } | undefined;

  const config = (): PageConfig => ({
    marks: { style: state.highlightStyle, deletedWarnings: state.deletedWarnings },
    dwellMs: state.hoverTrigger.delayMs,
    modifier: state.hoverTrigger.modifier,
    theme: state.theme,
  });

  const apply = () => {
    if (signal.aborted) return;
    const on = state.enabled && !siteMatches(host, state.disabledSites);
    if (on && !running) {
      const stop = new AbortController();
      signal.addEventListener('abort', () => stop.abort(), { once: true });
      running = { controller: startPage(win, { ...deps, config: config() }, stop.signal), stop };
    } else if (!on && running) {
      // Off: marks, listeners, observers and the card go at once; a disabled site costs nothing.
      running.stop.abort();
      running = undefined;
      deps.onCodes?.({});
    } else running?.controller.configure(config());
  };

  // Every change applies the whole state at once.
  const unwatch = watchSettings(PAGE_SETTINGS, (name, value) => {
    state[name] = value;
    apply();
  });
  signal.addEventListener('abort', unwatch, { once: true });
  apply();

  return {
    showSelection: (text) => running?.controller.showSelection(text) ?? false,
    reveal: (code) => running?.controller.reveal(code) ?? false,
    report: () => deps.onCodes?.(running?.controller.counts() ?? {}),
    focusCard: () => running?.controller.focusCard() ?? false,
    showFrameCard: (request) =>
      running?.controller.showFrameCard(request) ?? Promise.resolve(false),
    closeFrameCard: (force) => running?.controller.closeFrameCard(force),
  };
}

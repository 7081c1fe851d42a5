/**
 * Time from opening the popup to its search box taking keys and to the first results, in the real
 * Chromium with the built extension, against the same page's DOMContentLoaded in the same run.
 */
import { launchWithExtension, openExtensionPage } from '../harness/browsers';

export interface PopupTiming {
  domContentLoaded: number[];
  interactive: number[];
  firstResults: number[];
}

/** Opens `popup.html?q=crown` `runs` times and reads the navigation timing and the popup's marks. */
export async function benchPopup(runs: number): Promise<PopupTiming> {
  const b = await launchWithExtension('chromium');
  const out: PopupTiming = { domContentLoaded: [], interactive: [], firstResults: [] };
  try {
    for (let i = 0; i < runs; i++) {
      const page = await openExtensionPage(b, '/popup.html?q=crown');
      const t = await page.evaluate(async () => {
        const mark = async (name: string) => {
          for (let k = 0; k < 200 && !performance.getEntriesByName(name).length; k++)
            await new Promise((r) => setTimeout(r, 10));
          return performance.getEntriesByName(name)[0]?.startTime ?? NaN;
        };
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        return {
          dcl: nav.domContentLoadedEventEnd,
          interactive: await mark('cdt-lens:search-interactive'),
          results: await mark('cdt-lens:first-results'),
        };
      });
      out.domContentLoaded.push(t.dcl);
      out.interactive.push(t.interactive);
      out.firstResults.push(t.results);
      await page.close();
    }
  } finally {
    await b.close();
  }
  return out;
}

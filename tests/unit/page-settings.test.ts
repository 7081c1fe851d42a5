import { beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readSettings, watchKey, watchSettings } from '../../lib/page/page-settings';
import { SETTING_DEFS } from '../../lib/setting-defs';

const DEFS = {
  enabled: SETTING_DEFS.enabled,
  disabledSites: SETTING_DEFS.disabledSites,
  theme: SETTING_DEFS.theme,
};

beforeEach(() => fakeBrowser.reset());

describe('page settings', () => {
  it('reads every setting in one go, with fallbacks for what is not stored', async () => {
    await browser.storage.local.set({ theme: 'dark' });
    expect(await readSettings(DEFS)).toEqual({ enabled: true, disabledSites: [], theme: 'dark' });
  });

  it('reads a corrupt value as the fallback, a repairable one repaired, and writes nothing', async () => {
    const stored = {
      enabled: 'yes',
      theme: { evil: true },
      disabledSites: ['Portal.Example.com', 7],
    };
    await browser.storage.local.set(stored);
    expect(await readSettings(DEFS)).toEqual({
      enabled: true,
      disabledSites: ['portal.example.com'],
      theme: 'system',
    });
    // Pages never write: the extension's own pages and background repair storage.
    expect(await browser.storage.local.get(null)).toEqual(stored);
  });

  it('tells each change, checked, until unwatched; other storage areas are not settings', async () => {
    const seen: [string, unknown][] = [];
    const stop = watchSettings(DEFS, (name, value) => seen.push([name, value]));
    await browser.storage.local.set({ theme: 'light', unrelated: 1 });
    await browser.storage.local.set({ enabled: 'garbage' });
    await browser.storage.sync.set({ theme: 'dark' });
    await browser.storage.local.remove('theme');
    stop();
    await browser.storage.local.set({ enabled: false });
    expect(seen).toEqual([
      ['theme', 'light'],
      ['enabled', true],
      ['theme', 'system'],
    ]);
  });

  it('watches one raw key', async () => {
    const seen: unknown[] = [];
    const stop = watchKey('local:licensedInfo', (v) => seen.push(v));
    await browser.storage.local.set({ licensedInfo: { count: 1 } });
    await browser.storage.local.remove('licensedInfo');
    stop();
    await browser.storage.local.set({ licensedInfo: 2 });
    // A removal has no new value (the fake browser says null, browsers leave it out).
    expect(seen.map((v) => v ?? 'removed')).toEqual([{ count: 1 }, 'removed']);
  });
});

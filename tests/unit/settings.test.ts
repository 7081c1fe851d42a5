import { beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  disabledSitesSetting,
  enabledSetting,
  highlightStyleSetting,
  hoverTriggerSetting,
  siteMatches,
  themeSetting,
} from '../../lib/settings';

describe('settings', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads defaults when nothing is stored', async () => {
    expect(await enabledSetting.get()).toBe(true);
    expect(await disabledSitesSetting.get()).toEqual([]);
    expect(await highlightStyleSetting.get()).toBe('underline');
    expect(await hoverTriggerSetting.get()).toEqual({ delayMs: 250, modifier: 'none' });
    expect(await themeSetting.get()).toBe('system');
  });

  it.each([
    ['enabled', 'yes'],
    ['highlightStyle', 'blink'],
    ['hoverTrigger', { delayMs: -5, modifier: 'none' }],
    ['hoverTrigger', { delayMs: 100, modifier: 'Hyper' }],
    ['disabledSites', 'every site'],
    ['theme', 42],
  ])('falls back to the default for a corrupt %s and repairs storage', async (key, bad) => {
    await browser.storage.local.set({ [key]: bad });
    const setting = {
      enabled: enabledSetting,
      highlightStyle: highlightStyleSetting,
      hoverTrigger: hoverTriggerSetting,
      disabledSites: disabledSitesSetting,
      theme: themeSetting,
    }[key]!;
    expect(await setting.get()).toEqual(setting.fallback);
    expect(await browser.storage.local.get(key)).toEqual({});
  });

  it('refuses to store an invalid value', async () => {
    await expect(highlightStyleSetting.set('blink' as 'none')).rejects.toThrow(TypeError);
  });

  it('reports changes to watchers, checked', async () => {
    const seen: unknown[] = [];
    const stop = highlightStyleSetting.watch((v) => seen.push(v));
    await highlightStyleSetting.set('background');
    await browser.storage.local.set({ highlightStyle: 'blink' });
    stop();
    expect(seen).toEqual(['background', 'underline']);
  });

  it.each([
    ['portal.example.com', ['portal.example.com'], true],
    ['portal.example.com', ['*.example.com'], true],
    ['example.com', ['*.example.com'], true],
    ['badexample.com', ['*.example.com'], false],
    ['other.org', ['*.example.com', 'portal.example.com'], false],
    ['PORTAL.Example.com.', ['portal.example.com'], true],
  ])('matches %s against %j: %s', (host, patterns, expected) => {
    expect(siteMatches(host, patterns)).toBe(expected);
  });
});

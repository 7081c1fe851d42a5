import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  importInfo,
  officialDescriptors,
  removeImport,
  saveImport,
} from '../../lib/licensed/store';
import {
  SettingsFileError,
  applySettings,
  exportSettings,
  parseSettingsFile,
} from '../../lib/settings-file';
import {
  SETTINGS,
  defineSetting,
  disabledSitesSetting,
  highlightStyleSetting,
  normaliseSite,
  themeSetting,
} from '../../lib/settings';

beforeEach(() => fakeBrowser.reset());

describe('settings file', () => {
  it('exports every setting and imports its own export unchanged', async () => {
    await highlightStyleSetting.set('background');
    await disabledSitesSetting.set(['*.example.com']);
    const text = await exportSettings();
    const { values, ignored } = parseSettingsFile(text);
    expect(Object.keys(values).sort()).toEqual(Object.keys(SETTINGS).sort());
    expect(ignored).toEqual([]);
    fakeBrowser.reset();
    await applySettings(values);
    expect(await highlightStyleSetting.get()).toBe('background');
    expect(await disabledSitesSetting.get()).toEqual(['*.example.com']);
  });

  it('ignores names it does not know and reads a BOM', () => {
    const file = `\uFEFF${JSON.stringify({
      format: 'cdt-lens-settings',
      version: 1,
      settings: { theme: 'dark', fromTheFuture: true },
    })}`;
    expect(parseSettingsFile(file)).toEqual({
      values: { theme: 'dark' },
      ignored: ['fromTheFuture'],
    });
  });

  it.each([
    ['{not json', /not valid JSON/],
    ['[]', /not a CDT Lens settings file/],
    ['{"format":"other"}', /not a CDT Lens settings file/],
    ['{"format":"cdt-lens-settings","version":99,"settings":{}}', /newer version/],
    ['{"format":"cdt-lens-settings","version":1}', /no "settings" object/],
    [
      '{"format":"cdt-lens-settings","version":1,"settings":{"theme":"dark","hoverTrigger":{"delayMs":-1,"modifier":"none"}}}',
      /"hoverTrigger" is not valid.*nothing was changed/,
    ],
    ['{"format":"cdt-lens-settings","version":1,"settings":{"__proto__":{"theme":"dark"}}}', null],
    [' '.repeat(600_000), /too large/],
  ])('refuses a bad file with a message (%#)', (text, message) => {
    if (message === null) {
      // A "__proto__" key is just an unknown name: ignored, and nothing is polluted.
      expect(parseSettingsFile(text).values).toEqual({});
      expect(({} as Record<string, unknown>).theme).toBeUndefined();
      return;
    }
    expect(() => parseSettingsFile(text)).toThrow(SettingsFileError);
    expect(() => parseSettingsFile(text)).toThrow(message);
  });
});

describe('setting migrations and repair', () => {
  it('migrates a value stored by version 1 through every later version, in order', async () => {
    await browser.storage.local.set({ testDelay: 300 });
    const setting = defineSetting(
      'local:testDelay',
      { delayMs: 250, modifier: 'none' },
      (v): v is { delayMs: number; modifier: string } =>
        typeof v === 'object' && v !== null && 'delayMs' in v && 'modifier' in v,
      {
        version: 3,
        migrations: {
          2: (v) => ({ delayMs: v }),
          3: (v) => ({ ...(v as object), modifier: 'none' }),
        },
      },
    );
    expect(await setting.get()).toEqual({ delayMs: 300, modifier: 'none' });
    expect(await browser.storage.local.get('testDelay$')).toEqual({ testDelay$: { v: 3 } });
  });

  it('falls back to the default when a migration fails, and repairs storage', async () => {
    await browser.storage.local.set({ testBroken: 'x' });
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const setting = defineSetting(
      'local:testBroken',
      1,
      (v): v is number => typeof v === 'number',
      {
        version: 2,
        migrations: {
          2: () => {
            throw new Error('cannot');
          },
        },
      },
    );
    expect(await setting.get()).toBe(1);
    expect(await browser.storage.local.get('testBroken')).toEqual({});
    error.mockRestore();
  });

  it('keeps the good entries of a site list with a bad one', async () => {
    await browser.storage.local.set({
      disabledSites: ['ok.example.com', 'not a host!', 'https://Portal.Example.com/x', 7],
    });
    expect(await disabledSitesSetting.get()).toEqual(['ok.example.com', 'portal.example.com']);
    expect(await browser.storage.local.get('disabledSites')).toEqual({
      disabledSites: ['ok.example.com', 'portal.example.com'],
    });
  });

  it('normalises what users type as a site', () => {
    expect(normaliseSite(' Portal.Example.COM ')).toBe('portal.example.com');
    expect(normaliseSite('https://claims.example.com:8443/a?b')).toBe('claims.example.com');
    expect(normaliseSite('*.Example.com')).toBe('*.example.com');
    expect(normaliseSite('zahnärzte.de')).toBe('xn--zahnrzte-3za.de');
    expect(normaliseSite('not a site')).toBeUndefined();
    expect(normaliseSite('')).toBeUndefined();
    expect(normaliseSite('*.')).toBeUndefined();
  });

  it('reads a theme written by something else as the default', async () => {
    await browser.storage.local.set({ theme: { evil: true } });
    expect(await themeSetting.get()).toBe('system');
  });
});

describe('licensed descriptors store', () => {
  it('stores an import, serves its text, and removes it', async () => {
    const official = officialDescriptors();
    expect(await importInfo()).toBeNull();
    await saveImport('file.csv', { D0120: 'one', D2740: 'two' });
    expect(await importInfo()).toMatchObject({ source: 'file.csv', count: 2 });
    expect(await official('D2740')).toBe('two');
    expect(await official('D0150')).toBeUndefined();
    await removeImport();
    expect(await importInfo()).toBeNull();
    await vi.waitFor(async () => expect(await official('D2740')).toBeUndefined());
  });

  it('keeps the previous import whole when the new one cannot be stored', async () => {
    await saveImport('old.csv', { D0120: 'old text' });
    const set = vi
      .spyOn(browser.storage.local, 'set')
      .mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded'));
    await expect(saveImport('new.csv', { D0120: 'new text' })).rejects.toThrow(/quota/);
    set.mockRestore();
    expect(await importInfo()).toMatchObject({ source: 'old.csv' });
    expect(await officialDescriptors()('D0120')).toBe('old text');
  });

  it('reads corrupt stored text as no import and refuses bad input', async () => {
    await browser.storage.local.set({ licensedText: { D0120: 42 }, licensedInfo: 'nope' });
    expect(await importInfo()).toBeNull();
    expect(await officialDescriptors()('D0120')).toBeUndefined();
    await expect(saveImport('x.csv', { '<b>': 'x' })).rejects.toThrow(TypeError);
  });
});

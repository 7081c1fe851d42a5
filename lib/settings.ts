/**
 * The extension's settings: one typed storage item each (WXT storage), with a fallback, a version
 * and a check, defined in lib/setting-defs.ts. A value that fails its check (corrupt, or written by
 * something else) reads as the fallback and is repaired in storage, so a bad value can never break a
 * page. Only what the user changed is stored. Pages only read settings (lib/page/page-settings.ts):
 * writes and migrations happen here, in the extension's own pages and background.
 */
import { storage } from 'wxt/utils/storage';
import {
  SETTING_DEFS,
  type SettingDef,
  type SettingName,
  type SettingOptions,
  settingDef,
  settle,
} from './setting-defs';

export * from './setting-defs';

/** A setting: read (checked, repaired), write, watch. */
export interface Setting<T> {
  readonly key: string;
  readonly fallback: T;
  get(): Promise<T>;
  set(value: T): Promise<void>;
  /** Calls `cb` with the checked new value on every change, from any context; returns unwatch. */
  watch(cb: (value: T) => void): () => void;
  /** True when `value` is a valid value of this setting. */
  check(value: unknown): value is T;
}

/**
 * A setting stored under `key`. Exported for the tests of the migration path; the extension's
 * settings are the ones below.
 */
export function defineSetting<T>(
  key: `local:${string}`,
  fallback: T,
  check: (value: unknown) => value is T,
  options: SettingOptions<T> = {},
): Setting<T> {
  return storedSetting(settingDef(key, fallback, check, options));
}

/** The storage item of a setting's definition. */
function storedSetting<T>(def: SettingDef<T>): Setting<T> {
  const { key, fallback, check, version = 1, migrations } = def;
  const item = storage.defineItem<T>(key, {
    fallback,
    version,
    ...(migrations && { migrations }),
  });
  return {
    key,
    fallback,
    check,
    async get() {
      const value: unknown = await item.getValue();
      if (check(value)) return value;
      const fixed = settle(def, value);
      if (fixed === undefined) await item.removeValue();
      else await item.setValue(fixed);
      return fixed ?? fallback;
    },
    async set(value) {
      if (!check(value)) throw new TypeError(`Invalid value for setting ${key}`);
      await item.setValue(value);
    },
    watch(cb) {
      return item.watch((value) => cb(settle(def, value) ?? fallback));
    },
  };
}

export const enabledSetting = storedSetting(SETTING_DEFS.enabled);
export const disabledSitesSetting = storedSetting(SETTING_DEFS.disabledSites);
export const highlightStyleSetting = storedSetting(SETTING_DEFS.highlightStyle);
export const hoverTriggerSetting = storedSetting(SETTING_DEFS.hoverTrigger);
export const themeSetting = storedSetting(SETTING_DEFS.theme);
export const deletedWarningsSetting = storedSetting(SETTING_DEFS.deletedWarnings);
export const badgeSetting = storedSetting(SETTING_DEFS.badge);
export const pdfTakeoverSetting = storedSetting(SETTING_DEFS.pdfTakeover);

/** Every setting, by the name it has in an exported settings file. */
export const SETTINGS: { [K in SettingName]: Setting<(typeof SETTING_DEFS)[K]['fallback']> } = {
  enabled: enabledSetting,
  disabledSites: disabledSitesSetting,
  highlightStyle: highlightStyleSetting,
  hoverTrigger: hoverTriggerSetting,
  theme: themeSetting,
  deletedWarnings: deletedWarningsSetting,
  badge: badgeSetting,
  pdfTakeover: pdfTakeoverSetting,
};

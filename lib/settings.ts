/**
 * The extension's settings: one typed storage item each, with a fallback, a version and a check.
 * A value that fails its check (corrupt, or written by something else) reads as the fallback and is
 * repaired in storage, so a bad value can never break a page. Only what the user changed is stored.
 */
import { storage } from 'wxt/utils/storage';
import { HOVER_DWELL_MS } from './page/hover';

/** How codes are marked on pages. */
export const HIGHLIGHT_STYLES = ['underline', 'background', 'none'] as const;
export type HighlightStyle = (typeof HIGHLIGHT_STYLES)[number];

/** Modifier keys that can be required for the hover card. */
export const MODIFIERS = ['none', 'Alt', 'Control', 'Shift', 'Meta'] as const;
export type Modifier = (typeof MODIFIERS)[number];

/** When the hover card opens. */
export interface HoverTrigger {
  /** Dwell before the card opens, in ms. */
  delayMs: number;
  /** Key that must be held for the card to open; `none` for plain hover. */
  modifier: Modifier;
}

/** Bounds of the dwell setting: shorter flashes cards while sweeping a table, longer feels broken. */
export const DELAY_RANGE = { min: 0, max: 2000 } as const;

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

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

/** How a setting's stored value changes between versions, and how a bad value is mended. */
export interface SettingOptions<T> {
  /** Version of the stored shape; bump it with a migration whenever the shape changes. */
  version?: number;
  /** `migrations[n]` turns a version n-1 value into a version n value. */
  migrations?: Record<number, (old: unknown) => unknown>;
  /** Salvages what it can of a value that fails the check (undefined: nothing to salvage). */
  repair?: (value: unknown) => T | undefined;
}

/**
 * A setting stored under `key`. Exported for the tests of the migration path; the extension's
 * settings are the ones below.
 */
export function defineSetting<T>(
  key: `local:${string}`,
  fallback: T,
  check: (value: unknown) => value is T,
  { version = 1, migrations, repair }: SettingOptions<T> = {},
): Setting<T> {
  const item = storage.defineItem<T>(key, {
    fallback,
    version,
    ...(migrations && { migrations }),
  });
  const mend = (value: unknown): T | undefined => {
    if (check(value)) return value;
    const fixed = repair?.(value);
    return fixed !== undefined && check(fixed) ? fixed : undefined;
  };
  return {
    key,
    fallback,
    check,
    async get() {
      const value: unknown = await item.getValue();
      if (check(value)) return value;
      // Repair: what can be salvaged is kept, else the default replaces the value, once.
      const fixed = mend(value);
      if (fixed === undefined) await item.removeValue();
      else await item.setValue(fixed);
      return fixed ?? fallback;
    },
    async set(value) {
      if (!check(value)) throw new TypeError(`Invalid value for setting ${key}`);
      await item.setValue(value);
    },
    watch(cb) {
      return item.watch((value) => cb(mend(value) ?? fallback));
    },
  };
}

const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const oneOf =
  <T extends string>(values: readonly T[]) =>
  (v: unknown): v is T =>
    typeof v === 'string' && (values as readonly string[]).includes(v);

/** A site pattern: a host (`portal.example.com`) or a wildcard domain (`*.example.com`). */
export const SITE_PATTERN = /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*$/;

/**
 * The site pattern for what a user typed or pasted: a host, a wildcard domain or a whole address
 * (`https://Portal.Example.com/claims` → `portal.example.com`); undefined when it is none of these.
 */
export function normaliseSite(input: string): string | undefined {
  const text = input.trim().toLowerCase();
  const wildcard = text.startsWith('*.');
  const rest = wildcard ? text.slice(2) : text;
  let host: string;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//.test(rest) ? rest : `http://${rest}`).hostname;
  } catch {
    return undefined;
  }
  const pattern = `${wildcard ? '*.' : ''}${host.replace(/\.$/, '')}`;
  return SITE_PATTERN.test(pattern) ? pattern : undefined;
}

function isSiteList(v: unknown): v is string[] {
  return (
    Array.isArray(v) &&
    v.length <= 1000 &&
    v.every((s) => typeof s === 'string' && SITE_PATTERN.test(s))
  );
}

function isHoverTrigger(v: unknown): v is HoverTrigger {
  if (typeof v !== 'object' || v === null) return false;
  const { delayMs, modifier } = v as Record<string, unknown>;
  return (
    typeof delayMs === 'number' &&
    Number.isInteger(delayMs) &&
    delayMs >= DELAY_RANGE.min &&
    delayMs <= DELAY_RANGE.max &&
    oneOf(MODIFIERS)(modifier)
  );
}

/** Global switch: off means no scanning, marking or hover on any page. */
export const enabledSetting = defineSetting('local:enabled', true, isBoolean);
/** Sites where the extension does nothing; the popup's site switch writes here. */
export const disabledSitesSetting = defineSetting<string[]>('local:disabledSites', [], isSiteList, {
  // One bad entry must not cost the user the rest of the list.
  repair: (v) =>
    Array.isArray(v)
      ? [
          ...new Set(v.flatMap((s) => (typeof s === 'string' ? (normaliseSite(s) ?? []) : []))),
        ].slice(0, 1000)
      : undefined,
});
/** How codes are marked. */
export const highlightStyleSetting = defineSetting<HighlightStyle>(
  'local:highlightStyle',
  'underline',
  oneOf(HIGHLIGHT_STYLES),
);
/** Dwell and modifier key for the hover card. */
export const hoverTriggerSetting = defineSetting<HoverTrigger>(
  'local:hoverTrigger',
  { delayMs: HOVER_DWELL_MS, modifier: 'none' },
  isHoverTrigger,
);
/** Card and popup theme. */
export const themeSetting = defineSetting<Theme>('local:theme', 'system', oneOf(THEMES));
/** Mark deleted codes differently (and warn in the card). */
export const deletedWarningsSetting = defineSetting('local:deletedWarnings', true, isBoolean);

/** True when `host` is covered by one of the site patterns. */
export function siteMatches(host: string, patterns: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return patterns.some((p) =>
    p.startsWith('*.') ? h === p.slice(2) || h.endsWith(`.${p.slice(2)}`) : h === p,
  );
}
/** Show the number of codes on the page on the toolbar button. */
export const badgeSetting = defineSetting('local:badge', true, isBoolean);
/** Open links to PDF files in the code-aware viewer instead of the browser's own (off by default). */
export const pdfTakeoverSetting = defineSetting('local:pdfTakeover', false, isBoolean);

/** Every setting, by the name it has in an exported settings file. */
export const SETTINGS = {
  enabled: enabledSetting,
  disabledSites: disabledSitesSetting,
  highlightStyle: highlightStyleSetting,
  hoverTrigger: hoverTriggerSetting,
  theme: themeSetting,
  deletedWarnings: deletedWarningsSetting,
  badge: badgeSetting,
  pdfTakeover: pdfTakeoverSetting,
} as const;
export type SettingName = keyof typeof SETTINGS;
export type SettingValues = { [K in SettingName]: (typeof SETTINGS)[K]['fallback'] };

/**
 * What each setting is: its storage key, fallback, check and (for the few that have them) repair,
 * version and migrations. Pure data and checks, with no storage library, so pages can read settings
 * (lib/page/page-settings.ts) without loading what writes and migrates them (lib/settings.ts).
 */
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

/** How a setting's stored value changes between versions, and how a bad value is mended. */
export interface SettingOptions<T> {
  /** Version of the stored shape; bump it with a migration whenever the shape changes. */
  version?: number;
  /** `migrations[n]` turns a version n-1 value into a version n value. */
  migrations?: Record<number, (old: unknown) => unknown>;
  /** Salvages what it can of a value that fails the check (undefined: nothing to salvage). */
  repair?: (value: unknown) => T | undefined;
}

/** One setting's definition. */
export interface SettingDef<T> extends SettingOptions<T> {
  readonly key: `local:${string}`;
  readonly fallback: T;
  /** True when `value` is a valid value of this setting. */
  readonly check: (value: unknown) => value is T;
}

/** A setting's definition (a function so that `T` is inferred from the fallback and check). */
export function settingDef<T>(
  key: `local:${string}`,
  fallback: T,
  check: (value: unknown) => value is T,
  options: SettingOptions<T> = {},
): SettingDef<T> {
  return { key, fallback, check, ...options };
}

/** A stored value as the setting's value: itself when valid, else what `repair` salvages of it. */
export function settle<T>(def: SettingDef<T>, value: unknown): T | undefined {
  if (def.check(value)) return value;
  const fixed = def.repair?.(value);
  return fixed !== undefined && def.check(fixed) ? fixed : undefined;
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

/** True when `host` is covered by one of the site patterns. */
export function siteMatches(host: string, patterns: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return patterns.some((p) =>
    p.startsWith('*.') ? h === p.slice(2) || h.endsWith(`.${p.slice(2)}`) : h === p,
  );
}
/** Every setting, by the name it has in an exported settings file. */
export const SETTING_DEFS = {
  /** Global switch: off means no scanning, marking or hover on any page. */
  enabled: settingDef('local:enabled', true, isBoolean),
  /** Sites where the extension does nothing; the popup's site switch writes here. */
  disabledSites: settingDef<string[]>('local:disabledSites', [], isSiteList, {
    repair: (v) =>
      Array.isArray(v)
        ? [
            ...new Set(v.flatMap((s) => (typeof s === 'string' ? (normaliseSite(s) ?? []) : []))),
          ].slice(0, 1000)
        : undefined,
  }),
  /** How codes are marked. */
  highlightStyle: settingDef<HighlightStyle>(
    'local:highlightStyle',
    'underline',
    oneOf(HIGHLIGHT_STYLES),
  ),
  /** Dwell and modifier key for the hover card. */
  hoverTrigger: settingDef<HoverTrigger>(
    'local:hoverTrigger',
    { delayMs: HOVER_DWELL_MS, modifier: 'none' },
    isHoverTrigger,
  ),
  /** Card and popup theme. */
  theme: settingDef<Theme>('local:theme', 'system', oneOf(THEMES)),
  /** Mark deleted codes differently (and warn in the card). */
  deletedWarnings: settingDef('local:deletedWarnings', true, isBoolean),
  /** Show the number of codes on the page on the toolbar button. */
  badge: settingDef('local:badge', true, isBoolean),
  /** Open links to PDF files in the code-aware viewer instead of the browser's own (off by default). */
  pdfTakeover: settingDef('local:pdfTakeover', false, isBoolean),
} as const;
export type SettingName = keyof typeof SETTING_DEFS;
export type SettingValues = { [K in SettingName]: (typeof SETTING_DEFS)[K]['fallback'] };

/**
 * Settings as pages read them (content scripts in every frame, the PDF viewer): one storage read
 * for all of them and one change listener, checked against their definitions, never written. WXT's
 * storage items (lib/settings.ts) read their key when each is defined and run migrations wherever
 * they are defined: a page defining nine of them paid nine reads on every load, and every frame of a
 * page could race the others to migrate. The extension's own pages and background keep those.
 */
import { browser } from 'wxt/browser';
import { type SettingDef, settle } from '../setting-defs';

/** Settings a page reads, by name. */
export type Defs = Record<string, SettingDef<unknown>>;
/** Their values. */
export type Values<D extends Defs> = { [K in keyof D]: D[K]['fallback'] };

/** The key in `browser.storage.local` of a WXT `local:` key. */
function areaKey(key: `local:${string}`): string {
  return key.slice('local:'.length);
}

/** The settings' values: each stored value when valid (or repairable), else its fallback. */
export async function readSettings<D extends Defs>(defs: D): Promise<Values<D>> {
  const names = Object.keys(defs) as (keyof D & string)[];
  const stored = await browser.storage.local.get(names.map((n) => areaKey(defs[n]!.key)));
  const values = {} as Values<D>;
  for (const n of names) {
    const def = defs[n]!;
    values[n] = settle(def, stored[areaKey(def.key)]) ?? def.fallback;
  }
  return values;
}

/** Calls `cb` with every change to the extension's local storage; returns unwatch. */
function onLocalChange(cb: (changes: Record<string, { newValue?: unknown }>) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local') cb(changes);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/**
 * Calls `cb` with each stored value that changes under `key` (undefined when removed), from any
 * context; returns unwatch.
 */
export function watchKey(key: `local:${string}`, cb: (value: unknown) => void): () => void {
  const name = areaKey(key);
  return onLocalChange((changes) => {
    if (Object.hasOwn(changes, name)) cb(changes[name]!.newValue);
  });
}

/** Calls `cb` with a setting's name and checked value whenever one of them changes. */
export function watchSettings<D extends Defs>(
  defs: D,
  cb: <K extends keyof D & string>(name: K, value: Values<D>[K]) => void,
): () => void {
  return onLocalChange((changes) => {
    for (const [name, def] of Object.entries(defs)) {
      const key = areaKey(def.key);
      if (Object.hasOwn(changes, key))
        cb(name, (settle(def, changes[key]!.newValue) ?? def.fallback) as never);
    }
  });
}

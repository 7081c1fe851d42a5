/**
 * Settings exported to and imported from a JSON file (to move them to another browser or share a
 * practice's set-up). An import is checked whole before anything is written: a file with one bad
 * value changes nothing and says which value is wrong.
 */
import { SETTINGS, type SettingName, type SettingValues } from './settings';

/** Marks our files; a JSON file without it is someone else's. */
export const SETTINGS_FORMAT = 'cdt-lens-settings';
/** Version of the file's shape. */
export const SETTINGS_FILE_VERSION = 1;
/** Larger than any settings file can honestly be (1,000 sites of 253 characters). */
const MAX_FILE_CHARS = 512 * 1024;

export class SettingsFileError extends Error {
  override name = 'SettingsFileError';
}

/** The JSON text of a settings file holding every current setting. */
export async function exportSettings(): Promise<string> {
  const names = Object.keys(SETTINGS) as SettingName[];
  const values = await Promise.all(names.map((n) => SETTINGS[n].get()));
  return `${JSON.stringify(
    {
      format: SETTINGS_FORMAT,
      version: SETTINGS_FILE_VERSION,
      exported: new Date().toISOString(),
      settings: Object.fromEntries(names.map((n, i) => [n, values[i]])),
    },
    null,
    2,
  )}\n`;
}

/** A checked settings file: the values to apply, and the names it had that we do not know. */
export interface SettingsFile {
  values: Partial<SettingValues>;
  ignored: string[];
}

/** Reads and checks a settings file's text; throws a SettingsFileError saying what is wrong. */
export function parseSettingsFile(text: string): SettingsFile {
  if (text.length > MAX_FILE_CHARS)
    throw new SettingsFileError('This file is too large to be a CDT Lens settings file.');
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new SettingsFileError(`This file is not valid JSON (${(e as Error).message}).`);
  }
  const file = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  if (file.format !== SETTINGS_FORMAT)
    throw new SettingsFileError('This is not a CDT Lens settings file (no "format" marker).');
  if (typeof file.version !== 'number' || file.version > SETTINGS_FILE_VERSION)
    throw new SettingsFileError(
      'This settings file was written by a newer version of CDT Lens; update the extension first.',
    );
  const settings = file.settings;
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings))
    throw new SettingsFileError('This settings file has no "settings" object.');
  const values: Partial<SettingValues> = {};
  const ignored: string[] = [];
  for (const [name, value] of Object.entries(settings)) {
    if (!Object.hasOwn(SETTINGS, name)) {
      ignored.push(name);
      continue;
    }
    if (!SETTINGS[name as SettingName].check(value))
      throw new SettingsFileError(
        `The value of "${name}" is not valid (${JSON.stringify(value).slice(0, 60)}); nothing was changed.`,
      );
    // Checked above: the value is of this setting's type.
    Object.assign(values, { [name]: value });
  }
  return { values, ignored };
}

/** Applies checked values (every open tab follows). */
export async function applySettings(values: Partial<SettingValues>): Promise<void> {
  await Promise.all(
    (Object.keys(values) as SettingName[]).map((n) =>
      (SETTINGS[n] as { set(v: unknown): Promise<void> }).set(values[n]),
    ),
  );
}

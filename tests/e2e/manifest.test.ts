import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTENSION_DIRS } from '../harness/browsers';

const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
/**
 * Permissions named in the README's permission table (`| \`name\` | why |`), each with its reason:
 * a row without one does not count.
 */
const documented = new Set(
  [
    ...readme
      .slice(readme.indexOf('## Permissions'))
      .matchAll(/^\| `([a-zA-Z.]+)` +\| *([^|]*?) *\|$/gm),
  ]
    .filter((m) => m[2]!.length >= 10)
    .map((m) => m[1]),
);

describe.each(Object.entries(EXTENSION_DIRS))('%s manifest', (_name, dir) => {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    permissions?: string[];
    optional_permissions?: string[];
    host_permissions?: string[];
    optional_host_permissions?: string[];
    content_scripts?: {
      matches: string[];
      all_frames?: boolean;
      match_about_blank?: boolean;
      match_origin_as_fallback?: boolean;
    }[];
    content_security_policy?: unknown;
    browser_specific_settings?: {
      gecko?: { data_collection_permissions?: { required: string[] } };
    };
  };

  it('asks only for permissions the README lists with a reason', () => {
    expect(documented.size).toBeGreaterThan(0);
    for (const p of [...(manifest.permissions ?? []), ...(manifest.optional_permissions ?? [])])
      expect(documented, `undocumented permission ${p}`).toContain(p);
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect(manifest.optional_host_permissions ?? []).toEqual([]);
  });

  it('runs the content script in every frame, about:blank, data: and blob: ones included', () => {
    expect(manifest.content_scripts).toEqual([
      expect.objectContaining({
        matches: ['<all_urls>'],
        all_frames: true,
        match_about_blank: true,
        match_origin_as_fallback: true,
      }),
    ]);
  });

  it('loosens no content security policy', () => {
    expect(manifest.content_security_policy).toBeUndefined();
  });

  it('declares that it collects no data (Firefox)', () => {
    if (!dir.includes('firefox')) return;
    expect(manifest.browser_specific_settings?.gecko?.data_collection_permissions).toEqual({
      required: ['none'],
    });
  });
});

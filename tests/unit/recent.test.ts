import { beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { addRecent, clearRecent, RECENT_MAX, recentCodes } from '../../lib/recent';

describe('recent lookups', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps codes newest first, once each, up to the limit', async () => {
    for (const c of ['D0120', 'D1110', 'D0120']) await addRecent(c);
    expect(await recentCodes()).toEqual(['D0120', 'D1110']);
    for (let i = 0; i < RECENT_MAX + 5; i++) await addRecent(`D${String(2000 + i)}`);
    expect((await recentCodes()).length).toBe(RECENT_MAX);
  });

  it('clears, and reads a corrupt value as none', async () => {
    await addRecent('D0120');
    await clearRecent();
    expect(await recentCodes()).toEqual([]);
    await browser.storage.local.set({ recentLookups: ['<script>', 42] });
    expect(await recentCodes()).toEqual([]);
  });
});

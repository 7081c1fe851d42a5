import { describe, expect, it } from 'vitest';
import { serveStatic } from '../harness/server';

describe('fixture server', () => {
  it('serves fixture pages and names the fix when the port is taken', async () => {
    const first = await serveStatic();
    try {
      const res = await fetch(`${first.url}/claims.html`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('D2740');
      const port = Number(new URL(first.url).port);
      await expect(serveStatic(undefined, port)).rejects.toThrow(
        new RegExp(`Port ${port} is already in use.*PORT=${port + 1} npm run demo`),
      );
    } finally {
      await first.close();
    }
  });
});

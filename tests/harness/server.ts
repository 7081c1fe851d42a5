/**
 * A small static server for fixture and demo pages, on loopback only. Pages named `*.csp.html`
 * are served with a strict Content-Security-Policy, as hostile portals do.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';

/** Folder of fixture pages. */
export const PAGES_DIR = resolve(import.meta.dirname, '../fixtures/pages');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** The CSP of `*.csp.html` pages: no inline script or style, nothing from anywhere else. */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'";

/** A running server and its base URL (`http://127.0.0.1:PORT`). */
export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves `root` on 127.0.0.1:`port` (0 picks a free port). A port in use fails with a message that
 * names the port and the fix.
 */
export function serveStatic(root: string = PAGES_DIR, port = 0): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    // Browsers ask for a favicon on every page: answer "none" rather than log a 404 error.
    if (path === '/favicon.ico') return void res.writeHead(204).end();
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const headers: Record<string, string> = {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    };
    if (file.endsWith('.csp.html')) headers['content-security-policy'] = STRICT_CSP;
    res.writeHead(200, headers);
    createReadStream(file).pipe(res);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(
              `Port ${port} is already in use (another demo still running?). Stop that process, or pick another port: PORT=${port + 1} npm run demo`,
            )
          : err,
      );
    });
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address() as AddressInfo;
      resolvePromise({
        url: `http://127.0.0.1:${actual}`,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

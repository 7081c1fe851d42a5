/** Builds the fixture pages that need a bundler (the React app) into tests/fixtures/pages/.gen/. */
import { build } from 'esbuild';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../fixtures');

/** Bundles the React fixture app. */
export async function buildFixtures(): Promise<void> {
  await build({
    entryPoints: [resolve(ROOT, 'react/claims-app.tsx')],
    outfile: resolve(ROOT, 'pages/.gen/react-claims.js'),
    bundle: true,
    format: 'iife',
    jsx: 'automatic',
    // React's development build: it reports DOM it did not expect.
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'warning',
  });
}

import preact from '@preact/preset-vite';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { cdtData } from './lib/cdt/vite-plugin';

const data = cdtData(process.env.CDT_DATA_DIR ?? resolve(import.meta.dirname, 'data'));

// One project per environment: `unit` (Node), `dom` (happy-dom), `e2e` (real browsers); and
// `bench` and `soak`, run only by `npm run bench` and `npm run soak`.
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [WxtVitest(), data],
        test: { name: 'unit', environment: 'node', include: ['tests/unit/**/*.test.ts'] },
      },
      {
        plugins: [WxtVitest(), data, preact()],
        test: { name: 'dom', environment: 'happy-dom', include: ['tests/dom/**/*.test.{ts,tsx}'] },
      },
      {
        plugins: [WxtVitest(), data],
        test: {
          name: 'bench',
          environment: 'node',
          include: ['tests/bench/**/*.bench.ts'],
          testTimeout: 600_000,
        },
      },
      {
        plugins: [WxtVitest(), data],
        test: {
          name: 'soak',
          environment: 'node',
          include: ['tests/bench/soak/**/*.soak.ts'],
          testTimeout: 900_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Two browsers per file already fill a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});

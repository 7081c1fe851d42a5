import preact from '@preact/preset-vite';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import { textOnly } from './lib/build/text-only';
import { cdtData } from './lib/cdt/vite-plugin';

/** The dataset to build from; tests point this at fixtures to check how bad data fails. */
const DATA_DIR = process.env.CDT_DATA_DIR ?? resolve(import.meta.dirname, 'data');

/** Fixed add-on id: Firefox needs one for storage and signing; tests map it to a known UUID. */
export const GECKO_ID = 'cdt-lens@cdt-lens.invalid';

/** pdf.js data the PDF viewer may load (fonts, CMaps, decoders), shipped so nothing is fetched. */
const PDFJS_DIR = resolve(import.meta.dirname, 'node_modules/pdfjs-dist');
const PDFJS_ASSETS = ['standard_fonts', 'cmaps', 'wasm', 'iccs'];

// See README "Permissions" for why each permission is requested.
export default defineConfig({
  imports: false,
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      for (const dir of PDFJS_ASSETS)
        for (const name of readdirSync(resolve(PDFJS_DIR, dir)))
          files.push({
            absoluteSrc: resolve(PDFJS_DIR, dir, name),
            relativeDest: `pdfjs/${dir}/${name}`,
          });
    },
  },
  vite: () => ({
    plugins: [textOnly(), preact(), cdtData(DATA_DIR)],
    // The licensed-file reader runs in a worker and checks codes against the bundled set.
    worker: { format: 'es', plugins: () => [cdtData(DATA_DIR)] },
    build: { target: 'es2022' },
  }),
  manifest: ({ browser, manifestVersion }) => ({
    name: 'CDT Lens',
    description:
      'Explains CDT dental procedure codes wherever they appear on a page: hover, search, look up. Offline.',
    permissions: ['storage', 'contextMenus'],
    // The card's UI, imported by the content script when the first card opens (a content script
    // can import only what pages may load); it holds no data.
    web_accessible_resources:
      manifestVersion === 3
        ? [{ resources: ['card-ui.js'], matches: ['<all_urls>'], use_dynamic_url: true }]
        : ['card-ui.js'],
    action: { default_title: 'CDT Lens: search dental codes' },
    commands: {
      // Name must match LOOKUP_COMMAND in lib/context-menu.ts; users can change the keys in the
      // browser's shortcut settings.
      'lookup-selection': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: 'Look up the selected code (or open the search)',
      },
    },
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: GECKO_ID,
          strict_min_version: '142.0',
          data_collection_permissions: { required: ['none'] },
        },
      },
    }),
  }),
  zip: {
    artifactTemplate: '{{name}}-{{version}}-{{browser}}.zip',
    sourcesTemplate: '{{name}}-{{version}}-sources.zip',
    excludeSources: ['.bench/**', '.demo/**', '.profiles/**'],
  },
});

/**
 * Build step for the dataset: reads `data/`, checks it, and serves two virtual modules, so that
 * each context bundles only what it needs. Runs at build and test time only, never in a browser.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';
import { packCodeNumbers } from './code-pack';
import { checkDataset, type CdtEntry, type DatasetMeta } from './schema';

/** Compact set of valid codes for the content script (a few KB). */
export const CODE_SET_ID = 'virtual:cdt-code-set';
/** Full entries and facts for the background, popup and options pages. */
export const DATASET_ID = 'virtual:cdt-dataset';

/** Reads and checks the dataset under `dataDir`; throws one error listing every problem. */
export function loadDataset(dataDir: string): { meta: DatasetMeta; entries: CdtEntry[] } {
  const read = (path: string): unknown => {
    try {
      return JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new Error(
        `${relative(process.cwd(), path)}: not valid JSON (${(err as Error).message})`,
      );
    }
  };
  const meta = read(join(dataDir, 'meta.json')) as DatasetMeta;
  const dir = join(dataDir, 'cdt');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ name: `data/cdt/${f}`, data: read(join(dir, f)) }));
  const { entries, errors } = checkDataset(files, meta);
  if (errors.length > 0)
    throw new Error(`The CDT dataset has ${errors.length} problem(s):\n  ${errors.join('\n  ')}`);
  return { meta, entries };
}

/** Four-digit numbers of the codes with the given status, concatenated: "01200140…". */
function packCodes(entries: CdtEntry[], status: CdtEntry['status']): string {
  return packCodeNumbers(entries.filter((e) => e.status === status).map((e) => e.code.slice(1)));
}

/** Vite plugin serving {@link CODE_SET_ID} and {@link DATASET_ID} from `dataDir`. */
export function cdtData(dataDir: string): Plugin {
  const resolved = new Map([CODE_SET_ID, DATASET_ID].map((id) => [id, `\0${id}`]));
  return {
    name: 'cdt-data',
    resolveId(id) {
      return resolved.get(id);
    },
    load(id) {
      if (id !== resolved.get(CODE_SET_ID) && id !== resolved.get(DATASET_ID)) return undefined;
      const { meta, entries } = loadDataset(dataDir);
      for (const f of readdirSync(join(dataDir, 'cdt'))) this.addWatchFile(join(dataDir, 'cdt', f));
      this.addWatchFile(join(dataDir, 'meta.json'));
      if (id === resolved.get(CODE_SET_ID))
        return [
          `export const codeYear = ${JSON.stringify(meta.codeYear)};`,
          `export const dataVersion = ${JSON.stringify(meta.dataVersion)};`,
          `export const active = ${JSON.stringify(packCodes(entries, 'active'))};`,
          `export const deleted = ${JSON.stringify(packCodes(entries, 'deleted'))};`,
        ].join('\n');
      return [
        `export const meta = ${JSON.stringify(meta)};`,
        `export const entries = JSON.parse(${JSON.stringify(JSON.stringify(entries))});`,
      ].join('\n');
    },
  };
}

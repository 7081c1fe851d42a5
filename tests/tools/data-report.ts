/**
 * `npm run data:report`: checks the dataset exactly as the build does, then prints counts per
 * category, status and CDT year, so a yearly update can be compared with the ADA's change counts.
 */
import { resolve } from 'node:path';
import { CATEGORIES } from '../../lib/cdt/categories';
import { loadDataset } from '../../lib/cdt/vite-plugin';

try {
  const { meta, entries } = loadDataset(resolve(import.meta.dirname, '../../data'));
  console.log(`CDT ${meta.codeYear} data, version ${meta.dataVersion}: ${entries.length} entries`);
  for (const c of CATEGORIES) {
    const inCat = entries.filter((e) => e.category === c.id);
    const deleted = inCat.filter((e) => e.status === 'deleted').length;
    console.log(
      `  ${c.name.padEnd(32)} ${String(inCat.length - deleted).padStart(4)} active ${String(deleted).padStart(3)} deleted`,
    );
  }
  for (let y = meta.codeYear; y >= meta.codeYear - 3; y--) {
    const added = entries.filter((e) => e.added === y).map((e) => e.code);
    const deleted = entries.filter((e) => e.deletedIn === y).map((e) => e.code);
    const revised = entries.filter((e) => e.revised?.includes(y)).map((e) => e.code);
    console.log(
      `CDT ${y}: ${added.length} added, ${revised.length} revised, ${deleted.length} deleted`,
    );
    console.log(
      `  added: ${added.join(' ') || '-'}\n  revised: ${revised.join(' ') || '-'}\n  deleted: ${deleted.join(' ') || '-'}`,
    );
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}

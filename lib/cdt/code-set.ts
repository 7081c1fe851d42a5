/**
 * The compact set of valid codes the content script validates matches against, without the
 * dataset and without messaging. Built from `virtual:cdt-code-set` (a few KB).
 */
import { active, codeYear, dataVersion, deleted } from 'virtual:cdt-code-set';

/** Status of a code number in the bundled data: 0 unknown, 1 active, 2 deleted. */
export const CODE_ACTIVE = 1;
export const CODE_DELETED = 2;

/** A lookup table from four-digit code number to status, 10,000 bytes. */
export type CodeTable = Uint8Array;

/** Builds a lookup table from packed four-digit numbers ("01200140…"). */
export function buildCodeTable(activeDigits: string, deletedDigits: string): CodeTable {
  const table = new Uint8Array(10_000);
  for (const [digits, status] of [
    [activeDigits, CODE_ACTIVE],
    [deletedDigits, CODE_DELETED],
  ] as const)
    for (let i = 0; i + 4 <= digits.length; i += 4) table[Number(digits.slice(i, i + 4))] = status;
  return table;
}

/** The bundled code set. */
export const CODE_TABLE: CodeTable = buildCodeTable(active, deleted);

/** CDT year of the bundled code set. */
export const CODE_YEAR: number = codeYear;

/** What the options page's About section says of the bundled data. */
export const DATA_FACTS = {
  codeYear,
  dataVersion,
  active: active.length / 4,
  deleted: deleted.length / 4,
} as const;

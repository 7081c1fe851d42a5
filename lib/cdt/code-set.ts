/**
 * The compact set of valid codes the content script validates matches against, without the
 * dataset and without messaging. Built from `virtual:cdt-code-set` (a few KB).
 */
import { active, codeYear, dataVersion, deleted } from 'virtual:cdt-code-set';
import { unpackCodeNumbers } from './code-pack';

/** Status of a code number in the bundled data: 0 unknown, 1 active, 2 deleted. */
export const CODE_ACTIVE = 1;
export const CODE_DELETED = 2;

/** A lookup table from four-digit code number to status, 10,000 bytes. */
export type CodeTable = Uint8Array;

/** Builds a lookup table from packed sets of code numbers (lib/cdt/code-pack.ts). */
export function buildCodeTable(activePacked: string, deletedPacked: string): CodeTable {
  const table = new Uint8Array(10_000);
  for (const [packed, status] of [
    [activePacked, CODE_ACTIVE],
    [deletedPacked, CODE_DELETED],
  ] as const)
    for (const n of unpackCodeNumbers(packed)) table[n] = status;
  return table;
}

let bundled: CodeTable | undefined;
/**
 * The bundled code set, built on first use: unpacking it costs about a millisecond in a content
 * script's first run, which a page without a single candidate code never needs to pay.
 */
export function codeTable(): CodeTable {
  return (bundled ??= buildCodeTable(active, deleted));
}

/** CDT year of the bundled code set. */
export const CODE_YEAR: number = codeYear;

/** What the options page's About section says of the bundled data (computed on call, not at load). */
export function dataFacts() {
  return {
    codeYear,
    dataVersion,
    active: unpackCodeNumbers(active).length,
    deleted: unpackCodeNumbers(deleted).length,
  } as const;
}

// Modules generated at build time by lib/cdt/vite-plugin.ts. Relative imports are not allowed in
// ambient declarations, so the dataset's types are applied where it is imported (lib/cdt/index.ts).
declare module 'virtual:cdt-code-set' {
  /** CDT code year of the bundled data. */
  export const codeYear: number;
  /** Our release number of the data. */
  export const dataVersion: string;
  /** Numbers of active codes, packed (lib/cdt/code-pack.ts). */
  export const active: string;
  /** Numbers of codes deleted since 2016, packed. */
  export const deleted: string;
}

declare module 'virtual:cdt-dataset' {
  /** `DatasetMeta`, checked at build time. */
  export const meta: unknown;
  /** `CdtEntry[]`, checked at build time. */
  export const entries: unknown;
}

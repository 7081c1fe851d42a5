/** The twelve CDT categories of service, each a range of code numbers. */
export const CATEGORIES = [
  { id: 'diagnostic', name: 'Diagnostic', from: 100, to: 999 },
  { id: 'preventive', name: 'Preventive', from: 1000, to: 1999 },
  { id: 'restorative', name: 'Restorative', from: 2000, to: 2999 },
  { id: 'endodontics', name: 'Endodontics', from: 3000, to: 3999 },
  { id: 'periodontics', name: 'Periodontics', from: 4000, to: 4999 },
  { id: 'prosthodontics-removable', name: 'Prosthodontics, removable', from: 5000, to: 5899 },
  { id: 'maxillofacial-prosthetics', name: 'Maxillofacial prosthetics', from: 5900, to: 5999 },
  { id: 'implant-services', name: 'Implant services', from: 6000, to: 6199 },
  { id: 'prosthodontics-fixed', name: 'Prosthodontics, fixed', from: 6200, to: 6999 },
  { id: 'oral-surgery', name: 'Oral and maxillofacial surgery', from: 7000, to: 7999 },
  { id: 'orthodontics', name: 'Orthodontics', from: 8000, to: 8999 },
  { id: 'adjunctive', name: 'Adjunctive general services', from: 9000, to: 9999 },
] as const;

export type CategoryId = (typeof CATEGORIES)[number]['id'];
export type Category = (typeof CATEGORIES)[number];

/** True when `id` names one of the twelve categories. */
export function isCategoryId(id: unknown): id is CategoryId {
  // No table built at load: bundles that need only CODE_PATTERN (the content script) leave it out.
  return CATEGORIES.some((c) => c.id === id);
}

/** Shape of a CDT procedure code: `D` and four digits. */
export const CODE_PATTERN = /^D\d{4}$/;

/** The category whose number range holds `code`, or undefined for D0000–D0099 and malformed input. */
export function categoryForCode(code: string): Category | undefined {
  if (!CODE_PATTERN.test(code)) return undefined;
  const n = Number(code.slice(1));
  return CATEGORIES.find((c) => n >= c.from && n <= c.to);
}

/** The category record for an id. */
export function categoryById(id: CategoryId): Category {
  // isCategoryId narrows input elsewhere; every CategoryId is in the table by construction.
  return CATEGORIES.find((c) => c.id === id)!;
}

/** The columns of incidents.csv and items.csv that the form fills (the API takes them as text). */
export const INCIDENT_COLUMNS = [
  'ref',
  'date',
  'type',
  'country',
  'admin1',
  'place',
  'lat',
  'lon',
  'mgrs',
  'target',
  'actor',
  'attribution',
  'killed',
  'injured',
  'peacekeepers_killed',
  'peacekeepers_injured',
  'summary',
  'source',
  'classification',
] as const;
export type IncidentColumn = (typeof INCIDENT_COLUMNS)[number];
export type IncidentDraft = Record<IncidentColumn, string>;

export const ITEM_COLUMNS = [
  'ref',
  'incident_ref',
  'category',
  'type',
  'model',
  'calibre',
  'manufacturer',
  'country_of_manufacture',
  'year',
  'lot',
  'serial',
  'markings',
  'quantity',
  'condition',
  'notes',
] as const;
export type ItemColumn = (typeof ITEM_COLUMNS)[number];
export type ItemDraft = Record<ItemColumn, string>;

const blank = <K extends string>(columns: readonly K[]) =>
  Object.fromEntries(columns.map((c) => [c, ''])) as Record<K, string>;

export function emptyIncident(): IncidentDraft {
  return { ...blank(INCIDENT_COLUMNS), classification: 'internal' };
}

export function emptyItem(): ItemDraft {
  return { ...blank(ITEM_COLUMNS), category: 'ammunition', quantity: '1' };
}

/**
 * A case file's name as analysts write it: "210821 Complex attack, Kidal" (date YYMMDD, type,
 * place). Undefined until the date, type and place are known.
 */
export function suggestedRef(date: string, typeLabel: string, place: string): string | undefined {
  const m = /^\d{2}(\d{2})-(\d{2})(?:-(\d{2}))?$/.exec(date);
  if (!m || !typeLabel || !place.trim()) return undefined;
  return `${m[1]}${m[2]}${m[3] ?? '00'} ${typeLabel}, ${place.trim()}`;
}

/** Item references follow the incident's: "210821-KIDAL-1". */
export function suggestedItemRef(date: string, place: string, n: number): string {
  const day = date.replace(/-/g, '').slice(2) || 'NEW';
  const where = place
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '')
    .toUpperCase();
  return [day, where, String(n)].filter(Boolean).join('-');
}

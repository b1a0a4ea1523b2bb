import {
  incidentTypes,
  type Attribution,
  type Classification,
  type IncidentType,
} from '../incidents/vocabulary';
import { itemCategories, type ItemCategory } from '../items/vocabulary';
import type { Language } from '../core/vocabulary';
import type { RawRow } from '../records/entity';

/** One incident of an exported selection: what other tools need to place, date and weigh it. */
export interface ExportRow {
  ref: string;
  date: string;
  type: IncidentType;
  country: string;
  admin1: string | null;
  place: string | null;
  lat: number | null;
  lon: number | null;
  target: string | null;
  actor: string | null;
  attribution: Attribution;
  killed: number | null;
  injured: number | null;
  peacekeepers_killed: number | null;
  peacekeepers_injured: number | null;
  /** Item records documented at the incident. */
  items: number;
  /** Objects recovered (the items' quantities) by category, every category present. */
  materiel: Record<ItemCategory, number>;
  summary: string | null;
  classification: Classification;
  /** The incident's page in the web application. */
  url: string;
}

/** What a file says about the export it comes from. */
export interface ExportHeader {
  /** The export's id, the key of its audit entry. */
  exportId: string;
  at: Date;
  /** Who exported it. */
  actor: string;
  /** Incidents in the selection, with or without coordinates. */
  selected: number;
}

export type PropertyValue = string | number | null;

const materielColumns = itemCategories.keys.map((c) => `materiel_${c}`);

/** The counts of an incident: casualties, item records and materiel by category. */
const countColumns = [
  'killed',
  'injured',
  'peacekeepers_killed',
  'peacekeepers_injured',
  'items',
  ...materielColumns,
];

/**
 * The properties of an exported incident, in order. They keep the canonical column names of
 * incidents.csv where there is one, so a table goes between tools without renaming; materiel is
 * counted in objects per item category (`materiel_weapon`…), `items` in records.
 */
export const propertyNames: readonly string[] = [
  'ref',
  'date',
  'type',
  'type_label',
  'country',
  'admin1',
  'place',
  'target',
  'actor',
  'attribution',
  ...countColumns,
  'summary',
  'classification',
  'url',
];

export function exportProperties(row: ExportRow, language: Language): Record<string, PropertyValue> {
  // Written out in the order of propertyNames: this runs once per incident of a whole theatre.
  const properties: Record<string, PropertyValue> = {
    ref: row.ref,
    date: row.date,
    type: row.type,
    type_label: incidentTypes.label(row.type, language),
    country: row.country,
    admin1: row.admin1,
    place: row.place,
    target: row.target,
    actor: row.actor,
    attribution: row.attribution,
    killed: row.killed,
    injured: row.injured,
    peacekeepers_killed: row.peacekeepers_killed,
    peacekeepers_injured: row.peacekeepers_injured,
    items: row.items,
  };
  for (const category of itemCategories.keys) properties[`materiel_${category}`] = row.materiel[category];
  properties.summary = row.summary;
  properties.classification = row.classification;
  properties.url = row.url;
  return properties;
}

/** The columns of a CSV or XLSX export: the properties, with the coordinates after the place. */
export const tableColumns: readonly string[] = propertyNames.flatMap((name) =>
  name === 'place' ? [name, 'lat', 'lon'] : [name],
);

/** Columns holding numbers, written as numbers in a workbook so they sum and sort. */
export const numericColumns: ReadonlySet<string> = new Set(['lat', 'lon', ...countColumns]);

/** A row of a CSV or XLSX export, as text cells. */
export function tableRow(row: ExportRow, language: Language): RawRow {
  const values: Record<string, PropertyValue> = {
    ...exportProperties(row, language),
    lat: row.lat,
    lon: row.lon,
  };
  return Object.fromEntries(
    tableColumns.map((name) => [name, values[name] == null ? '' : String(values[name])]),
  );
}

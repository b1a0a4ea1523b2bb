import { sql } from 'kysely';
import { z } from 'zod';
import type { Viewer } from '../access/policy';
import type { Db } from '../db/store';
import { incidentFilterSchema, selectFiltered, type IncidentSelection } from '../incidents/incidents.queries';
import {
  incidentTypes,
  type Attribution,
  type Classification,
  type IncidentType,
} from '../incidents/vocabulary';
import { itemCategories, type ItemCategory } from '../items/vocabulary';
import { formatPartialDate } from '../core/dates';
import type { Language } from '../core/vocabulary';
import type { RawRow } from '../records/entity';
import { exportFormats } from './formats';

/** What an export is asked with: the filters of GET /incidents (no paging: the whole selection), a format and a language. */
export const exportQuerySchema = incidentFilterSchema
  .omit({ sort: true, page: true, pageSize: true })
  .extend({
    format: z.enum(exportFormats, { error: `format must be one of ${exportFormats.join(', ')}` }),
    /** The language of the labels meant for people (type labels, KML descriptions); columns keep their names. */
    lang: z.enum(['en', 'fr']).default('en'),
  });
export type ExportQuery = z.output<typeof exportQuerySchema>;

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

const noMateriel = () =>
  Object.fromEntries(itemCategories.keys.map((c) => [c, 0])) as Record<ItemCategory, number>;

/** The incidents of a selection the viewer may see, newest first, each with its materiel counted. */
export async function readSelection(
  db: Db,
  viewer: Viewer,
  selection: IncidentSelection,
  baseUrl: string,
): Promise<ExportRow[]> {
  // Two plain statements, merged here: a join of the grouped materiel is planned as a nested
  // loop when the store's statistics are stale (PGlite never analyses by itself), quadratic in
  // the selection. One snapshot for both. Every item of an incident the viewer may see is
  // visible too (policy.visibleItems), so the materiel is read for the selected incidents.
  const [rows, counts] = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const selected = selectFiltered(trx, viewer, selection);
      const incidents = await selected.orderBy('incidents.date', 'desc').orderBy('incidents.ref').execute();
      const materiel = await trx
        .selectFrom('live_items as items')
        .select([
          'items.incident_id',
          'items.category',
          sql<number>`count(*)::integer`.as('records'),
          sql<number>`sum(items.quantity)::integer`.as('objects'),
        ])
        .where('items.incident_id', 'in', selected.clearSelect().select('incidents.id'))
        .groupBy(['items.incident_id', 'items.category'])
        .execute();
      return [incidents, materiel] as const;
    });
  const materielOf = new Map<number, { items: number; materiel: Record<ItemCategory, number> }>();
  for (const c of counts) {
    let found = materielOf.get(c.incident_id);
    if (!found) {
      found = { items: 0, materiel: noMateriel() };
      materielOf.set(c.incident_id, found);
    }
    found.items += c.records;
    found.materiel[c.category as ItemCategory] += c.objects;
  }
  const none = { items: 0, materiel: noMateriel() };
  return rows.map((r) => {
    const { items, materiel } = materielOf.get(r.id) ?? none;
    return {
      ref: r.ref,
      date: formatPartialDate({ date: r.date, precision: r.date_precision }),
      type: r.type as IncidentType,
      country: r.country,
      admin1: r.admin1,
      place: r.place,
      lat: r.lat === null ? null : Number(r.lat),
      lon: r.lon === null ? null : Number(r.lon),
      target: r.target,
      actor: r.actor_name,
      attribution: r.attribution as Attribution,
      killed: r.killed,
      injured: r.injured,
      peacekeepers_killed: r.peacekeepers_killed,
      peacekeepers_injured: r.peacekeepers_injured,
      items,
      materiel,
      summary: r.summary,
      classification: r.classification as Classification,
      url: `${baseUrl.replace(/\/+$/, '')}/incidents/${encodeURIComponent(r.ref)}`,
    };
  });
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
  'killed',
  'injured',
  'peacekeepers_killed',
  'peacekeepers_injured',
  'items',
  ...materielColumns,
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
export const numericColumns: ReadonlySet<string> = new Set([
  'lat',
  'lon',
  'killed',
  'injured',
  'peacekeepers_killed',
  'peacekeepers_injured',
  'items',
  ...materielColumns,
]);

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

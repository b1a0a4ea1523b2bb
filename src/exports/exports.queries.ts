import { sql } from 'kysely';
import type { Viewer } from '../access/policy';
import { auditExport } from '../audit/audit';
import { formatPartialDate } from '../core/dates';
import type { Db } from '../db/store';
import { selectFiltered, type IncidentSelection } from '../incidents/incidents.queries';
import type { Attribution, Classification, IncidentType } from '../incidents/vocabulary';
import { itemCategories, type ItemCategory } from '../items/vocabulary';
import { csvTable, xlsxWorkbook } from '../transfer/export';
import type { ExportFormat } from './formats';
import { toGeoJson } from './geojson';
import { toKml } from './kml';
import { numericColumns, tableColumns, tableRow, type ExportHeader, type ExportRow } from './export-rows';
import type { ExportQuery } from './exports.schema';

export interface ExportFile {
  data: Buffer;
  contentType: string;
  fileName: string;
  /** The key of the export's audit entry. */
  exportId: string;
  /** Incidents in the selection. */
  selected: number;
  /** Incidents in the file: the map formats leave out those without coordinates. */
  written: number;
}

const contentTypes: Record<ExportFormat, string> = {
  geojson: 'application/geo+json',
  kml: 'application/vnd.google-earth.kml+xml; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** An audit entry names the incidents exported when they are this few; beyond, its filters say what was taken. */
const AUDITED_REFS = 1000;

const located = (row: ExportRow) => row.lat !== null && row.lon !== null;

/**
 * The viewer's selection of incidents (the filters of GET /incidents, under the same access
 * rules) as a file for other tools, recorded in the audit log: who took which selection, in
 * which format, and how many incidents. The entry is committed before the file is made, so no
 * export leaves unrecorded.
 */
export async function exportIncidents(
  db: Db,
  viewer: Viewer,
  query: ExportQuery,
  options: {
    actor: string;
    baseUrl: string;
    /** CSV separator (";" for French Excel). */
    delimiter?: string;
  },
): Promise<ExportFile> {
  const { format, lang, ...selection } = query;
  const rows = await readSelection(db, viewer, selection, options.baseUrl);
  const written = format === 'geojson' || format === 'kml' ? rows.filter(located) : rows;
  // Recorded before the file is made, so no file exists that the log does not know of.
  const exportId = await auditExport(db, options.actor, {
    format,
    filters: selection,
    ...(viewer.partner ? { partner: viewer.partner } : {}),
    selected: rows.length,
    written: written.length,
    withoutCoordinates: rows.length - rows.filter(located).length,
    ...(written.length <= AUDITED_REFS ? { refs: written.map((r) => r.ref) } : {}),
  });
  const header: ExportHeader = { exportId, at: new Date(), actor: options.actor, selected: rows.length };
  let data: Buffer;
  switch (format) {
    case 'geojson':
      data = Buffer.from(toGeoJson(written, lang, header));
      break;
    case 'kml':
      data = Buffer.from(toKml(written, lang, header));
      break;
    case 'csv':
      data = Buffer.from(
        csvTable(
          tableColumns,
          rows.map((r) => tableRow(r, lang)),
          options.delimiter,
          numericColumns,
        ),
      );
      break;
    case 'xlsx':
      data = await xlsxWorkbook([
        {
          name: 'incidents',
          columns: tableColumns,
          rows: rows.map((r) => tableRow(r, lang)),
          numbers: numericColumns,
        },
      ]);
      break;
  }
  const day = header.at.toISOString().slice(0, 10);
  return {
    data,
    contentType: contentTypes[format],
    fileName: `headstamp-incidents-${day}.${format}`,
    exportId,
    selected: rows.length,
    written: written.length,
  };
}

const noMateriel = () =>
  Object.fromEntries(itemCategories.keys.map((c) => [c, 0])) as Record<ItemCategory, number>;

/** The incidents of a selection the viewer may see, newest first, each with its materiel counted. */
async function readSelection(
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
      const selected = await selectFiltered(trx, viewer, selection);
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

import { Readable } from 'node:stream';
import { sql } from 'kysely';
import type { Viewer } from '../access/policy';
import { auditExport } from '../audit/audit';
import { formatPartialDate } from '../core/dates';
import type { Db } from '../db/store';
import { incidentsAfter, inOrder, selectFiltered } from '../incidents/incidents.queries';
import { itemCategories, type ItemCategory } from '../items/vocabulary';
import { csvPieces, xlsxStream } from '../transfer/export';
import type { ExportFormat } from './formats';
import { geoJsonPieces } from './geojson';
import { kmlPieces } from './kml';
import { numericColumns, tableColumns, tableRow, type ExportHeader, type ExportRow } from './export-rows';
import type { ExportQuery } from './exports.schema';

export interface ExportFile {
  /** The file, made as it is read: a batch of incidents at a time, in constant memory. */
  body: Readable;
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

/** Incidents read from the store at once while a file is made. */
const BATCH = 250;

/**
 * The viewer's selection of incidents (the filters of GET /incidents, under the same access
 * rules) as a file for other tools, recorded in the audit log: who took which selection, in
 * which format, and how many incidents. The entry is committed before the file is made, so no
 * export leaves unrecorded. The file is made as it is read, a batch of incidents at a time in
 * the list's order (newest first): a whole theatre neither sits in memory nor holds the
 * server's thread, and each batch reads the register as it stands then.
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
  const selected = await selectFiltered(db, viewer, selection);
  const located = selected.where('incidents.lat', 'is not', null).where('incidents.lon', 'is not', null);
  const map = format === 'geojson' || format === 'kml';
  const inFile = map ? located : selected;
  // Latitude and longitude are given together or not at all (a constraint): counting one counts both.
  const counts = await selected
    .clearSelect()
    .select([
      sql<number>`count(*)::integer`.as('all'),
      sql<number>`count(incidents.lat)::integer`.as('placed'),
    ])
    .executeTakeFirstOrThrow();
  const written = map ? counts.placed : counts.all;
  const refs =
    written <= AUDITED_REFS
      ? (await inOrder(inFile.clearSelect().select('incidents.ref'), '-date').execute()).map((r) => r.ref)
      : undefined;
  // Recorded before the file is made, so no file exists that the log does not know of.
  const exportId = await auditExport(db, options.actor, {
    format,
    filters: selection,
    ...(viewer.partner ? { partner: viewer.partner } : {}),
    selected: counts.all,
    written,
    withoutCoordinates: counts.all - counts.placed,
    ...(refs ? { refs } : {}),
  });
  const header: ExportHeader = { exportId, at: new Date(), actor: options.actor, selected: counts.all };
  const rows = (incidents: Selected) => exportRows(db, incidents, options.baseUrl);
  const table = () => mapRows(rows(inFile), (r) => tableRow(r, lang));
  let body: Readable;
  switch (format) {
    case 'geojson':
      body = Readable.from(geoJsonPieces(rows(located), written, lang, header));
      break;
    case 'kml': {
      const types = await located.clearSelect().select('incidents.type').distinct().execute();
      body = Readable.from(
        kmlPieces(
          types.map((t) => t.type),
          (type) => rows(located.where('incidents.type', '=', type)),
          written,
          lang,
          header,
        ),
      );
      break;
    }
    case 'csv':
      body = Readable.from(csvPieces(tableColumns, table(), options.delimiter, numericColumns));
      break;
    case 'xlsx':
      body = xlsxStream([
        { name: 'incidents', columns: tableColumns, rows: table(), numbers: numericColumns },
      ]);
      break;
  }
  const day = header.at.toISOString().slice(0, 10);
  return {
    body,
    contentType: contentTypes[format],
    fileName: `headstamp-incidents-${day}.${format}`,
    exportId,
    selected: counts.all,
    written,
  };
}

type Selected = Awaited<ReturnType<typeof selectFiltered>>;

async function* mapRows<T, R>(rows: AsyncIterable<T>, map: (row: T) => R): AsyncGenerator<R> {
  for await (const row of rows) yield map(row);
}

const noMateriel = () =>
  Object.fromEntries(itemCategories.keys.map((c) => [c, 0])) as Record<ItemCategory, number>;

/**
 * The incidents of a selection, newest first, each with its materiel counted: a batch at a
 * time, each read after the last one's final row (keyset paging, as the list pages). The
 * materiel is read for the batch's incidents: every item of an incident the viewer may see is
 * visible too (policy.visibleItems).
 */
async function* exportRows(db: Db, incidents: Selected, baseUrl: string): AsyncGenerator<ExportRow> {
  let after: { date: string; ref: string } | undefined;
  for (;;) {
    const batch = await inOrder(after ? incidents.where(incidentsAfter('-date', after)) : incidents, '-date')
      .limit(BATCH)
      .execute();
    if (batch.length === 0) return;
    const counts = await db
      .selectFrom('live_items as items')
      .select([
        'items.incident_id',
        'items.category',
        sql<number>`count(*)::integer`.as('records'),
        sql<number>`sum(items.quantity)::integer`.as('objects'),
      ])
      .where(
        'items.incident_id',
        'in',
        batch.map((r) => r.id),
      )
      .groupBy(['items.incident_id', 'items.category'])
      .execute();
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
    for (const r of batch) {
      const { items, materiel } = materielOf.get(r.id) ?? { items: 0, materiel: noMateriel() };
      yield {
        ref: r.ref,
        date: formatPartialDate({ date: r.date, precision: r.date_precision }),
        type: r.type,
        country: r.country,
        admin1: r.admin1,
        place: r.place,
        lat: r.lat === null ? null : Number(r.lat),
        lon: r.lon === null ? null : Number(r.lon),
        target: r.target,
        actor: r.actor_name,
        attribution: r.attribution,
        killed: r.killed,
        injured: r.injured,
        peacekeepers_killed: r.peacekeepers_killed,
        peacekeepers_injured: r.peacekeepers_injured,
        items,
        materiel,
        summary: r.summary,
        classification: r.classification,
        url: `${baseUrl.replace(/\/+$/, '')}/incidents/${encodeURIComponent(r.ref)}`,
      };
    }
    if (batch.length < BATCH) return;
    const last = batch.at(-1)!;
    after = { date: last.date, ref: last.ref };
  }
}

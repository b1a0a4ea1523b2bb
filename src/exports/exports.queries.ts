import type { Viewer } from '../access/policy';
import { auditExport } from '../audit/audit';
import type { Db } from '../db/store';
import { csvTable, xlsxWorkbook } from '../transfer/export';
import type { ExportFormat } from './formats';
import { toGeoJson } from './geojson';
import { toKml } from './kml';
import {
  numericColumns,
  readSelection,
  tableColumns,
  tableRow,
  type ExportHeader,
  type ExportQuery,
  type ExportRow,
} from './export-rows';

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

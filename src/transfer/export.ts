import ExcelJS from 'exceljs';
import { loadActors } from '../actors/actors.repository';
import { loadBaselineRecords } from '../baselines/baselines.repository';
import type { Db } from '../db/store';
import { loadEmbargoRecords } from '../embargoes/embargoes.repository';
import { loadIncidentRecords } from '../incidents/incidents.repository';
import { loadItemRecords } from '../items/items.repository';
import { canonicalFile, entityKinds, type EntityKind, type EntitySpec, type RawRow } from './entity';
import { specs } from './specs';

export type ExportedTables = Record<EntityKind, RawRow[]>;

/** Text compared character code by character code, as PGlite's "C" collation does, whatever the locale. */
function compareTexts(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const [x, y] = [a[i] ?? '', b[i] ?? ''];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * The whole register as canonical rows, in a stable order so that exports can be compared. The
 * rows are sorted here, not by the database: a server's collation (en_US, ICU) orders text
 * differently from PGlite's, and the same register must export the same files from either store.
 */
export async function exportTables(db: Db): Promise<ExportedTables> {
  const format = <R>(
    spec: EntitySpec<R>,
    records: Map<string, R>,
    order: (record: R, key: string) => string[],
  ) =>
    [...records]
      .map(([key, record]) => ({ record, order: order(record, key) }))
      .sort((a, b) => compareTexts(a.order, b.order))
      .map(({ record }) => spec.format(record));
  return {
    actors: format(specs.actors, (await loadActors(db)).records, (r, key) => [r.name, key]),
    incidents: format(specs.incidents, await loadIncidentRecords(db), (r) => [r.ref]),
    items: format(specs.items, await loadItemRecords(db), (r) => [r.ref]),
    baselines: format(specs.baselines, await loadBaselineRecords(db), (r, key) => [r.country, r.holder, key]),
    embargoes: format(specs.embargoes, await loadEmbargoRecords(db), (_, key) => [key]),
  };
}

/** Text a spreadsheet would run as a formula gets an apostrophe; import removes it again. */
function guardFormula(cell: string): string {
  return /^[=+\-@]/.test(cell) && !/^[+-]?\d/.test(cell) ? `'${cell}` : cell;
}

function quote(cell: string, delimiter: string): string {
  return cell.includes(delimiter) || /["\r\n]/.test(cell) || cell !== cell.trim()
    ? `"${cell.replace(/"/g, '""')}"`
    : cell;
}

/** RFC 4180 CSV with a BOM and CRLF line ends, which Excel opens as UTF-8 in every locale. */
export function toCsv(kind: EntityKind, rows: RawRow[], delimiter = ','): string {
  const names = specs[kind].columns.map((c) => c.name);
  const lines = [names, ...rows.map((row) => names.map((n) => guardFormula(row[n] ?? '')))];
  return (
    '\uFEFF' +
    lines.map((cells) => cells.map((c) => quote(c, delimiter)).join(delimiter)).join('\r\n') +
    '\r\n'
  );
}

/** One sheet per kind; every cell is text so codes like "0539" and partial dates stay as written. */
export async function toXlsx(tables: ExportedTables): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Headstamp';
  for (const kind of entityKinds) {
    const sheet = workbook.addWorksheet(canonicalFile[kind].replace(/\.csv$/, ''));
    const names = specs[kind].columns.map((c) => c.name);
    sheet.columns = names.map((name) => ({
      header: name,
      key: name,
      width: Math.max(10, name.length + 2),
      style: { numFmt: '@' },
    }));
    sheet.getRow(1).font = { bold: true };
    for (const row of tables[kind]) sheet.addRow(names.map((n) => guardFormula(row[n] ?? '')));
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

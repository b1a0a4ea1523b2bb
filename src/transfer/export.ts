import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { loadActors } from '../actors/actors.repository';
import { loadBaselineRecords } from '../baselines/baselines.repository';
import type { Db } from '../db/store';
import { loadEmbargoRecords } from '../embargoes/embargoes.repository';
import { loadIncidentRecords } from '../incidents/incidents.repository';
import { loadItemRecords } from '../items/items.repository';
import { canonicalFile, entityKinds, type EntityKind, type EntitySpec, type RawRow } from '../records/entity';
import { specs } from '../register/specs';

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
  return csvTable(
    specs[kind].columns.map((c) => c.name),
    rows,
    delimiter,
  );
}

/** Any table as toCsv writes it: the named columns of each row, in that order. */
export function csvTable(names: readonly string[], rows: RawRow[], delimiter = ','): string {
  const lines = [names, ...rows.map((row) => names.map((n) => guardFormula(row[n] ?? '')))];
  return (
    '\uFEFF' +
    lines.map((cells) => cells.map((c) => quote(c, delimiter)).join(delimiter)).join('\r\n') +
    '\r\n'
  );
}

/** One sheet per kind; every cell is text so codes like "0539" and partial dates stay as written. */
export async function toXlsx(tables: ExportedTables): Promise<Buffer> {
  return xlsxWorkbook(
    entityKinds.map((kind) => ({
      name: canonicalFile[kind].replace(/\.csv$/, ''),
      columns: specs[kind].columns.map((c) => c.name),
      rows: tables[kind],
    })),
  );
}

/**
 * A workbook as toXlsx writes it: a bold, frozen header row of column names, then text cells,
 * except in the columns named in `numbers`, whose cells are numbers (to sum and sort). Written
 * row by row with ExcelJS's streaming writer, several times faster than building it whole.
 */
export async function xlsxWorkbook(
  sheets: { name: string; columns: readonly string[]; rows: RawRow[]; numbers?: ReadonlySet<string> }[],
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useSharedStrings: true,
    useStyles: true,
  });
  workbook.creator = 'Headstamp';
  for (const { name, columns, rows, numbers } of sheets) {
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = columns.map((column) => ({
      header: column,
      key: column,
      width: Math.max(10, column.length + 2),
      style: numbers?.has(column) ? {} : { numFmt: '@' },
    }));
    sheet.getRow(1).font = { bold: true };
    for (const row of rows) {
      sheet
        .addRow(
          columns.map((n) => {
            const cell = row[n] ?? '';
            return numbers?.has(n) && cell !== '' ? Number(cell) : guardFormula(cell);
          }),
        )
        .commit();
    }
    sheet.commit();
  }
  await workbook.commit();
  return Buffer.concat(chunks);
}

import { PassThrough, type Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import ExcelJS from 'exceljs';
import { loadActors } from '../actors/actors.repository';
import { loadBaselineRecords } from '../baselines/baselines.repository';
import type { Db } from '../db/store';
import { loadEmbargoRecords } from '../embargoes/embargoes.repository';
import { loadIncidentRecords } from '../incidents/incidents.repository';
import { loadItemRecords } from '../items/items.repository';
import {
  canonicalFile,
  entityKinds,
  numericColumnsOf,
  type EntityKind,
  type EntitySpec,
  type RawRow,
} from '../records/entity';
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
 * The whole register as canonical rows, deleted records left out (they are kept only for the
 * audit trail, and an import refuses them), in a stable order so that exports can be compared. The
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
    incidents: format(specs.incidents, await loadIncidentRecords(db, undefined, { live: true }), (r) => [
      r.ref,
    ]),
    items: format(specs.items, await loadItemRecords(db, undefined, { live: true }), (r) => [r.ref]),
    baselines: format(specs.baselines, await loadBaselineRecords(db), (r, key) => [r.country, r.holder, key]),
    embargoes: format(specs.embargoes, await loadEmbargoRecords(db), (_, key) => [key]),
  };
}

/**
 * What a spreadsheet may run as a formula: a cell starting with `=`, `+`, `-` or `@` (Excel
 * reads `-1+cmd|' /C calc'!A0` and `+1+HYPERLINK(…)` as formulas as readily as `=…`), or with a
 * tab or carriage return before one. Apostrophes before it count too, so that a cell that already
 * starts with the guard's apostrophe gets one more and comes back whole on import.
 */
export const FORMULA_START = /^'*[=+\-@\t\r]/;

/** A plain number, which no spreadsheet runs: what a numeric column may hold unguarded. */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The one formula guard of every CSV and XLSX Headstamp writes (the canonical files, the
 * incident export, the convention registers, the case-file package): a cell a spreadsheet would
 * run gets an apostrophe, which import removes again (`rowCells`). In a numeric column a plain
 * number is left alone, so a negative longitude or count stays a number; anything else there
 * is guarded like text.
 */
export function guardCell(cell: string, numeric = false): string {
  if (numeric && PLAIN_NUMBER.test(cell)) return cell;
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
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
    numericColumnsOf(specs[kind]),
  );
}

/** One CSV line, CRLF-ended: the named cells of a row, guarded, quoted where they need it. */
function csvLine(
  names: readonly string[],
  row: RawRow,
  delimiter: string,
  numbers: ReadonlySet<string>,
): string {
  return `${names.map((n) => quote(guardCell(row[n] ?? '', numbers.has(n)), delimiter)).join(delimiter)}\r\n`;
}

/** The BOM and the header line. */
const csvHead = (names: readonly string[], delimiter: string) =>
  `\uFEFF${csvLine(names, Object.fromEntries(names.map((n) => [n, n])), delimiter, new Set())}`;

/**
 * Any table as toCsv writes it: the named columns of each row, in that order, every cell
 * guarded against formulas but plain numbers in the columns named in `numbers`.
 */
export function csvTable(
  names: readonly string[],
  rows: RawRow[],
  delimiter = ',',
  numbers: ReadonlySet<string> = new Set(),
): string {
  return csvHead(names, delimiter) + rows.map((row) => csvLine(names, row, delimiter, numbers)).join('');
}

/** A file made as it is read is handed on in pieces of text of about this many characters. */
export const PIECE = 64 * 1024;

/** A table as csvTable writes it, made as its rows come: a piece of text at a time. */
export async function* csvPieces(
  names: readonly string[],
  rows: AsyncIterable<RawRow>,
  delimiter = ',',
  numbers: ReadonlySet<string> = new Set(),
): AsyncGenerator<string> {
  let piece = csvHead(names, delimiter);
  for await (const row of rows) {
    piece += csvLine(names, row, delimiter, numbers);
    if (piece.length >= PIECE) {
      yield piece;
      piece = '';
    }
  }
  yield piece;
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

/** A sheet of a workbook: its rows as a list, or as they come (from the store, a batch at a time). */
export interface XlsxSheet {
  name: string;
  columns: readonly string[];
  rows: Iterable<RawRow> | AsyncIterable<RawRow>;
  numbers?: ReadonlySet<string>;
}

/**
 * A workbook as toXlsx writes it: a bold, frozen header row of column names, then text cells,
 * except in the columns named in `numbers`, whose cells are numbers (to sum and sort).
 */
export async function xlsxWorkbook(sheets: XlsxSheet[]): Promise<Buffer> {
  return buffer(xlsxStream(sheets));
}

/**
 * xlsxWorkbook read as it is made: ExcelJS's streaming writer commits each row as it comes and
 * waits for the reader before taking more rows; only the table of distinct strings, written at
 * the end, is held (strings written in their cells instead come out as formula results, which
 * readers, ExcelJS's own among them, take for empty cells). A reader that goes away (a client
 * leaving) stops it.
 */
export function xlsxStream(sheets: XlsxSheet[]): Readable {
  const out = new PassThrough();
  const room = () =>
    new Promise<void>((resolve) => {
      out.once('drain', resolve);
      out.once('close', resolve);
    });
  const write = async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
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
      for await (const row of rows) {
        if (out.destroyed) return;
        sheet
          .addRow(
            columns.map((n) => {
              const cell = row[n] ?? '';
              // A number cell only for a plain number: anything else stays guarded text.
              return numbers?.has(n) && PLAIN_NUMBER.test(cell) ? Number(cell) : guardCell(cell);
            }),
          )
          .commit();
        if (out.writableNeedDrain) await room();
      }
      sheet.commit();
    }
    await workbook.commit();
  };
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}

import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { Unzip, UnzipInflate, unzipSync, zipSync } from 'fflate';
import type { Table } from '../records/entity';

/**
 * How much one import may hold. A workbook is a zip: a few megabytes can expand to gigabytes of
 * sheet XML (a zip bomb), and every row costs time in the single thread that also answers
 * requests. Both are bounded before the work is done, with a message naming the setting.
 */
export interface ReadLimits {
  /** Rows of all the files of one import, headers aside (HEADSTAMP_IMPORT_MAX_ROWS). */
  maxRows: number;
  /** Bytes a workbook may expand to, all its parts together (HEADSTAMP_IMPORT_MAX_MB). */
  maxExpandedBytes: number;
}

export const defaultReadLimits: ReadLimits = { maxRows: 100_000, maxExpandedBytes: 100 * 1024 * 1024 };

/** What is left of the import's row allowance, shared by its files. */
export class RowBudget {
  #used = 0;
  constructor(readonly limits: ReadLimits = defaultReadLimits) {}
  /** Counts one row; false once the import holds more than allowed. */
  take(): boolean {
    return ++this.#used <= this.limits.maxRows;
  }
  get refusal(): string {
    return `the import holds more than ${this.limits.maxRows.toLocaleString('en')} rows, the most one import may hold (HEADSTAMP_IMPORT_MAX_ROWS): split it into smaller imports; nothing was written`;
  }
}

const MB = 1024 * 1024;
// Rows read between two turns of the event loop: the server answers others in between.
const ROWS_PER_TURN = 2000;
const CSV_CHUNK_CHARS = 256 * 1024;
// Compressed bytes inflated per turn: deflate expands at most ~1,000-fold, so ≤ 16 MB per turn.
const ZIP_CHUNK_BYTES = 16 * 1024;

/** One table as read from a CSV file or an XLSX sheet, before its columns are interpreted. */
export interface ReadProblem {
  line?: number;
  column?: string;
  message: string;
}

export type ReadResult = { tables: Table[]; warnings: ReadProblem[] } | { errors: ReadProblem[] };

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const startsWith = (data: Uint8Array, bytes: number[]) => bytes.every((b, i) => data[i] === b);

const BINARY = 'this file is binary, not CSV text';

/** Decodes a CSV file whatever Excel saved it as: UTF-8 with or without BOM, UTF-16, or Windows-1252. */
export function decodeText(data: Uint8Array): { text: string; warning?: string } | { error: string } {
  const decoded = decodeBytes(data);
  // A NUL anywhere, not only in the first bytes looked at, means binary data; PostgreSQL text
  // could not store it anyway, and the import would fail in the database instead of here.
  if ('text' in decoded && decoded.text.includes('\u0000')) return { error: BINARY };
  return decoded;
}

function decodeBytes(data: Uint8Array): { text: string; warning?: string } | { error: string } {
  if (startsWith(data, [0xef, 0xbb, 0xbf]))
    return { text: new TextDecoder('utf-8').decode(data.subarray(3)) };
  if (startsWith(data, [0xff, 0xfe])) return { text: new TextDecoder('utf-16le').decode(data.subarray(2)) };
  if (startsWith(data, [0xfe, 0xff])) return { text: new TextDecoder('utf-16be').decode(data.subarray(2)) };
  if (startsWith(data, ZIP_SIGNATURE))
    return { error: 'this is a zip or XLSX file, not CSV text: give it the .xlsx extension' };
  if (data.subarray(0, 4096).includes(0)) return { error: BINARY };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(data) };
  } catch {
    return {
      text: new TextDecoder('windows-1252').decode(data),
      warning:
        'the file is not UTF-8; it was read as Windows-1252 (Western European), as older Excel saves CSV',
    };
  }
}

/** Comma, semicolon (French Excel) or tab: whichever the header line uses most. */
function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', ';', '\t'].map((d) => ({ d, n: firstLine.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0]!.n > 0 ? counts[0]!.d : ',';
}

interface CsvParseError extends Error {
  code?: string;
  lines?: number;
}

export async function readCsv(
  source: string,
  name: string,
  data: Uint8Array,
  budget: RowBudget = new RowBudget(),
): Promise<ReadResult> {
  const decoded = decodeText(data);
  if ('error' in decoded) return { errors: [{ message: decoded.error }] };
  const warnings: ReadProblem[] = decoded.warning ? [{ message: decoded.warning }] : [];
  if (decoded.text.trim() === '')
    return { errors: [{ message: 'the file is empty: a header row is expected' }] };
  // csv-parse counts a CRLF inside a quoted cell as two lines, which shifts the line numbers of
  // every later row; cells are whitespace-normalised on reading anyway, so nothing else changes.
  const text = decoded.text.replace(/\r\n/g, '\n');
  const records: { record: string[]; info: { lines: number } }[] = [];
  // Parsed as a stream fed a piece at a time, with a turn of the event loop between pieces, and
  // abandoned as soon as the file holds more rows than allowed.
  async function* pieces() {
    for (let i = 0; i < text.length; i += CSV_CHUNK_CHARS) {
      yield text.slice(i, i + CSV_CHUNK_CHARS);
      await nextTurn();
    }
  }
  const input = Readable.from(pieces());
  const parser = parse({
    delimiter: detectDelimiter(text),
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    info: true,
  });
  try {
    for await (const record of input.pipe(parser)) {
      records.push(record as { record: string[]; info: { lines: number } });
      // The first record is the header (empty lines before it are rare and cost nothing).
      if (records.length > 1 && !budget.take()) return { errors: [{ message: budget.refusal }] };
    }
  } catch (error) {
    const e = error as CsvParseError;
    const message =
      e.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'a quoted field is never closed: the file looks truncated'
        : `the file is not valid CSV (${e.message})`;
    return { errors: [{ line: e.lines, message }] };
  } finally {
    input.destroy();
    parser.destroy();
  }
  let previousEnd = 0;
  const lines = records.map(({ record, info }) => {
    const line = previousEnd + 1;
    previousEnd = info.lines;
    return { line, cells: record };
  });
  const nonEmpty = lines.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const [header, ...rows] = nonEmpty;
  if (!header) return { errors: [{ message: 'the file is empty: a header row is expected' }] };
  const errors: ReadProblem[] = [];
  for (const row of rows) {
    if (row.cells.length < header.cells.length) {
      errors.push({
        line: row.line,
        message: `row has ${row.cells.length} fields but the header has ${header.cells.length}: the row looks truncated`,
      });
    } else if (
      row.cells.length > header.cells.length &&
      row.cells.slice(header.cells.length).some((c) => c.trim() !== '')
    ) {
      errors.push({
        line: row.line,
        message: `row has ${row.cells.length} fields but the header has ${header.cells.length}: check for an unquoted separator`,
      });
    }
  }
  if (errors.length > 0) return { errors };
  return { tables: [{ source, name, header: header.cells, headerLine: header.line, rows }], warnings };
}

function cellText(value: ExcelJS.CellValue): string | { error: string } {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof value === 'object') {
    if ('error' in value) return { error: `the cell holds the spreadsheet error ${String(value.error)}` };
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value)
      return cellText((value as ExcelJS.CellFormulaValue).result ?? null);
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value);
}

/**
 * Inflates a workbook within the limit, refusing it before anything else reads it: first by the
 * sizes its directory declares, then (a zip can lie about them) by counting what comes out, a
 * piece at a time, stopping at the limit. Returns the workbook again as an uncompressed zip with
 * its parts in the order the streaming reader needs (workbook, styles and shared strings before
 * the sheets): in another order it cannot name the sheets or tell dates from numbers.
 */
async function inflateWorkbook(
  data: Uint8Array,
  maxBytes: number,
): Promise<{ zip: Uint8Array } | { error: string }> {
  const unreadable = (error: unknown) => ({
    error: `not a readable XLSX workbook (${error instanceof Error ? error.message : String(error)}); the file may be truncated or not .xlsx`,
  });
  const refusal = (size: string) => ({
    error: `the workbook expands to ${size}, more than the ${Math.round(maxBytes / MB)} MB one import may hold (HEADSTAMP_IMPORT_MAX_MB): it may be a zip bomb, or split it into smaller workbooks; nothing was written`,
  });
  let declared = 0;
  try {
    // The filter sees each entry's declared sizes and keeps none: nothing is inflated here.
    unzipSync(data, {
      filter: (file) => {
        declared += file.originalSize;
        return false;
      },
    });
  } catch (error) {
    return unreadable(error);
  }
  if (declared > maxBytes) return refusal(`${Math.round(declared / MB)} MB by its own account`);
  let inflated = 0;
  let failure: { error: string } | undefined;
  const parts = new Map<string, Uint8Array[]>();
  const unzip = new Unzip((file) => {
    const chunks: Uint8Array[] = [];
    parts.set(file.name, chunks);
    file.ondata = (error, chunk) => {
      if (error) failure ??= unreadable(error);
      if (!chunk) return;
      inflated += chunk.length;
      if (inflated > maxBytes) {
        failure ??= refusal(`more than it declares (over ${Math.round(maxBytes / MB)} MB)`);
        file.terminate();
        return;
      }
      chunks.push(chunk);
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let i = 0; i < data.length && !failure; i += ZIP_CHUNK_BYTES) {
      const end = Math.min(i + ZIP_CHUNK_BYTES, data.length);
      unzip.push(data.subarray(i, end), end === data.length);
      await nextTurn();
    }
  } catch (error) {
    failure ??= unreadable(error);
  }
  if (failure) return failure;
  const rank = (name: string) =>
    /^xl\/worksheets\/sheet\d+\.xml$/.test(name) ? 2 : name.startsWith('xl/worksheets/') ? 3 : 1;
  const ordered = [...parts.keys()].sort((a, b) => rank(a) - rank(b));
  const files: Record<string, [Uint8Array, { level: 0 }]> = {};
  for (const name of ordered) {
    const chunks = parts.get(name)!;
    files[name] = [chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), { level: 0 }];
  }
  try {
    return { zip: zipSync(files) };
  } catch (error) {
    return unreadable(error);
  }
}

/**
 * Excel writes characters XML cannot hold as `_xHHHH_` (and a literal `_x` as `_x005F_x`); the
 * streaming reader leaves them as written, so they are decoded here, in one pass.
 */
function decodeExcelEscapes(text: string): string {
  return text.includes('_x')
    ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : text;
}

export async function readXlsx(
  source: string,
  data: Uint8Array,
  budget: RowBudget = new RowBudget(),
): Promise<ReadResult> {
  const inflated = await inflateWorkbook(data, budget.limits.maxExpandedBytes);
  if ('error' in inflated) return { errors: [{ message: inflated.error }] };
  const tables: Table[] = [];
  const errors: ReadProblem[] = [];
  // The streaming reader holds one row at a time, not the whole workbook: memory stays small
  // and reading stops at the row limit instead of after the last row.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(inflated.zip)]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  let read = 0;
  try {
    for await (const sheet of reader) {
      // exceljs sets the sheet's name from the workbook but its typings leave it out.
      const sheetName = (sheet as unknown as { name: string }).name;
      const rows: { line: number; cells: string[] }[] = [];
      for await (const row of sheet) {
        const line = row.number;
        const values = Array.isArray(row.values) ? row.values.slice(1) : [];
        const cells = Array.from(values, (value, index) => {
          let text = cellText(value ?? null);
          if (typeof text === 'string') text = decodeExcelEscapes(text);
          // Excel writes control characters as `_x0000_`, which exceljs decodes: PostgreSQL cannot store NUL.
          if (typeof text === 'string' && text.includes('\u0000'))
            text = { error: 'the cell holds a NUL character' };
          if (typeof text === 'string') return text;
          errors.push({ line, column: `${sheetName} column ${index + 1}`, message: text.error });
          return '';
        });
        if (!cells.some((c) => c.trim() !== '')) continue;
        if (rows.length > 0 && !budget.take()) return { errors: [{ message: budget.refusal }] };
        rows.push({ line, cells });
        if (++read % ROWS_PER_TURN === 0) await nextTurn();
      }
      const [header, ...body] = rows;
      if (header)
        tables.push({
          source: `${source}[${sheetName}]`,
          name: sheetName,
          header: header.cells,
          headerLine: header.line,
          rows: body,
        });
    }
  } catch (error) {
    return {
      errors: [
        {
          message: `not a readable XLSX workbook (${(error as Error).message}); the file may be truncated or not .xlsx`,
        },
      ],
    };
  }
  if (errors.length > 0) return { errors };
  if (tables.length === 0) return { errors: [{ message: 'the workbook has no sheet with a header row' }] };
  return { tables, warnings: [] };
}

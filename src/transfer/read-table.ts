import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Table } from '../records/entity';

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

export function readCsv(source: string, name: string, data: Uint8Array): ReadResult {
  const decoded = decodeText(data);
  if ('error' in decoded) return { errors: [{ message: decoded.error }] };
  const warnings: ReadProblem[] = decoded.warning ? [{ message: decoded.warning }] : [];
  if (decoded.text.trim() === '')
    return { errors: [{ message: 'the file is empty: a header row is expected' }] };
  // csv-parse counts a CRLF inside a quoted cell as two lines, which shifts the line numbers of
  // every later row; cells are whitespace-normalised on reading anyway, so nothing else changes.
  const text = decoded.text.replace(/\r\n/g, '\n');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const e = error as CsvParseError;
    const message =
      e.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'a quoted field is never closed: the file looks truncated'
        : `the file is not valid CSV (${e.message})`;
    return { errors: [{ line: e.lines, message }] };
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

export async function readXlsx(source: string, data: Uint8Array): Promise<ReadResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (error) {
    return {
      errors: [
        {
          message: `not a readable XLSX workbook (${(error as Error).message}); the file may be truncated or not .xlsx`,
        },
      ],
    };
  }
  const tables: Table[] = [];
  const errors: ReadProblem[] = [];
  workbook.eachSheet((sheet) => {
    const rows: { line: number; cells: string[] }[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, line) => {
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      const cells = Array.from(values, (value, index) => {
        let text = cellText(value ?? null);
        // Excel writes control characters as `_x0000_`, which exceljs decodes: PostgreSQL cannot store NUL.
        if (typeof text === 'string' && text.includes('\u0000'))
          text = { error: 'the cell holds a NUL character' };
        if (typeof text === 'string') return text;
        errors.push({ line, column: `${sheet.name} column ${index + 1}`, message: text.error });
        return '';
      });
      if (cells.some((c) => c.trim() !== '')) rows.push({ line, cells });
    });
    const [header, ...body] = rows;
    if (header)
      tables.push({
        source: `${source}[${sheet.name}]`,
        name: sheet.name,
        header: header.cells,
        headerLine: header.line,
        rows: body,
      });
  });
  if (errors.length > 0) return { errors };
  if (tables.length === 0) return { errors: [{ message: 'the workbook has no sheet with a header row' }] };
  return { tables, warnings: [] };
}

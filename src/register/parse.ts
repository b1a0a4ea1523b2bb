import { problemOfIssue } from '../core/problems';
import type { ActorRecord } from '../actors/actor.record';
import type { BaselineRecord } from '../baselines/baseline.record';
import type { EmbargoRecord } from '../embargoes/embargo.record';
import type { IncidentRecord } from '../incidents/incident.record';
import type { ItemRecord } from '../items/item.record';
import { entityKinds, type EntityKind, type EntitySpec, type RawRow, type Table } from '../records/entity';
import type { ImportReport, TableSummary } from './report';
import { mapColumns, rowCells, specs } from './specs';

// The first steps of every write to the register: each row read by its record's schema, then
// the rows that claim the same key.

export interface Located<R> {
  file: string;
  line: number;
  record: R;
}

export type Parsed = { [K in EntityKind]: Located<RecordOf[K]>[] };

/** Rows refused by their own checks, as their cells. */
export interface Refused {
  incidents: Located<RawRow>[];
  items: Located<RawRow>[];
}

/** The tables of an import read by their schemas: what a write still checks, then writes. */
export interface ReadRows {
  parsed: Parsed;
  /** False when a table's header could not be read: nothing more is checked. */
  headersRead: boolean;
  refused: Refused;
}
export type RecordOf = {
  actors: ActorRecord;
  incidents: IncidentRecord;
  items: ItemRecord;
  baselines: BaselineRecord;
  embargoes: EmbargoRecord;
};

/**
 * Cells that name or identify something (refs, names, models, lots, serials…) end up in indexes,
 * and PostgreSQL cannot index a value of more than about 2.7 kB: such cells are limited, with a
 * clear error rather than a database failure. Free-text columns are not.
 */
const MAX_SHORT_CELL = 200;
const FREE_TEXT_COLUMNS = new Set(['summary', 'notes', 'markings', 'source', 'target', 'aliases', 'actors']);
/** A row's key (baselines join nine cells) is indexed too. */
const MAX_KEY_BYTES = 2000;

/**
 * Every row of the tables read by its record's schema, and each table's summary in
 * `report.tables` (its counts filled in when written). Pure, so an import can run it in a
 * worker thread. Rows refused on their own are kept as their cells: what they name is still
 * checked against the register, and what names them is not reported as naming nothing.
 */
export function parseTables(tables: { kind: EntityKind; table: Table }[], report: ImportReport): ReadRows {
  const read: ReadRows = {
    parsed: { actors: [], incidents: [], items: [], baselines: [], embargoes: [] },
    headersRead: true,
    refused: { incidents: [], items: [] },
  };
  const tableOf = new Map<string, TableSummary>();
  for (const { kind, table } of tables) {
    const { headerRead, refused } = parseTable(kind, table, read.parsed, report);
    read.headersRead &&= headerRead;
    if (kind === 'incidents' || kind === 'items') read.refused[kind].push(...refused);
    tableOf.set(table.source, {
      file: table.source,
      kind,
      rows: table.rows.length,
      created: 0,
      updated: 0,
      unchanged: 0,
    });
  }
  report.tables = [...tableOf.values()];
  return read;
}

/** A table's rows into `parsed`; whether its header could be read, and the rows refused. */
function parseTable(
  kind: EntityKind,
  table: Table,
  parsed: Parsed,
  report: ImportReport,
): { headerRead: boolean; refused: Located<RawRow>[] } {
  const spec = specs[kind] as EntitySpec<RecordOf[typeof kind]>;
  const map = mapColumns(spec, table.header);
  const headerLine = table.headerLine;
  if (map.unknown.length > 0) {
    report.warnings.push({
      file: table.source,
      line: headerLine,
      message: `unknown columns ignored: ${map.unknown.join(', ')}`,
    });
  }
  for (const name of map.duplicated)
    report.errors.push({
      file: table.source,
      line: headerLine,
      column: name,
      message: 'this column appears twice',
      code: 'column_twice',
    });
  for (const name of map.missing)
    report.errors.push({
      file: table.source,
      line: headerLine,
      column: name,
      message: 'required column is missing',
      code: 'column_missing',
    });
  if (map.missing.length > 0 || map.duplicated.length > 0) return { headerRead: false, refused: [] };
  const refused: Located<RawRow>[] = [];
  for (const row of table.rows) {
    const cells = rowCells(map, row.cells) satisfies RawRow;
    const refuse = () => refused.push({ file: table.source, line: row.line, record: cells });
    const tooLong = Object.entries(cells).filter(
      ([name, cell]) => !FREE_TEXT_COLUMNS.has(name) && cell.trim().length > MAX_SHORT_CELL,
    );
    for (const [name, cell] of tooLong) {
      report.errors.push({
        file: table.source,
        line: row.line,
        column: name,
        message: `the cell is ${cell.trim().length} characters long; at most ${MAX_SHORT_CELL} are allowed in this column`,
        code: 'too_long',
        params: { max: MAX_SHORT_CELL },
      });
    }
    if (tooLong.length > 0) {
      refuse();
      continue;
    }
    const result = spec.schema.safeParse(cells);
    if (result.success) {
      (parsed[kind] as Located<unknown>[]).push({ file: table.source, line: row.line, record: result.data });
    } else {
      refuse();
      for (const issue of result.error.issues) {
        report.errors.push({
          file: table.source,
          line: row.line,
          column: String(issue.path[0] ?? ''),
          message: issue.message,
          ...problemOfIssue(issue),
        });
      }
    }
  }
  return { headerRead: true, refused };
}

export function findDuplicates(parsed: Parsed, report: ImportReport) {
  for (const kind of entityKinds) {
    const spec = specs[kind] as EntitySpec<unknown>;
    const seen = new Map<string, Located<unknown>>();
    for (const located of parsed[kind] as Located<unknown>[]) {
      const key = spec.key(located.record);
      const first = seen.get(key);
      if (Buffer.byteLength(key) > MAX_KEY_BYTES) {
        report.errors.push({
          file: located.file,
          line: located.line,
          message: `the cells that identify this row are too long together (${Buffer.byteLength(key)} bytes; at most ${MAX_KEY_BYTES})`,
          code: 'key_too_long',
          params: { max: MAX_KEY_BYTES },
        });
      } else if (first) {
        report.errors.push({
          file: located.file,
          line: located.line,
          column: spec.columns[0]!.name,
          message: `"${key}" appears twice (first at ${first.file}:${first.line})`,
          code: 'given_twice',
          params: { key },
        });
      } else seen.set(key, located);
    }
  }
}

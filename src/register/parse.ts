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
 * worker thread.
 */
export function parseTables(tables: { kind: EntityKind; table: Table }[], report: ImportReport): Parsed {
  const parsed: Parsed = { actors: [], incidents: [], items: [], baselines: [], embargoes: [] };
  const tableOf = new Map<string, TableSummary>();
  for (const { kind, table } of tables) {
    parseTable(kind, table, parsed, report);
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
  return parsed;
}

function parseTable(kind: EntityKind, table: Table, parsed: Parsed, report: ImportReport) {
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
    });
  for (const name of map.missing)
    report.errors.push({
      file: table.source,
      line: headerLine,
      column: name,
      message: 'required column is missing',
    });
  if (map.missing.length > 0 || map.duplicated.length > 0) return;
  for (const row of table.rows) {
    const cells = rowCells(map, row.cells) satisfies RawRow;
    const tooLong = Object.entries(cells).filter(
      ([name, cell]) => !FREE_TEXT_COLUMNS.has(name) && cell.trim().length > MAX_SHORT_CELL,
    );
    for (const [name, cell] of tooLong) {
      report.errors.push({
        file: table.source,
        line: row.line,
        column: name,
        message: `the cell is ${cell.trim().length} characters long; at most ${MAX_SHORT_CELL} are allowed in this column`,
      });
    }
    if (tooLong.length > 0) continue;
    const result = spec.schema.safeParse(cells);
    if (result.success) {
      (parsed[kind] as Located<unknown>[]).push({ file: table.source, line: row.line, record: result.data });
    } else {
      for (const issue of result.error.issues) {
        report.errors.push({
          file: table.source,
          line: row.line,
          column: String(issue.path[0] ?? ''),
          message: issue.message,
        });
      }
    }
  }
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
        });
      } else if (first) {
        report.errors.push({
          file: located.file,
          line: located.line,
          column: spec.columns[0]!.name,
          message: `"${key}" appears twice (first at ${first.file}:${first.line})`,
        });
      } else seen.set(key, located);
    }
  }
}

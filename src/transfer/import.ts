import { basename, extname } from 'node:path';
import { type ActorRecord } from '../actors/actor.record';
import { loadActors, writeActors, type ActorIndex } from '../actors/actors.repository';
import { AuditTrail } from '../audit/audit';
import type { BaselineRecord } from '../baselines/baseline.record';
import { writeBaselines } from '../baselines/baselines.repository';
import type { Db, Tx } from '../db/store';
import type { EmbargoRecord } from '../embargoes/embargo.record';
import { writeEmbargoes } from '../embargoes/embargoes.repository';
import type { IncidentRecord } from '../incidents/incident.record';
import { incidentIdsByRef, writeIncidents, type Provenance } from '../incidents/incidents.repository';
import type { ItemRecord } from '../items/item.record';
import { writeItems } from '../items/items.repository';
import { refreshLeads } from '../leads/engine';
import type { LeadSettings } from '../leads/settings';
import { loadNormaliser } from '../reference/reference.repository';
import type { Normaliser } from '../reference/normalise';
import { identify } from '../samples/sample';
import { entityKinds, type EntityKind, type EntitySpec, type RawRow } from '../records/entity';
import { readCsv, readXlsx, type ReadResult, type Table } from './read-table';
import { kindFromName, mapColumns, rowCells, specs } from './specs';

export interface ImportInput {
  /** The file name as the user knows it; its extension says CSV or XLSX. */
  name: string;
  data: Uint8Array;
  /** Overrides the kind read from the file name (CSV only). */
  kind?: EntityKind;
}

export interface ImportProblem {
  file: string;
  line?: number;
  column?: string;
  message: string;
}

export interface TableSummary {
  file: string;
  kind: EntityKind;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
}

/** A row that the import adds or changes (unchanged rows are only counted). */
export interface RowChange {
  file: string;
  line: number;
  kind: EntityKind;
  key: string;
  change: 'create' | 'update';
}

/** How many changed rows a report names one by one: a preview to read, not a copy of the file. */
export const MAX_LISTED_CHANGES = 500;

export interface ImportReport {
  ok: boolean;
  dryRun: boolean;
  errors: ImportProblem[];
  warnings: ImportProblem[];
  tables: TableSummary[];
  /** The first MAX_LISTED_CHANGES rows added or changed, in write order; the tables count them all. */
  changes: RowChange[];
}

export interface ImportOptions {
  dryRun?: boolean;
  /** Who is importing, for the audit log. */
  user: string;
  /** Thresholds for the leads brought up to date in the same transaction. */
  leadSettings?: LeadSettings;
  /** Who documented new incidents, and whether they still await review (the API's drafts). */
  provenance?: Provenance;
}

export function formatProblem(p: ImportProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}`;
  return p.column ? `${where}: ${p.column}: ${p.message}` : `${where}: ${p.message}`;
}

interface Located<R> {
  file: string;
  line: number;
  record: R;
}

type Parsed = { [K in EntityKind]: Located<RecordOf[K]>[] };
type RecordOf = {
  actors: ActorRecord;
  incidents: IncidentRecord;
  items: ItemRecord;
  baselines: BaselineRecord;
  embargoes: EmbargoRecord;
};

class DryRunRollback extends Error {}

async function readInput(input: ImportInput): Promise<ReadResult> {
  const extension = extname(input.name).toLowerCase();
  if (extension === '.xlsx') return readXlsx(input.name, input.data);
  if (extension === '.csv' || extension === '.txt' || extension === '.tsv')
    // The kind comes from the file's own name: a folder such as `incident-2021/` must not decide it.
    return readCsv(input.name, basename(input.name), input.data);
  return {
    errors: [
      {
        message: `cannot import a ${extension || 'extension-less'} file: give a .csv file or an .xlsx workbook`,
      },
    ],
  };
}

/**
 * Reads canonical CSV files and XLSX workbooks and writes them all-or-nothing: any bad row
 * rejects the whole import with every problem listed, and the store is left as it was.
 */
export async function importFiles(
  db: Db,
  inputs: ImportInput[],
  options: ImportOptions,
): Promise<ImportReport> {
  const report: ImportReport = {
    ok: false,
    dryRun: options.dryRun ?? false,
    errors: [],
    warnings: [],
    tables: [],
    changes: [],
  };
  const tables: { kind: EntityKind; table: Table }[] = [];
  if (inputs.length === 0) report.errors.push({ file: '', message: 'no file to import' });
  for (const input of inputs) {
    const result = await readInput(input);
    if ('errors' in result) {
      report.errors.push(...result.errors.map((e) => ({ file: input.name, ...e })));
      continue;
    }
    report.warnings.push(...result.warnings.map((w) => ({ file: input.name, ...w })));
    for (const table of result.tables) {
      const kind =
        (extname(input.name).toLowerCase() !== '.xlsx' ? input.kind : undefined) ?? kindFromName(table.name);
      if (!kind) {
        const what = table.source.endsWith(']') ? 'sheet' : 'file';
        const message = `cannot tell what this ${what} holds: name it ${entityKinds.join(', ')}${what === 'file' ? ' (or give --kind)' : ''}`;
        if (what === 'sheet')
          report.warnings.push({ file: table.source, message: `${message}; the sheet was skipped` });
        else report.errors.push({ file: table.source, message });
        continue;
      }
      tables.push({ kind, table });
    }
  }
  return importTables(db, tables, report, options);
}

/**
 * Records given as canonical rows (the API's create and update), through the same checks and
 * writing as files. `source` names them in errors, e.g. `request`.
 */
export async function importRecords(
  db: Db,
  kind: EntityKind,
  rows: RawRow[],
  source: string,
  options: ImportOptions,
): Promise<ImportReport> {
  const header = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const table: Table = {
    source,
    name: kind,
    header,
    headerLine: 0,
    rows: rows.map((row, index) => ({ line: index + 1, cells: header.map((column) => row[column] ?? '') })),
  };
  const report: ImportReport = {
    ok: false,
    dryRun: options.dryRun ?? false,
    errors: [],
    warnings: [],
    tables: [],
    changes: [],
  };
  return importTables(db, [{ kind, table }], report, options);
}

async function importTables(
  db: Db,
  tables: { kind: EntityKind; table: Table }[],
  report: ImportReport,
  options: ImportOptions,
): Promise<ImportReport> {
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
  if (report.errors.length > 0) return report;

  findDuplicates(parsed, report);
  const normaliser = await loadNormaliser(db);
  const { index: storedActors } = await loadActors(db);
  await checkReferences(db, parsed, storedActors, normaliser, report);
  if (report.errors.length > 0) return report;

  try {
    await db.transaction().execute(async (trx) => {
      await write(trx, parsed, normaliser, options, tableOf, report.changes);
      if (report.dryRun) throw new DryRunRollback();
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  report.ok = true;
  return report;
}

/**
 * Cells that name or identify something (refs, names, models, lots, serials…) end up in indexes,
 * and PostgreSQL cannot index a value of more than about 2.7 kB: such cells are limited, with a
 * clear error rather than a database failure. Free-text columns are not.
 */
const MAX_SHORT_CELL = 200;
const FREE_TEXT_COLUMNS = new Set(['summary', 'notes', 'markings', 'source', 'target', 'aliases', 'actors']);
/** A row's key (baselines join nine cells) is indexed too. */
const MAX_KEY_BYTES = 2000;

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

function findDuplicates(parsed: Parsed, report: ImportReport) {
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

/** Checks what a row names elsewhere (actors, incidents) and settles names to their canonical form. */
async function checkReferences(
  db: Db,
  parsed: Parsed,
  storedActors: ActorIndex,
  normaliser: Normaliser,
  report: ImportReport,
) {
  for (const { record } of parsed.actors) storedActors.add(null, record.name, record.aliases);
  const actorName = (located: Located<unknown>, column: string, name: string): string | undefined => {
    const found = storedActors.resolve(name);
    if (found) return found.name;
    const suggestion = storedActors.suggest(name);
    report.errors.push({
      file: located.file,
      line: located.line,
      column,
      message: `unknown actor "${name}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}: add it to actors first`,
    });
    return undefined;
  };
  for (const located of parsed.actors) {
    if (located.record.parent !== null)
      located.record.parent = actorName(located, 'parent', located.record.parent) ?? null;
  }
  for (const located of parsed.incidents) {
    if (located.record.actor !== null)
      located.record.actor = actorName(located, 'actor', located.record.actor) ?? null;
  }
  for (const located of parsed.embargoes) {
    located.record.actors = located.record.actors.map((name) => actorName(located, 'actors', name) ?? name);
  }

  const incomingDates = new Map(parsed.incidents.map(({ record }) => [record.ref, record.date.date]));
  const missingRefs = parsed.items.map((i) => i.record.incident_ref).filter((ref) => !incomingDates.has(ref));
  const stored = await incidentIdsByRef(db, missingRefs);
  // One warning per unlisted name, not per row: a shipment of one unknown headstamp fills a file.
  const unlisted = new Map<string, { first: Located<unknown>; column: string; count: number }>();
  for (const located of [...parsed.items, ...parsed.baselines]) {
    const { problems, unlisted: notes } = identify(located.record, normaliser);
    for (const p of problems)
      report.errors.push({ file: located.file, line: located.line, column: p.column, message: p.message });
    for (const n of notes) {
      const seen = unlisted.get(n.message) ?? { first: located, column: n.column, count: 0 };
      seen.count++;
      unlisted.set(n.message, seen);
    }
  }
  for (const [message, { first, column, count }] of unlisted) {
    report.warnings.push({
      file: first.file,
      line: first.line,
      column,
      message: count > 1 ? `${message} (${count} rows)` : message,
    });
  }
  for (const located of parsed.items) {
    const { record } = located;
    const date = incomingDates.get(record.incident_ref) ?? stored.get(record.incident_ref)?.date;
    if (date === undefined) {
      report.errors.push({
        file: located.file,
        line: located.line,
        column: 'incident_ref',
        message: `no incident "${record.incident_ref}" in this import or the register`,
      });
    } else if (record.year !== null && record.year > Number(date.slice(0, 4))) {
      report.errors.push({
        file: located.file,
        line: located.line,
        column: 'year',
        message: `produced in ${record.year}, after the incident (${date.slice(0, 4)})`,
      });
    }
  }
}

async function write(
  trx: Tx,
  parsed: Parsed,
  normaliser: Normaliser,
  { user, leadSettings, provenance }: ImportOptions,
  tables: Map<string, TableSummary>,
  changes: RowChange[],
) {
  const audit = new AuditTrail(trx, user);
  const count = <R>(
    kind: EntityKind,
    located: Located<R>[],
    diff: { creates: R[]; updates: { after: R }[] },
  ) => {
    const created = new Set(diff.creates);
    const updated = new Set(diff.updates.map((u) => u.after));
    const spec = specs[kind] as EntitySpec<R>;
    for (const { file, line, record } of located) {
      const summary = tables.get(file);
      if (!summary || summary.kind !== kind) continue;
      const change = created.has(record) ? 'create' : updated.has(record) ? 'update' : undefined;
      if (change === 'create') summary.created++;
      else if (change === 'update') summary.updated++;
      else summary.unchanged++;
      if (change && changes.length < MAX_LISTED_CHANGES)
        changes.push({ file, line, kind, key: spec.key(record), change });
    }
  };
  const records = <K extends EntityKind>(kind: K) => parsed[kind].map((l) => l.record) as RecordOf[K][];

  count('actors', parsed.actors, await writeActors(trx, records('actors'), audit));
  const { index } = await loadActors(trx);
  const actorId = (name: string) => index.resolve(name)?.id ?? null;
  count(
    'incidents',
    parsed.incidents,
    await writeIncidents(trx, records('incidents'), actorId, audit, provenance),
  );
  const incidentIds = await incidentIdsByRef(
    trx,
    parsed.items.map((i) => i.record.incident_ref),
  );
  count('items', parsed.items, await writeItems(trx, records('items'), incidentIds, normaliser, audit));
  count('baselines', parsed.baselines, await writeBaselines(trx, records('baselines'), normaliser, audit));
  count('embargoes', parsed.embargoes, await writeEmbargoes(trx, records('embargoes'), actorId, audit));
  await audit.flush();
  await refreshLeads(trx, { settings: leadSettings });
}

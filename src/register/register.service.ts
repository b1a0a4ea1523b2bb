import { may, type Viewer } from '../access/policy';
import { loadActors, writeActors } from '../actors/actors.repository';
import { audited, type AuditTrail } from '../audit/audit';
import { writeBaselines } from '../baselines/baselines.repository';
import { Conflict, Invalid } from '../core/errors';
import { BULK_WRITE_ROWS, refreshStatistics, type Db, type Tx } from '../db/store';
import { writeEmbargoes } from '../embargoes/embargoes.repository';
import { incidentIdsByRef, writeIncidents } from '../incidents/incidents.repository';
import { writeItems } from '../items/items.repository';
import type { Normaliser } from '../reference/normalise';
import type { EntityKind, EntitySpec, RawRow, Table } from '../records/entity';
import { identify, type MaterielText } from '../samples/sample';
import { checkReferences } from './check';
import { checkedLists } from './lists';
import { geocodeIncidents } from './geocode';
import {
  findDuplicates,
  parseTables,
  type Located,
  type Parsed,
  type ReadRows,
  type RecordOf,
} from './parse';
import {
  MAX_LISTED_CHANGES,
  type ImportProblem,
  type ImportOptions,
  type ImportReport,
  type RowChange,
  type TableSummary,
} from './report';
import { specs } from './specs';

// The one write path of the register: parse → check → write → audit, then the findings follow
// (the leads triggers queue what changed; leads/queue.ts). The importer, the API's services and
// the CLI all come through here.

class DryRunRollback extends Error {}

export function emptyReport(options: ImportOptions): ImportReport {
  return { ok: false, dryRun: options.dryRun ?? false, errors: [], warnings: [], tables: [], changes: [] };
}

/**
 * Records given as canonical rows (the API's create and update), through the same checks and
 * writing as files. `source` names them in errors, e.g. `request`.
 */
export async function writeRows(
  db: Db,
  kind: EntityKind,
  rows: RawRow[],
  source: string,
  options: ImportOptions,
): Promise<ImportReport> {
  const report = emptyReport(options);
  return writeTables(db, [{ kind, table: tableOfRows(source, kind, rows) }], report, options);
}

/**
 * Rows given as records, as a table of their kind: line n is the nth row. A record may leave out a
 * required field: it is then empty, and refused as such on its row.
 */
function tableOfRows(source: string, kind: EntityKind, rows: RawRow[]): Table {
  const required = specs[kind].columns.filter((c) => c.required).map((c) => c.name);
  const header = [...new Set([...required, ...rows.flatMap((r) => Object.keys(r))])];
  return {
    source,
    name: kind,
    header,
    headerLine: 0,
    rows: rows.map((row, index) => ({ line: index + 1, cells: header.map((column) => row[column] ?? '') })),
  };
}

export async function writeTables(
  db: Db,
  tables: { kind: EntityKind; table: Table }[],
  report: ImportReport,
  options: ImportOptions,
): Promise<ImportReport> {
  return writeParsed(db, parseTables(tables, report), report, options);
}

/** Rows already read by their schemas (`parseTables`, which an import runs in a worker thread). */
export async function writeParsed(
  db: Db,
  { parsed, headersRead, refused }: ReadRows,
  report: ImportReport,
  options: ImportOptions,
): Promise<ImportReport> {
  // Rows refused on their own are still checked against the register with the others, so that a
  // file or a form learns all it must correct at once; a header that cannot be read stops here.
  if (!headersRead) return report;
  const tableOf = new Map(report.tables.map((summary) => [summary.file, summary]));

  findDuplicates(parsed, report);
  const { normaliser, actors } = await checkedLists(db);
  await checkReferences(db, parsed, actors, normaliser, report, refused);
  if (report.errors.length > 0) return report;
  if (options.geocode) await geocodeIncidents(db, parsed, report);

  try {
    await audited(db, options.user, async (trx, audit) => {
      await write(trx, audit, parsed, normaliser, options, tableOf, report.changes);
      if (report.dryRun) throw new DryRunRollback();
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  report.ok = true;
  const written = report.tables.reduce((sum, t) => sum + t.created + t.updated, 0);
  if (!report.dryRun && written >= BULK_WRITE_ROWS) await refreshStatistics(db);
  return report;
}

async function write(
  trx: Tx,
  audit: AuditTrail,
  parsed: Parsed,
  normaliser: Normaliser,
  { provenance, createOnly }: ImportOptions,
  tables: Map<string, TableSummary>,
  changes: RowChange[],
) {
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
      if (createOnly && change !== 'create') throw takenReference(spec.key(record));
      if (change === 'create') summary.created++;
      else if (change === 'update') summary.updated++;
      else summary.unchanged++;
      if (change && changes.length < MAX_LISTED_CHANGES)
        changes.push({ file, line, kind, key: spec.key(record), change });
    }
  };
  const records = <K extends EntityKind>(kind: K) => parsed[kind].map((l) => l.record) as RecordOf[K][];

  // Each kind is written only when rows of it came: writing none would still read all of its
  // stored records, and most writes are one incident or one item.
  if (parsed.actors.length > 0)
    count('actors', parsed.actors, await writeActors(trx, records('actors'), audit));
  // Actor ids as this transaction sees them, with the actors it has just written.
  const index =
    parsed.incidents.length > 0 || parsed.embargoes.length > 0 ? (await loadActors(trx)).index : undefined;
  const actorId = (name: string) => index?.resolve(name)?.id ?? null;
  if (parsed.incidents.length > 0)
    count(
      'incidents',
      parsed.incidents,
      await writeIncidents(trx, records('incidents'), actorId, audit, provenance),
    );
  const identityOf = (record: MaterielText) => identify(record, normaliser).identity;
  if (parsed.items.length > 0) {
    const incidentIds = await incidentIdsByRef(
      trx,
      parsed.items.map((i) => i.record.incident_ref),
    );
    count('items', parsed.items, await writeItems(trx, records('items'), incidentIds, identityOf, audit));
  }
  if (parsed.baselines.length > 0)
    count('baselines', parsed.baselines, await writeBaselines(trx, records('baselines'), identityOf, audit));
  if (parsed.embargoes.length > 0)
    count('embargoes', parsed.embargoes, await writeEmbargoes(trx, records('embargoes'), actorId, audit));
}

/** A problem of the report as the API details it: `field` names the field of the request. */
function detailOf(e: ImportProblem, field: string | undefined) {
  return {
    line: e.line,
    column: e.column,
    field,
    message: e.message,
    code: e.code ?? 'invalid',
    params: e.params,
  };
}

function rejectInvalid(
  report: ImportReport,
  what: string,
  fieldOf: (e: ImportProblem) => string | undefined = (e) => e.column,
): ImportReport {
  if (!report.ok) {
    const details = report.errors.map((e) => detailOf(e, fieldOf(e)));
    // Only references taken: the same conflict as a single create's.
    if (report.errors.every((e) => e.code === 'reference_taken'))
      throw new Conflict(report.errors[0]!.message, details, {
        code: 'reference_taken',
        params: report.errors[0]!.params,
      });
    throw new Invalid(`invalid ${what}`, details);
  }
  return report;
}

/** The names of a row that are no column of its kind: a mistake in an API call, not a file's extra column. */
function unknownFields(kind: EntityKind, row: RawRow): string[] {
  const known = new Set(specs[kind].columns.map((c) => c.name));
  return Object.keys(row).filter((name) => !known.has(name));
}

/**
 * One record from the API, as one row of its canonical file: the same checks as an import, and
 * a draft when a documenter writes it.
 */
export async function writeRecord(
  db: Db,
  viewer: Viewer,
  kind: EntityKind,
  row: RawRow,
  options: Pick<ImportOptions, 'createOnly'> = {},
) {
  const unknown = unknownFields(kind, row);
  if (unknown.length > 0)
    throw new Invalid(`unknown fields: ${unknown.join(', ')}`, undefined, {
      code: 'unknown_fields',
      params: { fields: unknown.join(', ') },
    });
  const report = await writeRows(db, kind, [row], 'request', {
    user: viewer.username,
    provenance: { createdBy: viewer.userId, status: may.writeRegister(viewer) ? 'validated' : 'draft' },
    ...options,
  });
  return rejectInvalid(report, kind === 'incidents' ? 'incident' : 'item');
}

/**
 * The same answer whether the caller may see the record that holds the reference or not, and
 * nothing of that record: a documenter must not learn from it what a hidden record is. That a
 * reference is taken cannot be hidden while references are unique (docs/access.md).
 */
const takenReference = (ref: string) =>
  new Conflict(`the reference "${ref}" cannot be used: choose another`, undefined, {
    code: 'reference_taken',
    params: { ref },
  });
const takenMessage = (ref: string) => `the reference "${ref}" cannot be used: choose another`;

/** A new incident or item from the API: refused if its reference is taken, else as `writeRecord`. */
export async function createRecord(db: Db, viewer: Viewer, kind: 'incidents' | 'items', row: RawRow) {
  const taken = await db
    .selectFrom(kind)
    .select('id')
    .where('ref', '=', row.ref ?? '')
    .executeTakeFirst();
  if (taken) throw takenReference(row.ref ?? '');
  await writeRecord(db, viewer, kind, row, { createOnly: true });
}

/** Where a row of `createIncidentWithItems` is, in the request: the incident, or its items by position. */
const INCIDENT_SOURCE = 'incident';
const ITEMS_SOURCE = 'items';

/**
 * A new incident and its items from the API, written in one transaction: all of them or, after
 * any refusal, none. Every problem of every row is reported at once, each naming its field of the
 * request (`date`, `items.1.calibre`). Items belong to this incident: they may omit `incident_ref`.
 * With `dryRun`, everything is checked and nothing kept.
 */
export async function createIncidentWithItems(
  db: Db,
  viewer: Viewer,
  incident: RawRow,
  items: RawRow[],
  { dryRun = false }: { dryRun?: boolean } = {},
) {
  const options: ImportOptions = {
    dryRun,
    user: viewer.username,
    provenance: { createdBy: viewer.userId, status: may.writeRegister(viewer) ? 'validated' : 'draft' },
    createOnly: true,
  };
  const report = emptyReport(options);
  const ref = (incident.ref ?? '').trim();
  const problem = (file: string, line: number, found: Omit<ImportProblem, 'file' | 'line'>) =>
    report.errors.push({ file, line, ...found });
  const unknownIn = (file: string, line: number, kind: EntityKind, row: RawRow) => {
    const unknown = unknownFields(kind, row);
    if (unknown.length > 0)
      problem(file, line, {
        message: `unknown fields: ${unknown.join(', ')}`,
        code: 'unknown_fields',
        params: { fields: unknown.join(', ') },
      });
  };
  unknownIn(INCIDENT_SOURCE, 1, 'incidents', incident);
  for (const [index, item] of items.entries()) {
    unknownIn(ITEMS_SOURCE, index + 1, 'items', item);
    const named = item.incident_ref?.trim();
    if (named && named !== ref)
      problem(ITEMS_SOURCE, index + 1, {
        column: 'incident_ref',
        message: `the item names incident "${named}", not "${ref}" it is sent with`,
        code: 'item_of_other_incident',
        params: { ref: named },
      });
  }
  const rows: RawRow[] = items.map((item) => ({ ...item, incident_ref: ref }));

  // Taken references are found before anything is written (and, should another request take one
  // meanwhile, by `createOnly` in the write itself).
  const itemRefs = rows.map((r) => (r.ref ?? '').trim()).filter(Boolean);
  const [takenIncident, takenItems] = await Promise.all([
    ref ? db.selectFrom('incidents').select('ref').where('ref', '=', ref).executeTakeFirst() : undefined,
    itemRefs.length > 0
      ? db.selectFrom('items').select('ref').where('ref', 'in', itemRefs).execute()
      : Promise.resolve([]),
  ]);
  const taken = (message: string, r: string) => ({
    column: 'ref',
    message,
    code: 'reference_taken' as const,
    params: { ref: r },
  });
  if (takenIncident) problem(INCIDENT_SOURCE, 1, taken(takenMessage(ref), ref));
  const takenItemRefs = new Set(takenItems.map((t) => t.ref));
  for (const [index, row] of rows.entries()) {
    const itemRef = (row.ref ?? '').trim();
    if (takenItemRefs.has(itemRef)) problem(ITEMS_SOURCE, index + 1, taken(takenMessage(itemRef), itemRef));
  }
  // A taken reference (a deleted record's too: it may be restored) is the whole answer: a conflict.
  const fieldOf = (e: ImportProblem) => {
    if (e.file !== ITEMS_SOURCE) return e.column;
    const at = `items.${(e.line ?? 1) - 1}`;
    return e.column ? `${at}.${e.column}` : at;
  };
  if (takenIncident || takenItemRefs.size > 0)
    return rejectInvalid(
      { ...report, ok: false, errors: report.errors.filter((e) => e.code === 'reference_taken') },
      'incident',
      fieldOf,
    );

  await writeTables(
    db,
    [
      { kind: 'incidents' as const, table: tableOfRows(INCIDENT_SOURCE, 'incidents', [incident]) },
      ...(rows.length > 0
        ? [{ kind: 'items' as const, table: tableOfRows(ITEMS_SOURCE, 'items', rows) }]
        : []),
    ],
    report,
    options,
  );
  return rejectInvalid(report, 'incident', fieldOf);
}

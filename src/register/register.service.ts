import { may, type Viewer } from '../access/policy';
import { loadActors, writeActors } from '../actors/actors.repository';
import { audited, type AuditTrail } from '../audit/audit';
import { writeBaselines } from '../baselines/baselines.repository';
import { Conflict, Invalid } from '../core/errors';
import type { Db, Tx } from '../db/store';
import { writeEmbargoes } from '../embargoes/embargoes.repository';
import { incidentIdsByRef, writeIncidents } from '../incidents/incidents.repository';
import { writeItems } from '../items/items.repository';
import { refreshLeads } from '../leads/engine';
import type { LeadSettings } from '../leads/settings';
import type { Normaliser } from '../reference/normalise';
import { loadNormaliser } from '../reference/reference.repository';
import type { EntityKind, EntitySpec, RawRow, Table } from '../records/entity';
import { identify, type MaterielText } from '../samples/sample';
import { checkReferences } from './check';
import { geocodeIncidents } from './geocode';
import { findDuplicates, parseTables, type Located, type Parsed, type RecordOf } from './parse';
import {
  MAX_LISTED_CHANGES,
  type ImportOptions,
  type ImportReport,
  type RowChange,
  type TableSummary,
} from './report';
import { specs } from './specs';

// The one write path of the register: parse → check → write → audit → refresh leads. The
// importer, the API's services and the CLI all come through here.

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
  const header = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const table: Table = {
    source,
    name: kind,
    header,
    headerLine: 0,
    rows: rows.map((row, index) => ({ line: index + 1, cells: header.map((column) => row[column] ?? '') })),
  };
  const report = emptyReport(options);
  return writeTables(db, [{ kind, table }], report, options);
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
  parsed: Parsed,
  report: ImportReport,
  options: ImportOptions,
): Promise<ImportReport> {
  if (report.errors.length > 0) return report;
  const tableOf = new Map(report.tables.map((summary) => [summary.file, summary]));

  findDuplicates(parsed, report);
  const normaliser = await loadNormaliser(db);
  const { index: storedActors } = await loadActors(db);
  await checkReferences(db, parsed, storedActors, normaliser, report);
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
  return report;
}

async function write(
  trx: Tx,
  audit: AuditTrail,
  parsed: Parsed,
  normaliser: Normaliser,
  { leadSettings, provenance, createOnly }: ImportOptions,
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
  const identityOf = (record: MaterielText) => identify(record, normaliser).identity;
  count('items', parsed.items, await writeItems(trx, records('items'), incidentIds, identityOf, audit));
  count('baselines', parsed.baselines, await writeBaselines(trx, records('baselines'), identityOf, audit));
  count('embargoes', parsed.embargoes, await writeEmbargoes(trx, records('embargoes'), actorId, audit));
  await refreshLeads(trx, { settings: leadSettings });
}

function rejectInvalid(report: ImportReport, what: string): ImportReport {
  if (!report.ok) {
    throw new Invalid(
      `invalid ${what}`,
      report.errors.map((e) => ({ line: e.line, column: e.column, message: e.message })),
    );
  }
  return report;
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
  settings: LeadSettings,
  options: Pick<ImportOptions, 'createOnly'> = {},
) {
  // A file may carry extra columns; an API call naming a field that does not exist is a mistake.
  const known = new Set(specs[kind].columns.map((c) => c.name));
  const unknown = Object.keys(row).filter((name) => !known.has(name));
  if (unknown.length > 0) throw new Invalid(`unknown fields: ${unknown.join(', ')}`);
  const report = await writeRows(db, kind, [row], 'request', {
    user: viewer.username,
    leadSettings: settings,
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
const takenReference = (ref: string) => new Conflict(`the reference "${ref}" cannot be used: choose another`);

/** A new incident or item from the API: refused if its reference is taken, else as `writeRecord`. */
export async function createRecord(
  db: Db,
  viewer: Viewer,
  kind: 'incidents' | 'items',
  row: RawRow,
  settings: LeadSettings,
) {
  const taken = await db
    .selectFrom(kind)
    .select('id')
    .where('ref', '=', row.ref ?? '')
    .executeTakeFirst();
  if (taken) throw takenReference(row.ref ?? '');
  await writeRecord(db, viewer, kind, row, settings, { createOnly: true });
}

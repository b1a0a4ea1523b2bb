import type { Insertable, Selectable } from 'kysely';
import type { IncidentTable } from '../db/schema';
import type { Db, Tx } from '../db/store';
import type { ChangeLog } from '../records/changes';
import { chunks, inChunks, WRITE_CHUNK } from '../core/chunks';
import { diffByKey, type Diff } from '../records/diff';
import type { IncidentRecord } from './incident.record';

/**
 * The columns an incident's record is read from, and what decides who may see and change it:
 * not its search text or timestamps, which no list shows.
 */
export const incidentRecordColumns = [
  'incidents.id',
  'incidents.ref',
  'incidents.date',
  'incidents.date_precision',
  'incidents.type',
  'incidents.country',
  'incidents.admin1',
  'incidents.place',
  'incidents.lat',
  'incidents.lon',
  'incidents.mgrs',
  'incidents.target',
  'incidents.attribution',
  'incidents.killed',
  'incidents.injured',
  'incidents.peacekeepers_killed',
  'incidents.peacekeepers_injured',
  'incidents.summary',
  'incidents.source',
  'incidents.classification',
  'incidents.status',
  'incidents.created_by',
] as const;

type RecordColumn = (typeof incidentRecordColumns)[number] extends `incidents.${infer C}` ? C : never;
export type IncidentWithActor = Pick<Selectable<IncidentTable>, RecordColumn> & { actor_name: string | null };

export function toRecord(row: IncidentWithActor): IncidentRecord {
  return {
    ref: row.ref,
    date: { date: row.date, precision: row.date_precision },
    type: row.type,
    country: row.country,
    admin1: row.admin1,
    place: row.place,
    lat: row.lat,
    lon: row.lon,
    mgrs: row.mgrs,
    target: row.target,
    actor: row.actor_name,
    attribution: row.attribution,
    killed: row.killed,
    injured: row.injured,
    peacekeepers_killed: row.peacekeepers_killed,
    peacekeepers_injured: row.peacekeepers_injured,
    summary: row.summary,
    source: row.source,
    classification: row.classification,
  };
}

function selectIncidents(db: Db | Tx, live = false) {
  // The view has the table's columns: deleted incidents are left out of it, nothing else.
  return db
    .selectFrom((live ? 'live_incidents as incidents' : 'incidents as incidents') as 'incidents as incidents')
    .leftJoin('actors', 'actors.id', 'incidents.actor_id')
    .select(incidentRecordColumns)
    .select('actors.name as actor_name');
}

/**
 * Stored incidents as records, all of them or those with the given refs; `live`, deleted ones
 * left out (what the register exports), else all (what a write compares with).
 */
export async function loadIncidentRecords(
  db: Db | Tx,
  refs?: readonly string[],
  { live = false } = {},
): Promise<Map<string, IncidentRecord>> {
  const rows: IncidentWithActor[] =
    refs === undefined
      ? await selectIncidents(db, live).orderBy('incidents.ref').execute()
      : await inChunks(refs, (part) =>
          selectIncidents(db, live).where('incidents.ref', 'in', part).execute(),
        );
  return new Map(rows.map((row) => [row.ref, toRecord(row)]));
}

export async function incidentIdsByRef(
  db: Db | Tx,
  refs: readonly string[],
): Promise<Map<string, { id: number; date: string }>> {
  const rows = await inChunks([...new Set(refs)], (part) =>
    db.selectFrom('incidents').select(['id', 'ref', 'date']).where('ref', 'in', part).execute(),
  );
  return new Map(rows.map((row) => [row.ref, { id: row.id, date: row.date }]));
}

/** Why a deleted record cannot be changed, and how it comes back: in English and as a code. */
export const deletedProblem = (kind: 'incident' | 'item', ref: string, reason: string | null) => ({
  message: `${kind} "${ref}" was deleted${reason ? ` (${reason})` : ''}: an administrator may restore it`,
  code: 'record_deleted' as const,
  params: { kind, ref, reason: reason ?? '' },
});

/** Which of these incidents are deleted, with the reason given. */
export async function deletedIncidents(
  db: Db | Tx,
  refs: readonly string[],
): Promise<Map<string, string | null>> {
  const rows = await inChunks([...new Set(refs)], (part) =>
    db
      .selectFrom('incidents')
      .select(['ref', 'deleted_reason'])
      .where('ref', 'in', part)
      .where('deleted_at', 'is not', null)
      .execute(),
  );
  return new Map(rows.map((row) => [row.ref, row.deleted_reason]));
}

/** Who documented an incident and whether it awaits review; imports record validated incidents. */
export interface Provenance {
  createdBy: number | null;
  status: 'draft' | 'validated';
}

export async function writeIncidents(
  trx: Tx,
  incoming: IncidentRecord[],
  actorIds: (name: string) => number | null,
  audit: ChangeLog,
  provenance: Provenance = { createdBy: null, status: 'validated' },
): Promise<Diff<IncidentRecord>> {
  const existing = await loadIncidentRecords(
    trx,
    incoming.map((r) => r.ref),
  );
  const diff = diffByKey(incoming, existing, (r) => r.ref);
  const columns = (r: IncidentRecord): Insertable<IncidentTable> => ({
    ref: r.ref,
    date: r.date.date,
    date_precision: r.date.precision,
    type: r.type,
    country: r.country,
    admin1: r.admin1,
    place: r.place,
    lat: r.lat,
    lon: r.lon,
    mgrs: r.mgrs,
    target: r.target,
    actor_id: r.actor === null ? null : actorIds(r.actor),
    attribution: r.attribution,
    killed: r.killed,
    injured: r.injured,
    peacekeepers_killed: r.peacekeepers_killed,
    peacekeepers_injured: r.peacekeepers_injured,
    summary: r.summary,
    source: r.source,
    classification: r.classification,
  });
  for (const part of chunks(diff.creates, WRITE_CHUNK)) {
    await trx
      .insertInto('incidents')
      .values(
        part.map((r) => ({ ...columns(r), created_by: provenance.createdBy, status: provenance.status })),
      )
      .execute();
  }
  for (const record of diff.creates) audit.record('incident', record.ref, 'create', null, record);
  for (const { before, after } of diff.updates) {
    await trx
      .updateTable('incidents')
      .set({ ...columns(after), updated_at: new Date() })
      .where('ref', '=', after.ref)
      .execute();
    audit.record('incident', after.ref, 'update', before, after);
  }
  return diff;
}

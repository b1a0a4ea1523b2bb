import { sql } from 'kysely';
import { incidentsOnRecord, may, requireThat, type Viewer } from '../access/policy';
import { NotFound } from '../core/errors';
import type { Db } from '../db/store';

export interface AuditEntryView {
  at: string;
  actor: string;
  action: string;
  entity: string;
  key: string;
  before: unknown;
  after: unknown;
}

/**
 * Every change to an incident and its items, oldest first: who, when, before and after. Read by
 * those who may see the incident, deleted or not (its history stays), partners aside; sources
 * are left out for those who may not read them, as from the record itself.
 */
export async function incidentHistory(db: Db, viewer: Viewer, ref: string): Promise<AuditEntryView[]> {
  requireThat(may.readHistory(viewer), 'read the history of records');
  const incident = await incidentsOnRecord(db, viewer)
    .select('incidents.id')
    .where('incidents.ref', '=', ref)
    .executeTakeFirst();
  if (!incident) throw new NotFound(`incident "${ref}"`);
  const itemRefs = await db
    .selectFrom('items')
    .select('ref')
    .where('incident_id', '=', incident.id)
    .execute();
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('entity', '=', 'incident'), eb('entity_key', '=', ref)]),
        ...(itemRefs.length > 0
          ? [
              eb.and([
                eb('entity', '=', 'item'),
                eb(
                  'entity_key',
                  'in',
                  itemRefs.map((r) => r.ref),
                ),
              ]),
            ]
          : []),
      ]),
    )
    .orderBy('id')
    .execute();
  const shown = may.seeSources(viewer) ? (state: unknown) => state : withoutSource;
  return rows.map((r) => ({
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    key: r.entity_key,
    before: shown(r.before),
    after: shown(r.after),
  }));
}

function withoutSource(state: unknown): unknown {
  if (state === null || typeof state !== 'object' || !('source' in state)) return state;
  return Object.fromEntries(Object.entries(state).filter(([column]) => column !== 'source'));
}

/**
 * The deleted incidents and items, latest first, with why and by whom: what an administrator may
 * restore. An item of a deleted incident is not listed: it comes back with its incident.
 */
export async function listDeleted(db: Db, viewer: Viewer) {
  requireThat(may.restoreDeleted(viewer), 'list deleted records');
  const deletedBy = (entity: 'incident' | 'item', key: 'incidents.ref' | 'items.ref') =>
    sql<string | null>`(SELECT actor FROM audit_log
      WHERE entity = ${entity} AND entity_key = ${sql.ref(key)} AND action = 'delete'
      ORDER BY id DESC LIMIT 1)`.as('deleted_by');
  const incidents = await incidentsOnRecord(db, viewer)
    .select([
      'incidents.ref',
      'incidents.date',
      'incidents.type',
      'incidents.deleted_at',
      'incidents.deleted_reason',
      deletedBy('incident', 'incidents.ref'),
    ])
    .where('incidents.deleted_at', 'is not', null)
    .orderBy('incidents.deleted_at', 'desc')
    .orderBy('incidents.ref')
    .execute();
  const items = await db
    .selectFrom('items')
    .innerJoin(
      incidentsOnRecord(db, viewer).selectAll('incidents').as('incidents'),
      'incidents.id',
      'items.incident_id',
    )
    .select([
      'items.ref',
      'incidents.ref as incident',
      'items.category',
      'items.calibre',
      'items.deleted_at',
      'items.deleted_reason',
      deletedBy('item', 'items.ref'),
    ])
    .where('items.deleted_at', 'is not', null)
    .where('incidents.deleted_at', 'is', null)
    .orderBy('items.deleted_at', 'desc')
    .orderBy('items.ref')
    .execute();
  const when = (at: Date | null) => (at ? new Date(at).toISOString() : '');
  return {
    incidents: incidents.map((r) => ({
      ref: r.ref,
      date: r.date,
      type: r.type,
      deletedAt: when(r.deleted_at),
      reason: r.deleted_reason ?? '',
      deletedBy: r.deleted_by,
    })),
    items: items.map((r) => ({
      ref: r.ref,
      incident: r.incident,
      category: r.category,
      calibre: r.calibre,
      deletedAt: when(r.deleted_at),
      reason: r.deleted_reason ?? '',
      deletedBy: r.deleted_by,
    })),
  };
}

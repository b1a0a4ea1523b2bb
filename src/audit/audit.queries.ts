import { may, requireThat, type Viewer } from '../access/policy';
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

/** Every change to an incident and its items, oldest first: who, when, before and after. */
export async function incidentHistory(db: Db, viewer: Viewer, ref: string): Promise<AuditEntryView[]> {
  requireThat(may.readAudit(viewer), 'read the audit log');
  // Deleted incidents keep their history: readers of the audit log see every incident.
  const incident = await db.selectFrom('incidents').select('id').where('ref', '=', ref).executeTakeFirst();
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
  return rows.map((r) => ({
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    key: r.entity_key,
    before: r.before,
    after: r.after,
  }));
}

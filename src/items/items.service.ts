import { type Viewer, requireThat, may } from '../access/policy';
import { audited } from '../audit/audit';
import { Conflict, Invalid } from '../core/errors';
import type { Db } from '../db/store';
import { findVisible } from '../incidents/incidents.queries';
import { requireEditable } from '../incidents/incidents.service';
import type { RawRow } from '../records/entity';
import { createRecord, writeRecord } from '../register/register.service';
import { itemIncident } from './items.queries';

// Items belong to an incident and follow its rules: who may change the incident may change them.

export async function createItem(db: Db, viewer: Viewer, row: RawRow) {
  requireThat(may.writeDrafts(viewer), 'document items');
  requireEditable(viewer, await findVisible(db, viewer, row.incident_ref ?? ''));
  await createRecord(db, viewer, 'items', row);
}

export async function updateItem(db: Db, viewer: Viewer, ref: string, row: RawRow) {
  const { incident } = await itemIncident(db, viewer, ref);
  requireEditable(viewer, incident);
  if (row.ref !== undefined && row.ref !== ref) throw new Invalid('the reference of an item cannot change');
  const target = row.incident_ref ?? incident.ref;
  if (target !== incident.ref) requireEditable(viewer, await findVisible(db, viewer, target));
  await writeRecord(db, viewer, 'items', { ...row, ref, incident_ref: target });
}

/** Items are removed for good; the audit entry keeps what they were and why they went. */
export async function deleteItem(db: Db, viewer: Viewer, ref: string, reason: string) {
  const { item, incident } = await itemIncident(db, viewer, ref);
  requireEditable(viewer, incident);
  // A traced item or one in custody is evidence others rely on: its record stays.
  const traced = await db
    .selectFrom('tracing_request_items')
    .innerJoin('tracing_requests', 'tracing_requests.id', 'tracing_request_items.request_id')
    .select('tracing_requests.ref')
    .where('tracing_request_items.item_id', '=', item.id)
    .execute();
  if (traced.length > 0)
    throw new Conflict(
      `item "${ref}" is the subject of tracing request ${traced.map((t) => t.ref).join(', ')}`,
    );
  const custody = await db
    .selectFrom('custody_events')
    .select('id')
    .where('item_id', '=', item.id)
    .limit(1)
    .executeTakeFirst();
  if (custody) throw new Conflict(`item "${ref}" has a chain of custody; it cannot be deleted`);
  await audited(db, viewer.username, async (trx, audit) => {
    const before = await trx
      .selectFrom('items')
      .selectAll()
      .where('id', '=', item.id)
      .executeTakeFirstOrThrow();
    await trx.deleteFrom('items').where('id', '=', item.id).execute();
    audit.record(
      'item',
      ref,
      'delete',
      { ...before, created_at: undefined, updated_at: undefined },
      { reason },
    );
  });
}

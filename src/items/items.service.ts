import { type Viewer, requireThat, may } from '../access/policy';
import { audited } from '../audit/audit';
import { Conflict, Invalid } from '../core/errors';
import type { Db } from '../db/store';
import { deletedRecord, findVisible, notDeleted } from '../incidents/incidents.queries';
import { requireEditable } from '../incidents/incidents.service';
import type { RawRow } from '../records/entity';
import { createRecord, writeRecord } from '../register/register.service';
import { itemIncident, itemOnRecord } from './items.queries';

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

/** Soft deletion, as for incidents: the item leaves lists, exports and leads; its record and history stay. */
export async function deleteItem(db: Db, viewer: Viewer, ref: string, reason: string) {
  const { item, incident } = await itemIncident(db, viewer, ref);
  requireEditable(viewer, incident);
  // A traced item or one in custody is evidence others rely on: it stays in the register.
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
    // Deleted by another request since it was read: this one changes nothing.
    const { numUpdatedRows } = await trx
      .updateTable('items')
      .set({ deleted_at: new Date(), deleted_reason: reason })
      .where('id', '=', item.id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (Number(numUpdatedRows) === 0) throw deletedRecord('item', ref, null);
    audit.record('item', ref, 'delete', { deleted: false }, { deleted: true, reason });
  });
}

/** An administrator brings a deleted item back; an item of a deleted incident comes back with it. */
export async function restoreItem(db: Db, viewer: Viewer, ref: string) {
  requireThat(may.restoreDeleted(viewer), 'restore deleted records');
  const item = await itemOnRecord(db, viewer, ref);
  // An item of a deleted incident comes back with its incident: that one is restored first.
  await findVisible(db, viewer, item.incident_ref);
  if (!item.deleted) throw notDeleted('item', ref);
  await audited(db, viewer.username, async (trx, audit) => {
    const { numUpdatedRows } = await trx
      .updateTable('items')
      .set({ deleted_at: null, deleted_reason: null })
      .where('id', '=', item.id)
      .where('deleted_at', 'is not', null)
      .executeTakeFirst();
    if (Number(numUpdatedRows) === 0) throw notDeleted('item', ref);
    audit.record('item', ref, 'update', { deleted: true, reason: item.deleted_reason }, { deleted: false });
  });
}

import { may, requireThat, type Viewer } from '../access/policy';
import { audited } from '../audit/audit';
import { Conflict, Invalid } from '../core/errors';
import type { Db } from '../db/store';
import type { RawRow } from '../records/entity';
import { createRecord, writeRecord } from '../register/register.service';
import { findVisible } from './incidents.queries';

// Writes to single incidents through the API: the register's write path, plus who may change
// what. Every change is audited in its transaction.

/** Documenters change only their own drafts; analysts and administrators anything they see. */
export function requireEditable(viewer: Viewer, incident: { created_by: number | null; status: string }) {
  if (may.writeRegister(viewer)) return;
  requireThat(
    may.writeDrafts(viewer) && incident.created_by === viewer.userId && incident.status === 'draft',
    'change an incident that is not your own draft',
  );
}

export async function createIncident(db: Db, viewer: Viewer, row: RawRow) {
  requireThat(may.writeDrafts(viewer), 'document incidents');
  await createRecord(db, viewer, 'incidents', row);
}

export async function updateIncident(db: Db, viewer: Viewer, ref: string, row: RawRow) {
  requireEditable(viewer, await findVisible(db, viewer, ref));
  if (row.ref !== undefined && row.ref !== ref)
    throw new Invalid('the reference of an incident cannot change');
  await writeRecord(db, viewer, 'incidents', { ...row, ref });
}

/** Soft deletion: the incident leaves lists, leads and statistics; the record and its history stay. */
export async function deleteIncident(db: Db, viewer: Viewer, ref: string, reason: string) {
  const incident = await findVisible(db, viewer, ref);
  requireEditable(viewer, incident);
  await audited(db, viewer.username, async (trx, audit) => {
    await trx
      .updateTable('incidents')
      .set({ deleted_at: new Date(), deleted_reason: reason })
      .where('id', '=', incident.id)
      .execute();
    audit.record('incident', ref, 'delete', { deleted: false }, { deleted: true, reason });
  });
}

export async function validateIncident(db: Db, viewer: Viewer, ref: string) {
  requireThat(may.validateDrafts(viewer), 'validate drafts');
  const incident = await findVisible(db, viewer, ref);
  if (incident.status !== 'draft') throw new Conflict(`incident "${ref}" is not a draft`);
  await audited(db, viewer.username, async (trx, audit) => {
    await trx
      .updateTable('incidents')
      .set({ status: 'validated', updated_at: new Date() })
      .where('id', '=', incident.id)
      .execute();
    audit.record('incident', ref, 'update', { status: 'draft' }, { status: 'validated' });
  });
}

import { may, requireThat, type Viewer } from '../access/policy';
import { audited } from '../audit/audit';
import { Invalid } from '../core/errors';
import type { Db } from '../db/store';
import type { RawRow } from '../records/entity';
import { createIncidentWithItems, writeRecord } from '../register/register.service';
import { deletedRecord, findDeleted, findVisible, notADraft, notDeleted } from './incidents.queries';

// Writes to single incidents through the API: the register's write path, plus who may change
// what. Every change is audited in its transaction.

export function requireEditable(viewer: Viewer, incident: { created_by: number | null; status: string }) {
  requireThat(may.changeIncident(viewer, incident), 'change an incident that is not your own draft');
}

/**
 * A new incident, with the items found at it: all written in one transaction, or none. With
 * `dryRun`, only checked.
 */
export async function createIncident(
  db: Db,
  viewer: Viewer,
  row: RawRow,
  items: RawRow[] = [],
  options: { dryRun?: boolean } = {},
) {
  requireThat(may.writeDrafts(viewer), 'document incidents');
  await createIncidentWithItems(db, viewer, row, items, options);
}

export async function updateIncident(db: Db, viewer: Viewer, ref: string, row: RawRow) {
  const incident = await findVisible(db, viewer, ref);
  requireEditable(viewer, incident);
  if (row.ref !== undefined && row.ref !== ref)
    throw new Invalid('the reference of an incident cannot change');
  // Whoever may not read sources is shown the source blank: saving what they were shown must not
  // erase it. They may still give one.
  let source = row.source;
  if (!may.seeSources(viewer) && !source?.trim()) {
    const stored = await db
      .selectFrom('incidents')
      .select('source')
      .where('id', '=', incident.id)
      .executeTakeFirstOrThrow();
    source = stored.source ?? '';
  }
  await writeRecord(db, viewer, 'incidents', { ...row, ref, ...(source === undefined ? {} : { source }) });
}

/** Soft deletion: the incident leaves lists, leads and statistics; the record and its history stay. */
export async function deleteIncident(db: Db, viewer: Viewer, ref: string, reason: string) {
  const incident = await findVisible(db, viewer, ref);
  requireEditable(viewer, incident);
  await audited(db, viewer.username, async (trx, audit) => {
    // Deleted by another request since it was read: this one changes nothing.
    const { numUpdatedRows } = await trx
      .updateTable('incidents')
      .set({ deleted_at: new Date(), deleted_reason: reason })
      .where('id', '=', incident.id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (Number(numUpdatedRows) === 0) throw deletedRecord('incident', ref, null);
    audit.record('incident', ref, 'delete', { deleted: false }, { deleted: true, reason });
  });
}

/** An administrator brings a deleted incident back, with its items, into lists and leads. */
export async function restoreIncident(db: Db, viewer: Viewer, ref: string) {
  requireThat(may.restoreDeleted(viewer), 'restore deleted records');
  const deleted = await findDeleted(db, viewer, ref);
  // Not deleted: said as such only of an incident the viewer sees anyway.
  if (!deleted) {
    await findVisible(db, viewer, ref);
    throw notDeleted('incident', ref);
  }
  await audited(db, viewer.username, async (trx, audit) => {
    const { numUpdatedRows } = await trx
      .updateTable('incidents')
      .set({ deleted_at: null, deleted_reason: null })
      .where('id', '=', deleted.id)
      .where('deleted_at', 'is not', null)
      .executeTakeFirst();
    if (Number(numUpdatedRows) === 0) throw notDeleted('incident', ref);
    audit.record(
      'incident',
      ref,
      'update',
      { deleted: true, reason: deleted.deleted_reason },
      { deleted: false },
    );
  });
}

/** A reviewer's decision on a draft: validated, or sent back to its documenter with what to correct. */
export type ReviewDecision =
  { decision: 'validated'; comment?: undefined } | { decision: 'sent_back'; comment: string };

export async function reviewIncident(db: Db, viewer: Viewer, ref: string, review: ReviewDecision) {
  requireThat(may.validateDrafts(viewer), 'review drafts');
  const incident = await findVisible(db, viewer, ref);
  if (incident.status !== 'draft') throw notADraft(ref);
  const status = review.decision === 'validated' ? 'validated' : 'draft';
  await audited(db, viewer.username, async (trx, audit) => {
    // Another reviewer, or a deletion, may have come first: decide on the draft as it is now.
    const current = await trx
      .selectFrom('incidents')
      .select(['status', 'deleted_at'])
      .where('id', '=', incident.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (current.status !== 'draft' || current.deleted_at !== null) throw notADraft(ref);
    await trx
      .insertInto('incident_reviews')
      .values({
        incident_id: incident.id,
        decision: review.decision,
        comment: review.comment ?? null,
        reviewer: viewer.username,
      })
      .execute();
    if (status === 'validated')
      await trx
        .updateTable('incidents')
        .set({ status, updated_at: new Date() })
        .where('id', '=', incident.id)
        .execute();
    audit.record(
      'incident',
      ref,
      'update',
      { status: 'draft' },
      { status, review: review.decision, ...(review.comment ? { comment: review.comment } : {}) },
    );
  });
}

export const validateIncident = (db: Db, viewer: Viewer, ref: string) =>
  reviewIncident(db, viewer, ref, { decision: 'validated' });

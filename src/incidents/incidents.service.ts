import { may, requireThat, visibleIncidents, type Viewer } from '../access/policy';
import { AuditTrail } from '../audit/audit';
import type { Db } from '../db/store';
import { refreshLeads } from '../leads/engine';
import type { LeadSettings } from '../leads/settings';
import { Conflict, Invalid, NotFound } from '../core/errors';
import type { EntityKind, RawRow } from '../records/entity';
import { writeRows } from '../register/register.service';
import type { ImportReport } from '../register/report';
import { specs } from '../register/specs';

// Writes to single records through the API: the same validation as an import (one row of
// the canonical file), plus who may change what. Every change is audited in its transaction.

export async function findVisible(db: Db, viewer: Viewer, ref: string) {
  const found = await visibleIncidents(db, viewer)
    .select(['incidents.id', 'incidents.ref', 'incidents.created_by', 'incidents.status'])
    .where('incidents.ref', '=', ref)
    .executeTakeFirst();
  if (!found) throw new NotFound(`incident "${ref}"`);
  return found;
}

/** Documenters change only their own drafts; analysts and administrators anything they see. */
export function requireEditable(viewer: Viewer, incident: { created_by: number | null; status: string }) {
  if (may.writeRegister(viewer)) return;
  requireThat(
    may.writeDrafts(viewer) && incident.created_by === viewer.userId && incident.status === 'draft',
    'change an incident that is not your own draft',
  );
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

async function writeOne(db: Db, viewer: Viewer, kind: EntityKind, row: RawRow, settings: LeadSettings) {
  // A file may carry extra columns; an API call naming a field that does not exist is a mistake.
  const known = new Set(specs[kind].columns.map((c) => c.name));
  const unknown = Object.keys(row).filter((name) => !known.has(name));
  if (unknown.length > 0) throw new Invalid(`unknown fields: ${unknown.join(', ')}`);
  const report = await writeRows(db, kind, [row], 'request', {
    user: viewer.username,
    leadSettings: settings,
    provenance: { createdBy: viewer.userId, status: may.writeRegister(viewer) ? 'validated' : 'draft' },
  });
  return rejectInvalid(report, kind === 'incidents' ? 'incident' : 'item');
}

export async function createIncident(db: Db, viewer: Viewer, row: RawRow, settings: LeadSettings) {
  requireThat(may.writeDrafts(viewer), 'document incidents');
  const taken = await db
    .selectFrom('incidents')
    .select('id')
    .where('ref', '=', row.ref ?? '')
    .executeTakeFirst();
  if (taken) throw new Conflict(`an incident "${row.ref}" already exists`);
  await writeOne(db, viewer, 'incidents', row, settings);
}

export async function updateIncident(
  db: Db,
  viewer: Viewer,
  ref: string,
  row: RawRow,
  settings: LeadSettings,
) {
  requireEditable(viewer, await findVisible(db, viewer, ref));
  if (row.ref !== undefined && row.ref !== ref)
    throw new Invalid('the reference of an incident cannot change');
  await writeOne(db, viewer, 'incidents', { ...row, ref }, settings);
}

/** Soft deletion: the incident leaves lists, leads and statistics; the record and its history stay. */
export async function deleteIncident(
  db: Db,
  viewer: Viewer,
  ref: string,
  reason: string,
  settings: LeadSettings,
) {
  const incident = await findVisible(db, viewer, ref);
  requireEditable(viewer, incident);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('incidents')
      .set({ deleted_at: new Date(), deleted_reason: reason })
      .where('id', '=', incident.id)
      .execute();
    const audit = new AuditTrail(trx, viewer.username);
    audit.record('incident', ref, 'delete', { deleted: false }, { deleted: true, reason });
    await audit.flush();
    await refreshLeads(trx, { settings });
  });
}

export async function validateIncident(db: Db, viewer: Viewer, ref: string) {
  requireThat(may.validateDrafts(viewer), 'validate drafts');
  const incident = await findVisible(db, viewer, ref);
  if (incident.status !== 'draft') throw new Conflict(`incident "${ref}" is not a draft`);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('incidents')
      .set({ status: 'validated', updated_at: new Date() })
      .where('id', '=', incident.id)
      .execute();
    const audit = new AuditTrail(trx, viewer.username);
    audit.record('incident', ref, 'update', { status: 'draft' }, { status: 'validated' });
    await audit.flush();
  });
}

/** Releases an incident and its items to a partner organisation, or withdraws the release. */
export async function setRelease(db: Db, viewer: Viewer, ref: string, partner: string, released: boolean) {
  requireThat(may.release(viewer), 'release records to partners');
  const incident = await findVisible(db, viewer, ref);
  await db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('releases')
      .select('partner')
      .where('incident_id', '=', incident.id)
      .where('partner', '=', partner)
      .executeTakeFirst();
    if (Boolean(existing) === released) return;
    if (released) {
      await trx
        .insertInto('releases')
        .values({ incident_id: incident.id, partner, released_by: viewer.userId })
        .execute();
    } else {
      await trx
        .deleteFrom('releases')
        .where('incident_id', '=', incident.id)
        .where('partner', '=', partner)
        .execute();
    }
    const audit = new AuditTrail(trx, viewer.username);
    audit.record(
      'release',
      `${ref} → ${partner}`,
      released ? 'create' : 'delete',
      released ? null : { partner },
      released ? { partner } : null,
    );
    await audit.flush();
  });
}

export async function releasesOf(db: Db, viewer: Viewer, ref: string): Promise<string[]> {
  requireThat(may.release(viewer), 'see releases');
  const incident = await findVisible(db, viewer, ref);
  const rows = await db
    .selectFrom('releases')
    .select('partner')
    .where('incident_id', '=', incident.id)
    .orderBy('partner')
    .execute();
  return rows.map((r) => r.partner);
}

/** Every release of the incidents the viewer sees: which partner sees which incident, since when, by whom. */
export async function listReleases(db: Db, viewer: Viewer) {
  requireThat(may.release(viewer), 'see releases');
  const rows = await visibleIncidents(db, viewer)
    .innerJoin('releases', 'releases.incident_id', 'incidents.id')
    .leftJoin('users', 'users.id', 'releases.released_by')
    .select(['incidents.ref', 'releases.partner', 'releases.released_at', 'users.username'])
    .orderBy('releases.partner')
    .orderBy('incidents.ref')
    .execute();
  return rows.map((r) => ({
    incident: r.ref,
    partner: r.partner,
    releasedAt: new Date(r.released_at).toISOString(),
    releasedBy: r.username,
  }));
}

// --- Items: they belong to an incident, and follow its rules -----------------------------------

export async function itemIncident(db: Db, viewer: Viewer, itemRef: string) {
  const item = await db
    .selectFrom('items')
    .innerJoin('incidents', 'incidents.id', 'items.incident_id')
    .select(['items.id', 'incidents.ref as incident_ref'])
    .where('items.ref', '=', itemRef)
    .executeTakeFirst();
  if (!item) throw new NotFound(`item "${itemRef}"`);
  return {
    item,
    incident: await findVisible(db, viewer, item.incident_ref).catch(() =>
      Promise.reject(new NotFound(`item "${itemRef}"`)),
    ),
  };
}

export async function createItem(db: Db, viewer: Viewer, row: RawRow, settings: LeadSettings) {
  requireThat(may.writeDrafts(viewer), 'document items');
  requireEditable(viewer, await findVisible(db, viewer, row.incident_ref ?? ''));
  const taken = await db
    .selectFrom('items')
    .select('id')
    .where('ref', '=', row.ref ?? '')
    .executeTakeFirst();
  if (taken) throw new Conflict(`an item "${row.ref}" already exists`);
  await writeOne(db, viewer, 'items', row, settings);
}

export async function updateItem(db: Db, viewer: Viewer, ref: string, row: RawRow, settings: LeadSettings) {
  const { incident } = await itemIncident(db, viewer, ref);
  requireEditable(viewer, incident);
  if (row.ref !== undefined && row.ref !== ref) throw new Invalid('the reference of an item cannot change');
  const target = row.incident_ref ?? incident.ref;
  if (target !== incident.ref) requireEditable(viewer, await findVisible(db, viewer, target));
  await writeOne(db, viewer, 'items', { ...row, ref, incident_ref: target }, settings);
}

/** Items are removed for good; the audit entry keeps what they were and why they went. */
export async function deleteItem(
  db: Db,
  viewer: Viewer,
  ref: string,
  reason: string,
  settings: LeadSettings,
) {
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
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('items')
      .selectAll()
      .where('id', '=', item.id)
      .executeTakeFirstOrThrow();
    await trx.deleteFrom('items').where('id', '=', item.id).execute();
    const audit = new AuditTrail(trx, viewer.username);
    audit.record(
      'item',
      ref,
      'delete',
      { ...before, created_at: undefined, updated_at: undefined },
      { reason },
    );
    await audit.flush();
    await refreshLeads(trx, { settings });
  });
}

import { sql } from 'kysely';
import {
  may,
  requireThat,
  visibleCaseFiles,
  visibleIncidents,
  visibleItems,
  type Viewer,
} from '../access/policy';
import { AuditTrail } from '../audit/audit';
import type { Db, Tx } from '../db/store';
import { incidentSpec } from '../incidents/incident.record';
import { toRecord as toIncidentRecord } from '../incidents/incidents.repository';
import { itemSpec } from '../items/item.record';
import { toRecord as toItemRecord } from '../items/items.repository';
import { listLeads } from '../leads/leads.queries';
import { Invalid, NotFound } from '../core/errors';
import {
  incidentSnapshotSchema,
  itemSnapshotSchema,
  leadSnapshotSchema,
  photoSnapshotSchema,
  type CaseFile,
  type CaseFileChanges,
  type CaseFileFields,
  type CaseFileSummary,
  type IncidentSnapshot,
  type ItemSnapshot,
  type LeadSnapshot,
  type Members,
  type PhotoSnapshot,
} from './casefile.schema';

type MemberKind = 'incident' | 'item' | 'photo' | 'lead';
interface MemberRow {
  kind: MemberKind;
  key: string;
  snapshot: IncidentSnapshot | ItemSnapshot | PhotoSnapshot | LeadSnapshot;
}

const leadKey = (lead: { kind: string; subject: string }) => `${lead.kind}:${lead.subject}`;
// References sort as people read them: M-9 before M-10.
const byKey = new Intl.Collator('en', { numeric: true }).compare;

async function findCaseFile(db: Db | Tx, viewer: Viewer, id: number) {
  requireThat(may.readCaseFiles(viewer), 'read case files');
  const row = await visibleCaseFiles(db, viewer)
    .selectAll('case_files')
    .where('case_files.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFound(`case file ${id}`);
  return row;
}

async function releasesOf(db: Db | Tx, ids: number[]): Promise<Map<number, string[]>> {
  const released = new Map<number, string[]>();
  if (ids.length === 0) return released;
  const rows = await db
    .selectFrom('case_file_releases')
    .select(['case_file_id', 'partner'])
    .where('case_file_id', 'in', ids)
    .orderBy('partner')
    .execute();
  for (const r of rows) released.set(r.case_file_id, [...(released.get(r.case_file_id) ?? []), r.partner]);
  return released;
}

/** One case file and everything it cites, as its own copies; 404 for one the viewer may not see. */
export async function readCaseFile(db: Db | Tx, viewer: Viewer, id: number): Promise<CaseFile> {
  const row = await findCaseFile(db, viewer, id);
  const members = await db
    .selectFrom('case_file_members')
    .select(['kind', 'snapshot'])
    .where('case_file_id', '=', id)
    .execute();
  const of = <T>(kind: MemberKind, schema: { parse: (value: unknown) => T }) =>
    members.filter((m) => m.kind === kind).map((m) => schema.parse(m.snapshot));
  const incidents = of('incident', incidentSnapshotSchema).sort(
    (a, b) => byKey(a.record.date ?? '', b.record.date ?? '') || byKey(a.ref, b.ref),
  );
  const items = of('item', itemSnapshotSchema).sort((a, b) => byKey(a.ref, b.ref));
  const photos = of('photo', photoSnapshotSchema).sort((a, b) => a.id - b.id);
  const leads = of('lead', leadSnapshotSchema).sort(
    (a, b) => byKey(b.date, a.date) || byKey(a.kind, b.kind) || byKey(a.subject, b.subject),
  );
  return {
    id: row.id,
    title: row.title,
    finding: row.finding,
    classification: row.classification,
    handling: row.handling,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    incidents,
    items,
    photos,
    leads,
    ...(may.release(viewer) ? { releasedTo: (await releasesOf(db, [id])).get(id) ?? [] } : {}),
  };
}

export async function listCaseFiles(db: Db, viewer: Viewer): Promise<CaseFileSummary[]> {
  requireThat(may.readCaseFiles(viewer), 'read case files');
  const list = await visibleCaseFiles(db, viewer)
    .select(['case_files.id', 'case_files.title', 'case_files.classification', 'case_files.updated_at'])
    .orderBy('case_files.updated_at', 'desc')
    .orderBy('case_files.id', 'desc')
    .execute();
  const counts = await memberCounts(
    db,
    list.map((r) => r.id),
  );
  const released = may.release(viewer)
    ? await releasesOf(
        db,
        list.map((r) => r.id),
      )
    : undefined;
  return list.map((r) => {
    const n = counts.get(r.id);
    return {
      id: r.id,
      title: r.title,
      classification: r.classification,
      updatedAt: new Date(r.updated_at).toISOString(),
      incidents: n?.incident ?? 0,
      items: n?.item ?? 0,
      photos: n?.photo ?? 0,
      leads: n?.lead ?? 0,
      ...(released ? { releasedTo: released.get(r.id) ?? [] } : {}),
    };
  });
}

async function memberCounts(db: Db, ids: number[]) {
  const counts = new Map<number, Partial<Record<MemberKind, number>>>();
  if (ids.length === 0) return counts;
  const rows = await db
    .selectFrom('case_file_members')
    .select(['case_file_id', 'kind', sql<number>`count(*)::integer`.as('n')])
    .where('case_file_id', 'in', ids)
    .groupBy(['case_file_id', 'kind'])
    .execute();
  for (const r of rows) counts.set(r.case_file_id, { ...counts.get(r.case_file_id), [r.kind]: r.n });
  return counts;
}

export async function createCaseFile(db: Db, viewer: Viewer, fields: CaseFileFields): Promise<CaseFile> {
  requireThat(may.writeCaseFiles(viewer), 'write case files');
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('case_files')
      .values({ ...fields, created_by: viewer.username })
      .returning('id')
      .executeTakeFirstOrThrow();
    const audit = new AuditTrail(trx, viewer.username);
    audit.record('case_file', String(row.id), 'create', null, fields);
    await audit.flush();
    return row.id;
  });
  return readCaseFile(db, viewer, id);
}

export async function updateCaseFile(
  db: Db,
  viewer: Viewer,
  id: number,
  changes: CaseFileChanges,
): Promise<CaseFile> {
  requireThat(may.writeCaseFiles(viewer), 'write case files');
  const before = await findCaseFile(db, viewer, id);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('case_files')
      .set({ ...changes, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    const audit = new AuditTrail(trx, viewer.username);
    const previous = Object.fromEntries(
      Object.keys(changes).map((k) => [k, before[k as keyof CaseFileChanges]]),
    );
    audit.record('case_file', String(id), 'update', previous, changes);
    await audit.flush();
  });
  return readCaseFile(db, viewer, id);
}

/** Copies of the incidents the viewer may see, by reference. Sources never leave the cell. */
async function incidentSnapshots(db: Db, viewer: Viewer, refs: string[]): Promise<IncidentSnapshot[]> {
  if (refs.length === 0) return [];
  const rows = await visibleIncidents(db, viewer)
    .leftJoin('actors', 'actors.id', 'incidents.actor_id')
    .selectAll('incidents')
    .select('actors.name as actor_name')
    .where('incidents.ref', 'in', refs)
    .execute();
  return rows.map((row) => ({
    ref: row.ref,
    record: { ...incidentSpec.format(toIncidentRecord(row)), source: '' },
  }));
}

async function itemSnapshots(db: Db, viewer: Viewer, refs: string[]): Promise<ItemSnapshot[]> {
  if (refs.length === 0) return [];
  const rows = await visibleItems(db, viewer)
    .innerJoin('incidents', 'incidents.id', 'items.incident_id')
    .selectAll('items')
    .select('incidents.ref as incident_ref')
    .where('items.ref', 'in', refs)
    .execute();
  return rows.map((row) => ({
    ref: row.ref,
    incident: row.incident_ref,
    record: itemSpec.format(toItemRecord(row)),
    sample: row.sample_key,
  }));
}

/** Photos only: a PDF attached to an incident is not something a case file can show. */
async function photoSnapshots(db: Db, viewer: Viewer, ids: number[]): Promise<PhotoSnapshot[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('attachments')
    .innerJoin('incidents', 'incidents.id', 'attachments.incident_id')
    .leftJoin('items', 'items.id', 'attachments.item_id')
    .where('attachments.incident_id', 'in', visibleIncidents(db, viewer).select('incidents.id'))
    .where('attachments.id', 'in', ids)
    .select([
      'attachments.id',
      'attachments.sha256',
      'attachments.file_name',
      'attachments.media_type',
      'attachments.size',
      'attachments.caption',
      'incidents.ref as incident',
      'items.ref as item',
    ])
    .execute();
  const notPhotos = rows.filter((r) => r.media_type !== 'image/jpeg' && r.media_type !== 'image/png');
  if (notPhotos.length > 0) {
    throw new Invalid(
      'only JPEG and PNG photos can go into a case file',
      notPhotos.map((r) => ({ photo: r.id, mediaType: r.media_type })),
    );
  }
  return rows.map((r) => ({
    id: r.id,
    sha256: r.sha256,
    fileName: r.file_name,
    mediaType: r.media_type as PhotoSnapshot['mediaType'],
    size: r.size,
    caption: r.caption,
    incident: r.incident,
    item: r.item,
  }));
}

async function leadSnapshots(db: Db, viewer: Viewer, wanted: Members['leads']): Promise<LeadSnapshot[]> {
  const found: LeadSnapshot[] = [];
  const keys = new Set(wanted.map(leadKey));
  for (const kind of new Set(wanted.map((l) => l.kind))) {
    for (const lead of await listLeads(db, viewer, { kind })) {
      if (!keys.has(leadKey(lead))) continue;
      const { subject, incidents, items, samples, score, date, explanation } = lead;
      found.push({ kind, subject, incidents, items, samples, score, date, explanation });
    }
  }
  return found;
}

function rejectMissing(missing: Record<string, (string | number)[]>) {
  const problems = Object.entries(missing).filter(([, list]) => list.length > 0);
  if (problems.length > 0) {
    throw new Invalid(
      `not found, or not yours to see: ${problems.map(([k, list]) => `${k} ${list.join(', ')}`).join('; ')}`,
      Object.fromEntries(problems),
    );
  }
}

/**
 * Adds members as copies of the records as they are now (adding one again refreshes its copy).
 * A member brings what it rests on, so the case file never cites what it does not contain: an
 * item its incident, a photo its incident and item, a lead the incidents and items it cites.
 */
export async function addMembers(db: Db, viewer: Viewer, id: number, members: Members): Promise<CaseFile> {
  requireThat(may.writeCaseFiles(viewer), 'write case files');
  await findCaseFile(db, viewer, id);
  const leads = await leadSnapshots(db, viewer, members.leads);
  const foundLeads = new Set(leads.map(leadKey));
  const photos = await photoSnapshots(db, viewer, members.photos);
  const foundPhotos = new Set(photos.map((p) => p.id));
  const itemRefs = new Set([
    ...members.items,
    ...leads.flatMap((l) => l.items),
    ...photos.flatMap((p) => (p.item ? [p.item] : [])),
  ]);
  const items = await itemSnapshots(db, viewer, [...itemRefs]);
  const foundItems = new Set(items.map((i) => i.ref));
  const incidentRefs = new Set([
    ...members.incidents,
    ...leads.flatMap((l) => l.incidents),
    ...photos.map((p) => p.incident),
    ...items.map((i) => i.incident),
  ]);
  const incidents = await incidentSnapshots(db, viewer, [...incidentRefs]);
  const foundIncidents = new Set(incidents.map((i) => i.ref));
  rejectMissing({
    incidents: [...incidentRefs].filter((r) => !foundIncidents.has(r)),
    items: [...itemRefs].filter((r) => !foundItems.has(r)),
    photos: members.photos.filter((p) => !foundPhotos.has(p)),
    leads: members.leads.map(leadKey).filter((k) => !foundLeads.has(k)),
  });

  const rows: MemberRow[] = [
    ...incidents.map((s) => ({ kind: 'incident' as const, key: s.ref, snapshot: s })),
    ...items.map((s) => ({ kind: 'item' as const, key: s.ref, snapshot: s })),
    ...photos.map((s) => ({ kind: 'photo' as const, key: String(s.id), snapshot: s })),
    ...leads.map((s) => ({ kind: 'lead' as const, key: leadKey(s), snapshot: s })),
  ];
  await db.transaction().execute(async (trx) => {
    const addedAt = new Date();
    for (let i = 0; i < rows.length; i += 500) {
      await trx
        .insertInto('case_file_members')
        .values(
          rows.slice(i, i + 500).map((r) => ({
            case_file_id: id,
            kind: r.kind,
            key: r.key,
            snapshot: JSON.stringify(r.snapshot),
            added_by: viewer.username,
            added_at: addedAt,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['case_file_id', 'kind', 'key']).doUpdateSet((eb) => ({
            snapshot: eb.ref('excluded.snapshot'),
            added_by: eb.ref('excluded.added_by'),
            added_at: eb.ref('excluded.added_at'),
          })),
        )
        .execute();
    }
    await trx.updateTable('case_files').set({ updated_at: addedAt }).where('id', '=', id).execute();
    const audit = new AuditTrail(trx, viewer.username);
    audit.record('case_file', String(id), 'update', null, { added: keysByKind(rows) });
    await audit.flush();
  });
  return readCaseFile(db, viewer, id);
}

function keysByKind(rows: { kind: MemberKind; key: string }[]) {
  const keys: Record<MemberKind, string[]> = { incident: [], item: [], photo: [], lead: [] };
  for (const r of rows) keys[r.kind].push(r.key);
  return keys;
}

/**
 * Removes members, and what rests on them (an incident's items and photos, an item's photos,
 * the leads citing either): the case file keeps citing only what it contains.
 */
export async function removeMembers(db: Db, viewer: Viewer, id: number, members: Members): Promise<CaseFile> {
  requireThat(may.writeCaseFiles(viewer), 'write case files');
  const current = await readCaseFile(db, viewer, id);
  const has = {
    incidents: new Set(current.incidents.map((i) => i.ref)),
    items: new Set(current.items.map((i) => i.ref)),
    photos: new Set(current.photos.map((p) => p.id)),
    leads: new Set(current.leads.map(leadKey)),
  };
  rejectMissing({
    incidents: members.incidents.filter((r) => !has.incidents.has(r)),
    items: members.items.filter((r) => !has.items.has(r)),
    photos: members.photos.filter((p) => !has.photos.has(p)),
    leads: members.leads.map(leadKey).filter((k) => !has.leads.has(k)),
  });
  const incidents = new Set(members.incidents);
  const items = new Set([
    ...members.items,
    ...current.items.filter((i) => incidents.has(i.incident)).map((i) => i.ref),
  ]);
  const photos = current.photos.filter(
    (p) =>
      members.photos.includes(p.id) || incidents.has(p.incident) || (p.item !== null && items.has(p.item)),
  );
  const wantedLeads = new Set(members.leads.map(leadKey));
  const leads = current.leads.filter(
    (l) =>
      wantedLeads.has(leadKey(l)) ||
      l.incidents.some((r) => incidents.has(r)) ||
      l.items.some((r) => items.has(r)),
  );
  const removed = [
    ...[...incidents].map((key) => ({ kind: 'incident' as const, key })),
    ...[...items].map((key) => ({ kind: 'item' as const, key })),
    ...photos.map((p) => ({ kind: 'photo' as const, key: String(p.id) })),
    ...leads.map((l) => ({ kind: 'lead' as const, key: leadKey(l) })),
  ];
  await db.transaction().execute(async (trx) => {
    for (const [kind, keys] of Object.entries(keysByKind(removed))) {
      if (keys.length === 0) continue;
      await trx
        .deleteFrom('case_file_members')
        .where('case_file_id', '=', id)
        .where('kind', '=', kind as MemberKind)
        .where('key', 'in', keys)
        .execute();
    }
    await trx.updateTable('case_files').set({ updated_at: new Date() }).where('id', '=', id).execute();
    const audit = new AuditTrail(trx, viewer.username);
    audit.record('case_file', String(id), 'update', { removed: keysByKind(removed) }, null);
    await audit.flush();
  });
  return readCaseFile(db, viewer, id);
}

/** Releases a case file to a partner organisation, or withdraws the release. */
export async function setCaseFileRelease(
  db: Db,
  viewer: Viewer,
  id: number,
  partner: string,
  released: boolean,
): Promise<void> {
  requireThat(may.release(viewer), 'release case files to partners');
  await findCaseFile(db, viewer, id);
  await db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('case_file_releases')
      .select('partner')
      .where('case_file_id', '=', id)
      .where('partner', '=', partner)
      .executeTakeFirst();
    if (Boolean(existing) === released) return;
    if (released) {
      await trx
        .insertInto('case_file_releases')
        .values({ case_file_id: id, partner, released_by: viewer.username })
        .execute();
    } else {
      await trx
        .deleteFrom('case_file_releases')
        .where('case_file_id', '=', id)
        .where('partner', '=', partner)
        .execute();
    }
    const audit = new AuditTrail(trx, viewer.username);
    audit.record(
      'case_file_release',
      `${id} → ${partner}`,
      released ? 'create' : 'delete',
      released ? null : { partner },
      released ? { partner } : null,
    );
    await audit.flush();
  });
}

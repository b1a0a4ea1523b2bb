import { sql } from 'kysely';
import {
  may,
  requireThat,
  visibleCaseFiles,
  visibleAttachments,
  visibleIncidents,
  visibleItems,
  type Viewer,
} from '../access/policy';
import { inChunks } from '../core/chunks';
import { Invalid, NotFound } from '../core/errors';
import type { Language } from '../core/vocabulary';
import { columns } from '../db/columns';
import type { Db, Tx } from '../db/store';
import { incidentSpec } from '../incidents/incident.record';
import { toRecord as toIncidentRecord } from '../incidents/incidents.repository';
import { itemSpec } from '../items/item.record';
import { toRecord as toItemRecord } from '../items/items.repository';
import { explainFinding, findingTitle, noNames } from '../leads/explain';
import { loadExplainNames } from '../leads/explain-names.repository';
import { findingsCiting, leadsByKey, refsById } from '../leads/leads.queries';
import {
  caseFileRefusals,
  incidentSnapshotSchema,
  itemSnapshotSchema,
  leadSnapshotSchema,
  photoSnapshotSchema,
  type CaseFile,
  type CaseFileGaps,
  type CaseFileSummary,
  type IncidentSnapshot,
  type ItemSnapshot,
  type LeadSnapshot,
  type Members,
  type PhotoSnapshot,
} from './casefile.schema';

export type MemberKind = 'incident' | 'item' | 'photo' | 'lead';
export interface MemberRow {
  kind: MemberKind;
  key: string;
  snapshot: IncidentSnapshot | ItemSnapshot | PhotoSnapshot | LeadSnapshot;
}

export const leadKey = (lead: { kind: string; subject: string }) => `${lead.kind}:${lead.subject}`;
// References sort as people read them: M-9 before M-10.
const byKey = new Intl.Collator('en', { numeric: true }).compare;

/** The case file's own row; 404 for one the viewer may not see. */
export async function findCaseFile(db: Db | Tx, viewer: Viewer, id: number) {
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

const PHOTO_TYPES = ['image/jpeg', 'image/png'] as const;

/** Photos only: a PDF attached to an incident is not something a case file can show. */
async function photoSnapshots(db: Db, viewer: Viewer, ids: number[]): Promise<PhotoSnapshot[]> {
  if (ids.length === 0) return [];
  const rows = await visibleAttachments(db, viewer)
    .leftJoin('items', 'items.id', 'attachments.item_id')
    // An item's photo belongs to the incident the item belongs to now.
    .innerJoin('incidents', (join) =>
      join.on('incidents.id', '=', sql<number>`coalesce(items.incident_id, attachments.incident_id)`),
    )
    .where('attachments.id', 'in', ids)
    .select([...columns.attachment, 'incidents.ref as incident', 'items.ref as item'])
    .execute();
  const notPhotos = rows.filter((r) => !(PHOTO_TYPES as readonly string[]).includes(r.media_type));
  if (notPhotos.length > 0) {
    throw new Invalid(
      `only JPEG and PNG photos can go into a case file, not ${notPhotos.map((r) => r.file_name).join(', ')}`,
      {
        code: caseFileRefusals.notAPhoto,
        photos: notPhotos.map((r) => ({ photo: r.id, fileName: r.file_name, mediaType: r.media_type })),
      },
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
  const names = wanted.length > 0 ? await loadExplainNames(db) : noNames;
  const leads = await leadsByKey(db, viewer, wanted);
  // By kind in the order asked for, each kind's newest first.
  for (const kind of new Set(wanted.map((l) => l.kind))) {
    for (const lead of leads.filter((l) => l.kind === kind)) {
      const { subject, incidents, items, samples, score, date, explanation } = lead;
      // Both languages are kept: the copy is shared as it is, in English or French.
      const explanationFr = explainFinding(lead, 'fr', names);
      const [title, titleFr] = (['en', 'fr'] as const).map((language) => findingTitle(lead, language, names));
      const fields = { kind, subject, incidents, items, samples, score, date, explanation };
      found.push({ ...fields, explanationFr, title, titleFr });
    }
  }
  return found;
}

/** Refuses a request naming members that are not there, or not the viewer's to see. */
export function rejectMissing(missing: Record<string, (string | number)[]>) {
  const problems = Object.entries(missing).filter(([, list]) => list.length > 0);
  if (problems.length > 0) {
    throw new Invalid(
      `not found, or not yours to see: ${problems.map(([k, list]) => `${k} ${list.join(', ')}`).join('; ')}`,
      { code: caseFileRefusals.notFound, missing: Object.fromEntries(problems) },
    );
  }
}

/** Refuses a change of members that names none, in words rather than as a schema's complaint. */
export function requireNamed(members: Members, adding: boolean) {
  const named =
    members.incidents.length + members.items.length + members.photos.length + members.leads.length;
  if (named + (adding ? members.samples.length : 0) === 0) {
    throw new Invalid(
      adding
        ? 'name at least one incident, item, photo, finding or sample to add'
        : 'name at least one incident, item, photo or finding to remove',
      { code: caseFileRefusals.nothingNamed },
    );
  }
  if (!adding && members.samples.length > 0) {
    throw new Invalid('samples are not members of a case file: remove their incidents instead', {
      code: caseFileRefusals.nothingNamed,
    });
  }
}

/** The live incidents the viewer may see among these references: their ids and status. */
async function visibleByRef(db: Db, viewer: Viewer, refs: Iterable<string>) {
  return inChunks(
    [...new Set(refs)],
    (part) =>
      visibleIncidents(db, viewer)
        .select(['incidents.id', 'incidents.ref', 'incidents.status'])
        .where('incidents.ref', 'in', part)
        .execute(),
    1000,
  );
}

async function incidentIds(db: Db, viewer: Viewer, refs: Iterable<string>): Promise<Map<string, number>> {
  return new Map((await visibleByRef(db, viewer, refs)).map((r) => [r.ref, r.id]));
}

/** The incidents (references) where the viewer may see items of these samples, by sample. */
async function sampleIncidents(db: Db, viewer: Viewer, samples: string[]): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  if (samples.length === 0) return found;
  const rows = await visibleItems(db, viewer)
    .innerJoin('live_incidents as incidents', 'incidents.id', 'items.incident_id')
    .select(['items.sample_key', 'incidents.ref'])
    .distinct()
    .where('items.sample_key', 'in', samples)
    .execute();
  for (const r of rows)
    if (r.sample_key) found.set(r.sample_key, [...(found.get(r.sample_key) ?? []), r.ref]);
  return found;
}

/** What an incident brought whole carries: every item the viewer may see, and their photos and its own. */
async function contentsOf(db: Db, viewer: Viewer, ids: number[]) {
  if (ids.length === 0) return { items: [], photos: [] };
  const items = await visibleItems(db, viewer)
    .select('items.ref')
    .where('items.incident_id', 'in', ids)
    .execute();
  const photos = await visibleAttachments(db, viewer)
    .leftJoin('items', 'items.id', 'attachments.item_id')
    .select('attachments.id')
    .where(sql<number>`coalesce(items.incident_id, attachments.incident_id)`, 'in', ids)
    // Documents attached beside the photos (reports, scans as PDF) stay out: not asked for by name.
    .where('attachments.media_type', 'in', [...PHOTO_TYPES])
    .execute();
  return { items: items.map((i) => i.ref), photos: photos.map((p) => p.id) };
}

/**
 * The findings that come with incidents brought whole: those citing one of them whose every
 * incident will be in the case file (so it never cites what it does not hold), unless the cell
 * dismissed them. The others are what the case file lacks (`caseFileGaps`).
 */
async function findingsWith(
  db: Db,
  viewer: Viewer,
  whole: number[],
  held: ReadonlySet<number>,
): Promise<Members['leads']> {
  const citing = await findingsCiting(db, viewer, whole);
  return citing
    .filter((f) => f.status !== 'dismissed' && f.incidentIds.every((id) => held.has(id)))
    .map(({ kind, subject }) => ({ kind, subject }));
}

/**
 * The members asked for, as copies of the records as they are now, with what they rest on and
 * what comes with them:
 * - an incident comes whole: with its items and their photos and its own, and the findings that
 *   cite it and nothing outside the case file (`fileIncidents`, what it holds already);
 * - a finding brings its incidents, whole; a sample the incidents where it was found, whole;
 * - an item brings its incident's record (not its other items); a photo its incident and item.
 * Refuses the lot when one named is missing or not the viewer's to see.
 */
export async function memberSnapshots(
  db: Db,
  viewer: Viewer,
  members: Members,
  fileIncidents: Iterable<string> = [],
): Promise<MemberRow[]> {
  const named = await leadSnapshots(db, viewer, members.leads);
  const foundLeads = new Set(named.map(leadKey));
  const bySample = await sampleIncidents(db, viewer, members.samples);
  const wholeRefs = new Set([
    ...members.incidents,
    ...named.flatMap((l) => l.incidents),
    ...[...bySample.values()].flat(),
  ]);
  const whole = await incidentIds(db, viewer, wholeRefs);
  const held = new Set([...whole.values(), ...(await incidentIds(db, viewer, fileIncidents)).values()]);
  const brought = await findingsWith(db, viewer, [...whole.values()], held);
  const leads = [
    ...named,
    ...(await leadSnapshots(
      db,
      viewer,
      brought.filter((l) => !foundLeads.has(leadKey(l))),
    )),
  ];
  const contents = await contentsOf(db, viewer, [...whole.values()]);
  const photos = await photoSnapshots(db, viewer, [...new Set([...members.photos, ...contents.photos])]);
  const foundPhotos = new Set(photos.map((p) => p.id));
  const itemRefs = new Set([
    ...members.items,
    ...contents.items,
    ...leads.flatMap((l) => l.items),
    ...photos.flatMap((p) => (p.item ? [p.item] : [])),
  ]);
  const items = await itemSnapshots(db, viewer, [...itemRefs]);
  const foundItems = new Set(items.map((i) => i.ref));
  const incidentRefs = new Set([
    ...wholeRefs,
    ...leads.flatMap((l) => l.incidents),
    ...photos.map((p) => p.incident),
    ...items.map((i) => i.incident),
  ]);
  const incidents = await incidentSnapshots(db, viewer, [...incidentRefs]);
  const foundIncidents = new Set(incidents.map((i) => i.ref));
  // Only what was named is missing: what a finding cites may have been deleted since it was
  // found (the findings follow writes through a queue), and is left out rather than refused.
  rejectMissing({
    incidents: members.incidents.filter((r) => !foundIncidents.has(r)),
    items: members.items.filter((r) => !foundItems.has(r)),
    photos: members.photos.filter((p) => !foundPhotos.has(p)),
    leads: members.leads.map(leadKey).filter((k) => !foundLeads.has(k)),
    samples: members.samples.filter((key) => !bySample.has(key)),
  });

  return [
    ...incidents.map((s) => ({ kind: 'incident' as const, key: s.ref, snapshot: s })),
    ...items.map((s) => ({ kind: 'item' as const, key: s.ref, snapshot: s })),
    ...photos.map((s) => ({ kind: 'photo' as const, key: String(s.id), snapshot: s })),
    ...leads.map((s) => ({ kind: 'lead' as const, key: leadKey(s), snapshot: s })),
  ];
}

/** The members a case file holds, as stored: what an addition is compared with. */
export async function storedMembers(db: Db | Tx, id: number) {
  return db
    .selectFrom('case_file_members')
    .select(['kind', 'key', 'snapshot'])
    .where('case_file_id', '=', id)
    .execute();
}

/** What a case file lacks (see `caseFileGapsSchema`), for those who assemble it. */
export async function caseFileGaps(
  db: Db,
  viewer: Viewer,
  id: number,
  language: Language,
): Promise<CaseFileGaps> {
  requireThat(may.writeCaseFiles(viewer), 'assemble case files');
  const caseFile = await readCaseFile(db, viewer, id);
  const refs = caseFile.incidents.map((i) => i.ref);
  const held = new Set(refs);
  const pictured = new Set(caseFile.photos.flatMap((p) => (p.item ? [p.item] : [])));
  const leadsHeld = new Set(caseFile.leads.map(leadKey));
  const live = await visibleByRef(db, viewer, refs);
  const ids = new Map(live.map((r) => [r.ref, r.id]));
  const citing = await findingsCiting(db, viewer, [...ids.values()]);
  const refOf = await refsById(
    db,
    'incidents',
    citing.flatMap((f) => f.incidentIds),
  );
  const outside = citing.filter((f) => f.status !== 'dismissed' && !leadsHeld.has(leadKey(f)));
  const names = outside.length > 0 ? await loadExplainNames(db) : noNames;
  const findingsOutside = outside.map((f) => {
    const incidents = f.incidentIds.map((i) => refOf.get(i) ?? `#${i}`);
    return {
      kind: f.kind,
      subject: f.subject,
      title: findingTitle({ ...f, incidents, samples: f.sampleKeys }, language, names),
      score: f.score,
      incidents,
      missing: incidents.filter((r) => !held.has(r)),
    };
  });
  const released = new Map<string, Set<number>>();
  for (const partner of caseFile.releasedTo ?? []) released.set(partner, new Set());
  if (released.size > 0 && ids.size > 0) {
    const rows = await db
      .selectFrom('releases')
      .select(['partner', 'incident_id'])
      .where('partner', 'in', [...released.keys()])
      .where('incident_id', 'in', [...ids.values()])
      .execute();
    for (const r of rows) released.get(r.partner)?.add(r.incident_id);
  }
  return {
    itemsWithoutPhotos: caseFile.items.filter((i) => !pictured.has(i.ref)).map((i) => i.ref),
    findingsOutside,
    drafts: live.filter((r) => r.status === 'draft').map((r) => r.ref),
    gone: refs.filter((r) => !ids.has(r)),
    notReleased: [...released].flatMap(([partner, has]) => {
      const incidents = refs.filter((r) => ids.has(r) && !has.has(ids.get(r)!));
      return incidents.length > 0 ? [{ partner, incidents }] : [];
    }),
  };
}

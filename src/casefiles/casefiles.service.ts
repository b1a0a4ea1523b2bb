import { may, requireThat, type Viewer } from '../access/policy';
import { audited } from '../audit/audit';
import { chunks } from '../core/chunks';
import { Conflict } from '../core/errors';
import { canonicalJson } from '../core/json';
import type { Db, Tx } from '../db/store';
import {
  caseFileRefusals,
  type CaseFile,
  type CaseFileChange,
  type CaseFileChanges,
  type CaseFileFields,
  type MemberCounts,
  type Members,
} from './casefile.schema';
import {
  findCaseFile,
  leadKey,
  memberSnapshots,
  readCaseFile,
  rejectMissing,
  requireNamed,
  storedMembers,
  type MemberKind,
  type MemberRow,
} from './casefiles.queries';

/**
 * Opens a case file, with its first members when given (see `addMembers`): both are written in
 * one transaction, so a refused member leaves no empty case file behind.
 */
export async function createCaseFile(
  db: Db,
  viewer: Viewer,
  fields: CaseFileFields,
  members?: Members,
): Promise<CaseFileChange> {
  requireThat(may.writeCaseFiles(viewer), 'write case files');
  if (members) requireNamed(members, true);
  const rows = members ? await memberSnapshots(db, viewer, members) : [];
  const id = await audited(db, viewer.username, async (trx, audit) => {
    const row = await trx
      .insertInto('case_files')
      .values({ ...fields, created_by: viewer.username })
      .returning('id')
      .executeTakeFirstOrThrow();
    audit.record('case_file', String(row.id), 'create', null, fields);
    if (rows.length > 0) {
      await writeMembers(trx, row.id, rows, viewer.username);
      audit.record('case_file', String(row.id), 'update', null, { added: keysByKind(rows) });
    }
    return row.id;
  });
  return { ...(await readCaseFile(db, viewer, id)), added: countsOf(rows), refreshed: countsOf([]) };
}

export async function updateCaseFile(
  db: Db,
  viewer: Viewer,
  id: number,
  changes: CaseFileChanges,
): Promise<CaseFile> {
  requireThat(may.writeCaseFiles(viewer), 'write case files');
  const before = await findCaseFile(db, viewer, id);
  await audited(db, viewer.username, async (trx, audit) => {
    await trx
      .updateTable('case_files')
      .set({ ...changes, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    const previous = Object.fromEntries(
      Object.keys(changes).map((k) => [k, before[k as keyof CaseFileChanges]]),
    );
    audit.record('case_file', String(id), 'update', previous, changes);
  });
  return readCaseFile(db, viewer, id);
}

/** Writes members' copies, replacing the copies of those the case file holds already. */
async function writeMembers(trx: Tx, id: number, rows: MemberRow[], by: string) {
  const addedAt = new Date();
  for (const part of chunks(rows, 500)) {
    await trx
      .insertInto('case_file_members')
      .values(
        part.map((r) => ({
          case_file_id: id,
          kind: r.kind,
          key: r.key,
          snapshot: JSON.stringify(r.snapshot),
          added_by: by,
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
}

/**
 * Adds members as copies of the records as they are now, with what they rest on and what comes
 * with them (`memberSnapshots`): so the case file never cites what it does not contain. Adding one
 * again refreshes its copy when the record changed; naming only what is there already, unchanged,
 * is refused (409) and changes nothing.
 */
export async function addMembers(
  db: Db,
  viewer: Viewer,
  id: number,
  members: Members,
): Promise<CaseFileChange> {
  requireThat(may.writeCaseFiles(viewer), 'write case files');
  requireNamed(members, true);
  await findCaseFile(db, viewer, id);
  const stored = new Map(
    (await storedMembers(db, id)).map((m) => [`${m.kind} ${m.key}`, canonicalJson(m.snapshot)]),
  );
  const fileIncidents = [...stored.keys()].flatMap((k) =>
    k.startsWith('incident ') ? [k.slice('incident '.length)] : [],
  );
  const rows = await memberSnapshots(db, viewer, members, fileIncidents);
  const added = rows.filter((r) => !stored.has(`${r.kind} ${r.key}`));
  const refreshed = rows.filter((r) => {
    const copy = stored.get(`${r.kind} ${r.key}`);
    return copy !== undefined && copy !== canonicalJson(r.snapshot);
  });
  if (added.length + refreshed.length === 0) {
    throw new Conflict('all of it is in the case file already, as it is now: nothing was added', {
      code: caseFileRefusals.nothingNew,
    });
  }
  await audited(db, viewer.username, async (trx, audit) => {
    await writeMembers(trx, id, [...added, ...refreshed], viewer.username);
    audit.record('case_file', String(id), 'update', null, {
      added: keysByKind(added),
      ...(refreshed.length > 0 ? { refreshed: keysByKind(refreshed) } : {}),
    });
  });
  return { ...(await readCaseFile(db, viewer, id)), added: countsOf(added), refreshed: countsOf(refreshed) };
}

function keysByKind(rows: { kind: MemberKind; key: string }[]) {
  const keys: Record<MemberKind, string[]> = { incident: [], item: [], photo: [], lead: [] };
  for (const r of rows) keys[r.kind].push(r.key);
  return keys;
}

function countsOf(rows: { kind: MemberKind }[]): MemberCounts {
  const count = (kind: MemberKind) => rows.filter((r) => r.kind === kind).length;
  return { incidents: count('incident'), items: count('item'), photos: count('photo'), leads: count('lead') };
}

/**
 * Removes members, and what rests on them (an incident's items and photos, an item's photos,
 * the leads citing either): the case file keeps citing only what it contains.
 */
export async function removeMembers(db: Db, viewer: Viewer, id: number, members: Members): Promise<CaseFile> {
  requireThat(may.writeCaseFiles(viewer), 'write case files');
  requireNamed(members, false);
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
  await audited(db, viewer.username, async (trx, audit) => {
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
    audit.record('case_file', String(id), 'update', { removed: keysByKind(removed) }, null);
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
  await audited(db, viewer.username, async (trx, audit) => {
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
    audit.record(
      'case_file_release',
      `${id} → ${partner}`,
      released ? 'create' : 'delete',
      released ? null : { partner },
      released ? { partner } : null,
    );
  });
}

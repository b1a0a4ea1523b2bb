import { z } from 'zod';
import { may, requireThat, visibleIncidents, type Viewer } from '../access/policy';
import { AuditTrail } from '../audit/audit';
import type { Db } from '../db/store';
import { findVisible } from '../incidents/incidents.queries';
import { requireEditable } from '../incidents/incidents.service';
import { itemIncident } from '../items/items.service';
import { Conflict, Invalid, NotFound, UnsupportedType } from '../core/errors';
import { ACCEPTED_TYPES, mediaTypeOf, safeFileName, type EvidenceFiles } from './evidence-files';

export interface AttachmentView {
  id: number;
  sha256: string;
  fileName: string;
  mediaType: string;
  size: number;
  caption: string | null;
  item: string | null;
  uploadedBy: string;
  uploadedAt: string;
}

export type AttachTo = { incident: string } | { item: string };

export async function attach(
  db: Db,
  files: EvidenceFiles,
  viewer: Viewer,
  to: AttachTo,
  file: { name: string; data: Buffer },
  caption: string | null,
): Promise<AttachmentView> {
  requireThat(may.writeDrafts(viewer), 'attach evidence');
  const target =
    'incident' in to
      ? { incident: await findVisible(db, viewer, to.incident), itemId: null }
      : await itemIncident(db, viewer, to.item).then(({ item, incident }) => ({ incident, itemId: item.id }));
  requireEditable(viewer, target.incident);
  const mediaType = mediaTypeOf(file.data);
  if (!mediaType) throw new UnsupportedType(`only ${ACCEPTED_TYPES.join(', ')} files may be attached`);
  const sha256 = await files.put(file.data);
  const fileName = safeFileName(file.name);
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('attachments')
      .values({
        sha256,
        incident_id: target.incident.id,
        item_id: target.itemId,
        file_name: fileName,
        media_type: mediaType,
        size: file.data.length,
        caption,
        uploaded_by: viewer.username,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const audit = new AuditTrail(trx, viewer.username);
    const subject = 'incident' in to ? `incident ${to.incident}` : `item ${to.item}`;
    audit.record('attachment', `${subject}: ${sha256}`, 'create', null, {
      fileName,
      mediaType,
      size: file.data.length,
      caption,
    });
    await audit.flush();
    return row.id;
  });
  return (await listAttachments(db, viewer, { id }))[0]!;
}

export async function listAttachments(
  db: Db,
  viewer: Viewer,
  filter: { incident?: string; item?: string; id?: number },
): Promise<AttachmentView[]> {
  let query = db
    .selectFrom('attachments')
    .leftJoin('items', 'items.id', 'attachments.item_id')
    .where('attachments.incident_id', 'in', visibleIncidents(db, viewer).select('incidents.id'))
    .select([
      'attachments.id',
      'attachments.sha256',
      'attachments.file_name',
      'attachments.media_type',
      'attachments.size',
      'attachments.caption',
      'items.ref as item',
      'attachments.uploaded_by',
      'attachments.uploaded_at',
    ])
    .orderBy('attachments.id');
  if (filter.id !== undefined) query = query.where('attachments.id', '=', filter.id);
  if (filter.item !== undefined) query = query.where('items.ref', '=', filter.item);
  if (filter.incident !== undefined) {
    query = query.where('attachments.incident_id', '=', (eb) =>
      eb.selectFrom('incidents').select('id').where('ref', '=', filter.incident!),
    );
  }
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    sha256: r.sha256,
    fileName: r.file_name,
    mediaType: r.media_type,
    size: r.size,
    caption: r.caption,
    item: r.item,
    uploadedBy: r.uploaded_by,
    uploadedAt: new Date(r.uploaded_at).toISOString(),
  }));
}

export async function readAttachment(db: Db, files: EvidenceFiles, viewer: Viewer, id: number) {
  const [attachment] = await listAttachments(db, viewer, { id });
  if (!attachment) throw new NotFound(`attachment ${id}`);
  return { attachment, data: await files.read(attachment.sha256) };
}

// --- Chain of custody --------------------------------------------------------------------------

export const custodyEvents = [
  'collected',
  'sealed',
  'transferred',
  'received',
  'examined',
  'destroyed',
  'returned',
] as const;

export const custodyEventSchema = z
  .object({
    event: z.enum(custodyEvents),
    at: z.iso.datetime({ offset: true }),
    by: z.string().trim().min(1).max(200),
    to: z.string().trim().min(1).max(200).nullable().default(null),
    place: z.string().trim().max(200).nullable().default(null),
    seal: z.string().trim().max(100).nullable().default(null),
    notes: z.string().trim().max(4000).nullable().default(null),
  })
  .strict()
  .refine((e) => e.event !== 'transferred' || e.to !== null, {
    message: 'a transfer names who received the item',
    path: ['to'],
  });
export type CustodyEventInput = z.output<typeof custodyEventSchema>;

export async function addCustodyEvent(db: Db, viewer: Viewer, itemRef: string, event: CustodyEventInput) {
  requireThat(may.writeDrafts(viewer), 'record custody');
  const { item } = await itemIncident(db, viewer, itemRef);
  const at = new Date(event.at);
  if (at.getTime() > Date.now() + 5 * 60_000) throw new Invalid('a custody event cannot be in the future');
  const last = await db
    .selectFrom('custody_events')
    .select(['event', 'at'])
    .where('item_id', '=', item.id)
    .orderBy('at', 'desc')
    .executeTakeFirst();
  if (last?.event === 'destroyed') throw new Conflict('the item was destroyed: its custody has ended');
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('custody_events')
      .values({
        item_id: item.id,
        event: event.event,
        at,
        by_whom: event.by,
        to_whom: event.to,
        place: event.place,
        seal: event.seal,
        notes: event.notes,
        recorded_by: viewer.username,
      })
      .execute();
    const audit = new AuditTrail(trx, viewer.username);
    audit.record('custody', `item ${itemRef}`, 'create', null, event);
    await audit.flush();
  });
}

export async function custodyOf(db: Db, viewer: Viewer, itemRef: string) {
  const { item } = await itemIncident(db, viewer, itemRef);
  const rows = await db
    .selectFrom('custody_events')
    .selectAll()
    .where('item_id', '=', item.id)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    event: r.event,
    at: new Date(r.at).toISOString(),
    by: r.by_whom,
    to: r.to_whom,
    place: r.place,
    seal: r.seal,
    notes: r.notes,
    recordedBy: r.recorded_by,
  }));
}

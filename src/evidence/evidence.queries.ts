import { sql } from 'kysely';
import { visibleAttachments, visibleItems, type Viewer } from '../access/policy';
import { NotFound } from '../core/errors';
import { columns } from '../db/columns';
import type { Db } from '../db/store';
import type { EvidenceFiles } from './evidence-files';

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

export async function listAttachments(
  db: Db,
  viewer: Viewer,
  filter: { incident?: string; item?: string; id?: number },
): Promise<AttachmentView[]> {
  let query = visibleAttachments(db, viewer)
    .leftJoin('items', 'items.id', 'attachments.item_id')
    .select([
      ...columns.attachment,
      'items.ref as item',
      'attachments.uploaded_by',
      'attachments.uploaded_at',
    ])
    .orderBy('attachments.id');
  if (filter.id !== undefined) query = query.where('attachments.id', '=', filter.id);
  if (filter.item !== undefined) query = query.where('items.ref', '=', filter.item);
  if (filter.incident !== undefined) {
    // An item's photos are listed with the incident the item belongs to now.
    const incident = filter.incident;
    query = query.where(({ eb, selectFrom }) =>
      eb(
        sql<number>`coalesce(items.incident_id, attachments.incident_id)`,
        '=',
        selectFrom('incidents').select('id').where('ref', '=', incident),
      ),
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

export async function custodyOf(db: Db, viewer: Viewer, itemRef: string) {
  const item = await visibleItems(db, viewer)
    .select('items.id')
    .where('items.ref', '=', itemRef)
    .executeTakeFirst();
  if (!item) throw new NotFound(`item "${itemRef}"`);
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

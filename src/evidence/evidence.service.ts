import { may, requireThat, type Viewer } from '../access/policy';
import { audited } from '../audit/audit';
import { Conflict, Invalid, UnsupportedType } from '../core/errors';
import type { Db } from '../db/store';
import { findVisible } from '../incidents/incidents.queries';
import { requireEditable } from '../incidents/incidents.service';
import { itemIncident } from '../items/items.queries';
import { safeFileName, type EvidenceFiles } from './evidence-files';
import { ACCEPTED_TYPES, mediaTypeOf } from './media-types';
import { listAttachments, type AttachmentView } from './evidence.queries';
import type { CustodyEventInput } from './evidence.schema';

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
  if (!mediaType)
    throw new UnsupportedType(`only ${ACCEPTED_TYPES.join(', ')} files may be attached`, undefined, {
      code: 'file_type_refused',
    });
  const sha256 = await files.put(file.data);
  const fileName = safeFileName(file.name);
  const id = await audited(db, viewer.username, async (trx, audit) => {
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
    const subject = 'incident' in to ? `incident ${to.incident}` : `item ${to.item}`;
    audit.record('attachment', `${subject}: ${sha256}`, 'create', null, {
      fileName,
      mediaType,
      size: file.data.length,
      caption,
    });
    return row.id;
  });
  return (await listAttachments(db, viewer, { id }))[0]!;
}

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
  await audited(db, viewer.username, async (trx, audit) => {
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
    audit.record('custody', `item ${itemRef}`, 'create', null, event);
  });
}

import { sql } from 'kysely';
import { incidentsOnRecord, visibleItems, type Viewer } from '../access/policy';
import { NotFound } from '../core/errors';
import type { Db } from '../db/store';
import { deletedRecord, findVisible } from '../incidents/incidents.queries';
import type { RawRow } from '../records/entity';
import { provenanceOf } from '../tracing/tracing.queries';
import { itemSpec } from './item.record';
import { toRecord } from './items.repository';

/** An item: the canonical columns of items.csv, and the sample it was identified as. */
export interface ItemView {
  record: RawRow;
  sample: string | null;
  /**
   * The state a tracing request about it goes to: where its recognised producer's works stand
   * today (a Soviet plant in Luhansk: Ukraine), else the country of manufacture as recorded.
   */
  tracingCountry: string | null;
}

export async function listItems(
  db: Db,
  viewer: Viewer,
  filter: { incidentId?: number; sample?: string; ref?: string; limit?: number },
): Promise<ItemView[]> {
  let query = visibleItems(db, viewer)
    .innerJoin('incidents', 'incidents.id', 'items.incident_id')
    .selectAll('items')
    .leftJoin('manufacturers', 'manufacturers.key', 'items.manufacturer_key')
    .select('incidents.ref as incident_ref')
    .select(
      sql<
        string | null
      >`coalesce(manufacturers.location, manufacturers.country, items.country_of_manufacture)`.as(
        'tracing_country',
      ),
    )
    .orderBy('items.ref');
  if (filter.incidentId !== undefined) query = query.where('items.incident_id', '=', filter.incidentId);
  if (filter.sample) query = query.where('items.sample_key', '=', filter.sample);
  if (filter.ref) query = query.where('items.ref', '=', filter.ref);
  if (filter.limit) query = query.limit(filter.limit);
  const rows = await query.execute();
  return rows.map((r) => ({
    record: itemSpec.format(toRecord(r)),
    sample: r.sample_key,
    tracingCountry: r.tracing_country,
  }));
}

/** One item the viewer may see, with what tracing requests established about its origin. */
export async function readItem(db: Db, viewer: Viewer, ref: string) {
  const [item] = await listItems(db, viewer, { ref });
  if (!item) throw new NotFound(`item "${ref}"`);
  return { ...item, provenance: await provenanceOf(db, viewer, ref) };
}

/**
 * The item and the incident it belongs to, when the viewer may see that incident, deleted or not
 * (`deleted_reason` and `deleted` say whether the item itself is). Not found otherwise.
 */
export async function itemOnRecord(db: Db, viewer: Viewer, itemRef: string) {
  const item = await db
    .selectFrom('items')
    .innerJoin('incidents', 'incidents.id', 'items.incident_id')
    .select([
      'items.id',
      'incidents.ref as incident_ref',
      sql<boolean>`items.deleted_at IS NOT NULL`.as('deleted'),
      'items.deleted_reason',
    ])
    .where('items.ref', '=', itemRef)
    .executeTakeFirst();
  const seen =
    item &&
    (await incidentsOnRecord(db, viewer)
      .select('incidents.id')
      .where('incidents.ref', '=', item.incident_ref)
      .executeTakeFirst());
  if (!item || !seen) throw new NotFound(`item "${itemRef}"`);
  return item;
}

/**
 * The item and the incident it belongs to, when the viewer may see that incident. A deleted item,
 * or one of a deleted incident, is refused as such: every write to an item starts here.
 */
export async function itemIncident(db: Db, viewer: Viewer, itemRef: string) {
  const item = await itemOnRecord(db, viewer, itemRef);
  if (item.deleted) throw deletedRecord('item', itemRef, item.deleted_reason);
  return { item, incident: await findVisible(db, viewer, item.incident_ref) };
}

import type { Insertable, Selectable } from 'kysely';
import type { ItemTable } from '../db/schema';
import type { Db, Tx } from '../db/store';
import type { ChangeLog } from '../records/changes';
import type { MaterielIdentity } from '../records/identity';
import { chunks, inChunks, WRITE_CHUNK } from '../core/chunks';
import { diffByKey, type Diff } from '../records/diff';
import { materielOf } from '../records/materiel';
import type { ItemRecord } from './item.record';

export type ItemWithIncident = Selectable<ItemTable> & { incident_ref: string };

export function toRecord(row: ItemWithIncident): ItemRecord {
  return {
    ref: row.ref,
    incident_ref: row.incident_ref,
    category: row.category,
    type: row.type,
    ...materielOf(row),
    serial: row.serial,
    markings: row.markings,
    quantity: row.quantity,
    condition: row.condition,
    notes: row.notes,
  };
}

function selectItems(db: Db | Tx, live = false) {
  // The view has the table's columns: deleted items, and those of deleted incidents, are left out.
  return db
    .selectFrom((live ? 'live_items as items' : 'items as items') as 'items as items')
    .innerJoin('incidents', 'incidents.id', 'items.incident_id')
    .selectAll('items')
    .select('incidents.ref as incident_ref');
}

/** Stored items as records, as `loadIncidentRecords`: `live`, deleted ones left out. */
export async function loadItemRecords(
  db: Db | Tx,
  refs?: readonly string[],
  { live = false } = {},
): Promise<Map<string, ItemRecord>> {
  const rows: ItemWithIncident[] =
    refs === undefined
      ? await selectItems(db, live).orderBy('items.ref').execute()
      : await inChunks(refs, (part) => selectItems(db, live).where('items.ref', 'in', part).execute());
  return new Map(rows.map((row) => [row.ref, toRecord(row)]));
}

/** Which of these items are deleted (not those only of a deleted incident), with the reason given. */
export async function deletedItems(
  db: Db | Tx,
  refs: readonly string[],
): Promise<Map<string, string | null>> {
  const rows = await inChunks([...new Set(refs)], (part) =>
    db
      .selectFrom('items')
      .select(['ref', 'deleted_reason'])
      .where('ref', 'in', part)
      .where('deleted_at', 'is not', null)
      .execute(),
  );
  return new Map(rows.map((row) => [row.ref, row.deleted_reason]));
}

export async function writeItems(
  trx: Tx,
  incoming: ItemRecord[],
  incidentIds: Map<string, { id: number }>,
  identityOf: (record: ItemRecord) => MaterielIdentity,
  audit: ChangeLog,
): Promise<Diff<ItemRecord>> {
  const existing = await loadItemRecords(
    trx,
    incoming.map((r) => r.ref),
  );
  const diff = diffByKey(incoming, existing, (r) => r.ref);
  const columns = (r: ItemRecord): Insertable<ItemTable> => {
    const { incident_ref, ...fields } = r;
    const incident = incidentIds.get(incident_ref);
    if (!incident)
      throw new Error(`incident ${incident_ref} of item ${r.ref} was not resolved before writing`);
    return { ...fields, incident_id: incident.id, ...identityOf(r) };
  };
  for (const part of chunks(diff.creates, WRITE_CHUNK)) {
    await trx.insertInto('items').values(part.map(columns)).execute();
  }
  for (const record of diff.creates) audit.record('item', record.ref, 'create', null, record);
  for (const { before, after } of diff.updates) {
    await trx
      .updateTable('items')
      .set({ ...columns(after), updated_at: new Date() })
      .where('ref', '=', after.ref)
      .execute();
    audit.record('item', after.ref, 'update', before, after);
  }
  return diff;
}

import { type ActorIndex, loadActors } from '../actors/actors.repository';
import type { Db } from '../db/store';
import type { Normaliser } from '../reference/normalise';
import { loadNormaliser } from '../reference/reference.repository';

/** What every write of the register is checked against. */
export interface CheckedLists {
  normaliser: Normaliser;
  actors: ActorIndex;
}

const cached = new WeakMap<Db, { version: number; lists: CheckedLists }>();

/**
 * The actors and reference lists, read again only when they changed: a write reads one counter
 * (`list_versions`, raised by any change to them in its own transaction, migration 0025) instead
 * of six lists. The counter is read before the lists, so lists read meanwhile are at least as new
 * as the count they are kept under. Inside a transaction nothing is kept: it may see its own
 * uncommitted changes, which a rollback would leave in memory.
 *
 * The lists returned are shared: callers must not change them (`ActorIndex.copy` first).
 */
export async function checkedLists(db: Db): Promise<CheckedLists> {
  const read = async () => ({
    normaliser: await loadNormaliser(db),
    actors: (await loadActors(db)).index,
  });
  if (db.isTransaction) return read();
  const counted = await db.selectFrom('list_versions').select('version').executeTakeFirst();
  // Without its row (a table emptied by hand) changes are not counted: read every time.
  if (!counted) return read();
  const { version } = counted;
  const hit = cached.get(db);
  if (hit?.version === version) return hit.lists;
  const lists = await read();
  cached.set(db, { version, lists });
  return lists;
}

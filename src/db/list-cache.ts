import type { Db, Tx } from './store';

const caches = new WeakMap<Db, Map<string, { version: number; value: unknown }>>();

/**
 * What `read` makes of the actors and reference lists, made again only when they changed: one
 * counter (`list_versions`, raised by any change to them in its own transaction, migration 0025)
 * is read instead of the lists. The counter is read before the lists, so lists read meanwhile are
 * at least as new as the count they are kept under. Inside a transaction nothing is kept: it may
 * see its own uncommitted changes, which a rollback would leave in memory.
 *
 * What is returned is shared between callers: they must not change it.
 */
export async function fromLists<T>(db: Db | Tx, name: string, read: () => Promise<T>): Promise<T> {
  if (db.isTransaction) return read();
  const counted = await db.selectFrom('list_versions').select('version').executeTakeFirst();
  // Without its row (a table emptied by hand) changes are not counted: read every time.
  if (!counted) return read();
  const { version } = counted;
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const hit = cache.get(name);
  if (hit?.version === version) return hit.value as T;
  const value = await read();
  cache.set(name, { version, value });
  return value;
}

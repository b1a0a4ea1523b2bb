import { sql } from 'kysely';
import type { Db, Tx } from './store';

/**
 * Counts of whole selections (how many incidents or findings a list's filters select), counted
 * once per state of the store instead of on every page: paging through a list of 100,000
 * incidents counted all of them for each page of 50.
 *
 * The state of the store is told by the heads of what every change appends to: the audit log,
 * which every write of the register extends in its transaction (its last hash, which no other
 * history shares, unlike ids that a restored or emptied store counts again), and the findings
 * with their queue of changes, which the leads engine rewrites and empties when it brings them
 * up to date. A count is kept with the heads it was counted at, read before counting (a change
 * committed in between makes the next read count again), and served while they have not moved.
 */
const MAX_KEPT = 1000;
const kept = new WeakMap<Db, Map<string, { stamp: string; count: number }>>();

async function stamp(db: Db): Promise<string> {
  const { rows } = await sql<{ audit: string | null; leads: number | null; pending: number | null }>`
    SELECT (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1) AS audit,
           (SELECT max(id) FROM leads) AS leads,
           (SELECT max(id) FROM leads_pending) AS pending`.execute(db);
  const head = rows[0];
  return `${head?.audit ?? ''}/${head?.leads ?? ''}/${head?.pending ?? ''}`;
}

/**
 * `count()`, or what it gave for the same `selection` (the viewer's visibility and the filters,
 * as the caller names them) while the store has not changed. In a transaction, which may hold
 * changes of its own, it always counts.
 */
export async function countOnce(
  db: Db | Tx,
  selection: string,
  count: () => Promise<number>,
): Promise<number> {
  if (db.isTransaction) return count();
  const now = await stamp(db);
  let counts = kept.get(db);
  if (!counts) kept.set(db, (counts = new Map()));
  const known = counts.get(selection);
  if (known?.stamp === now) return known.count;
  const counted = await count();
  // The oldest selection goes first once there are too many (a Map keeps insertion order).
  counts.delete(selection);
  counts.set(selection, { stamp: now, count: counted });
  if (counts.size > MAX_KEPT) counts.delete(counts.keys().next().value!);
  return counted;
}

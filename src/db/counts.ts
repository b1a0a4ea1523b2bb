import { sql } from 'kysely';
import type { Db, Tx } from './store';

/**
 * What a list shows computed once per state of the store instead of on every request: counts of
 * whole selections (paging through a list of 100,000 incidents counted all of them for each page
 * of 50), and pages that every analyst of a cell asks for in turn (the first page of findings,
 * each explained in the reader's language).
 *
 * The state of the store is told by the heads of what every change appends to: the audit log,
 * which every write of the register extends in its transaction (its last hash, which no other
 * history shares, unlike ids that a restored or emptied store counts again), and the findings
 * with their queue of changes, which the leads engine rewrites (new rows, new ids) and empties
 * when it brings them up to date.
 */
async function stamp(db: Db): Promise<string> {
  const { rows } = await sql<{ audit: string | null; leads: number | null; pending: number | null }>`
    SELECT (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1) AS audit,
           (SELECT max(id) FROM leads) AS leads,
           (SELECT max(id) FROM leads_pending) AS pending`.execute(db);
  const head = rows[0];
  return `${head?.audit ?? ''}/${head?.leads ?? ''}/${head?.pending ?? ''}`;
}

/**
 * Values computed from the store, each kept with the state of the store it was computed at and
 * served while that state has not moved: at most `size` selections per store, the oldest
 * dropped first. In a transaction, which may hold changes of its own, it always computes.
 * What is served is the object kept: callers must not change it.
 */
export class KeptWhileUnchanged<T> {
  private readonly kept = new WeakMap<Db, Map<string, { stamp: string; value: T }>>();

  constructor(private readonly size: number) {}

  /** `compute()`, or what it gave for the same `selection` while the store has not changed. */
  async get(db: Db | Tx, selection: string, compute: () => Promise<T>): Promise<T> {
    if (db.isTransaction) return compute();
    // Read before computing: a change committed in between makes the next call compute again.
    const now = await stamp(db);
    let values = this.kept.get(db);
    if (!values) this.kept.set(db, (values = new Map()));
    const known = values.get(selection);
    if (known?.stamp === now) return known.value;
    const value = await compute();
    // A Map keeps insertion order: the entry set last goes to the end.
    values.delete(selection);
    values.set(selection, { stamp: now, value });
    if (values.size > this.size) values.delete(values.keys().next().value!);
    return value;
  }
}

const counts = new KeptWhileUnchanged<number>(1000);

/**
 * `count()`, or what it gave for the same `selection` (the viewer's visibility and the filters,
 * as the caller names them) while the store has not changed.
 */
export function countOnce(db: Db | Tx, selection: string, count: () => Promise<number>): Promise<number> {
  return counts.get(db, selection, count);
}

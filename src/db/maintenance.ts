import { sql } from 'kysely';
import type { Db } from './store';

// The embedded store has no autovacuum: without it, every row an update or a delete replaces stays
// in its table and its indexes for good (the findings table grew sixfold over six refreshes), new
// rows never become visible to index-only scans, and the planner's statistics go stale. A server
// on PostgreSQL has autovacuum; the embedded store runs its rules itself (`store.ts`).

/** How often a server's embedded store looks for tables due (autovacuum's naptime). */
export const MAINTENANCE_INTERVAL_MS = 60_000;

/** Autovacuum's defaults: a table is due once this many rows plus this share of it have changed. */
const VACUUM_ROWS = 50;
const VACUUM_SHARE = 0.2;
const INSERT_ROWS = 1000;
const INSERT_SHARE = 0.2;
const ANALYZE_ROWS = 50;
const ANALYZE_SHARE = 0.1;

export interface Maintenance {
  vacuumed: string[];
  analysed: string[];
}

/**
 * Vacuums (and analyses) each table of the store whose dead or new rows are due by autovacuum's
 * rules, and analyses those whose changes are due for new statistics only; one table at a time,
 * so that requests waiting for the one connection get turns between them.
 */
export async function maintainWhereDue(db: Db): Promise<Maintenance> {
  // This process's own changes reach the statistics only when it next reports them.
  await sql`select pg_stat_force_next_flush()`.execute(db);
  // Sizes from the catalogue: the statistics' counts start again at zero each time the store opens.
  const { rows } = await sql<{ name: string; vacuum: boolean; analyse: boolean }>`
    select s.relname as name,
           s.n_dead_tup > ${VACUUM_ROWS} + ${VACUUM_SHARE} * greatest(c.reltuples, 0)
             or s.n_ins_since_vacuum > ${INSERT_ROWS} + ${INSERT_SHARE} * greatest(c.reltuples, 0) as vacuum,
           s.n_mod_since_analyze > ${ANALYZE_ROWS} + ${ANALYZE_SHARE} * greatest(c.reltuples, 0) as analyse
      from pg_stat_user_tables s join pg_class c on c.oid = s.relid
     where s.schemaname = 'public'
     order by s.relname`.execute(db);
  const done: Maintenance = { vacuumed: [], analysed: [] };
  for (const { name, vacuum, analyse } of rows) {
    if (vacuum) {
      await sql`vacuum (analyze) ${sql.id(name)}`.execute(db);
      done.vacuumed.push(name);
      done.analysed.push(name);
    } else if (analyse) {
      await sql`analyze ${sql.id(name)}`.execute(db);
      done.analysed.push(name);
    }
  }
  return done;
}

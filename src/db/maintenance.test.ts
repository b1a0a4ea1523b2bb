import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openStore } from '../register/store';
import { embeddedTestStore } from '../test/store';
import { maintainWhereDue, MAINTENANCE_INTERVAL_MS } from './maintenance';
import type { Db } from './store';

// The embedded store has no autovacuum; it runs autovacuum's rules itself.

const vacuums = async (db: Db, table: string) =>
  (
    await sql<{ n: number }>`
      select vacuum_count::integer as n from pg_stat_user_tables where relname = ${table}`.execute(db)
  ).rows[0]!.n;

/** Pages of the table known to hold only rows every reader sees: set by a vacuum, kept on disk. */
const visiblePages = async (db: Db, table: string) =>
  (
    await sql<{ n: number }>`
      select relallvisible::integer as n from pg_class where relname = ${table}`.execute(db)
  ).rows[0]!.n;

/** A table of 5,000 new rows: due for a vacuum by autovacuum's rule for inserts. */
const probe = (db: Db) =>
  sql`create table maintenance_probe as select g as id, md5(g::text) as v from generate_series(1, 5000) g`.execute(
    db,
  );

describe('the embedded store’s own autovacuum', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('vacuums the tables whose rows changed enough, analyses those due for statistics only, once', async () => {
    const store = await embeddedTestStore();
    try {
      const { db } = store;
      await probe(db);
      expect((await maintainWhereDue(db)).vacuumed).toContain('maintenance_probe');
      // Half its rows deleted: dead, due for a vacuum.
      await sql`delete from maintenance_probe where id % 2 = 0`.execute(db);
      const before = await vacuums(db, 'maintenance_probe');
      const done = await maintainWhereDue(db);
      expect(done.vacuumed).toEqual(['maintenance_probe']);
      expect(await vacuums(db, 'maintenance_probe')).toBe(before + 1);
      // 400 of the 2,500 left changed: new statistics are due, a vacuum is not.
      await sql`update maintenance_probe set v = v || 'x' where id <= 800`.execute(db);
      expect(await maintainWhereDue(db)).toEqual({ vacuumed: [], analysed: ['maintenance_probe'] });
      // Nothing changed since: nothing is due.
      expect(await maintainWhereDue(db)).toEqual({ vacuumed: [], analysed: [] });
    } finally {
      await store.close();
    }
  });

  it('maintains a store a command kept on disk when it closes', async () => {
    const dataDir = join(await mkdtemp(join(tmpdir(), 'headstamp-maintenance-')), 'store');
    try {
      const store = await embeddedTestStore({ dataDir });
      await probe(store.db);
      expect(await visiblePages(store.db, 'maintenance_probe')).toBe(0);
      await store.close();
      const reopened = await openStore({ dataDir });
      expect(await visiblePages(reopened.db, 'maintenance_probe')).toBeGreaterThan(0);
      await reopened.close();
    } finally {
      await rm(dirname(dataDir), { recursive: true, force: true });
    }
  });

  it('maintains a server’s store every minute', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const store = await embeddedTestStore({ longLived: true });
    try {
      await probe(store.db);
      vi.advanceTimersByTime(MAINTENANCE_INTERVAL_MS - 1000);
      expect(await visiblePages(store.db, 'maintenance_probe')).toBe(0);
      vi.advanceTimersByTime(1000);
      await expect.poll(() => visiblePages(store.db, 'maintenance_probe')).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { packageRoot } from '../core/package-root';
import type { Database } from './schema';

const MIGRATIONS_DIR = join(packageRoot, 'src', 'db', 'migrations');
// Any constant: it serialises migration runs when several servers start on one database.
const MIGRATION_LOCK = 7_270_601;

export function migrationFiles(): { version: string; sql: string }[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((name) => /^\d{4}_.+\.sql$/.test(name))
    .sort()
    .map((name) => ({
      version: name.replace(/\.sql$/, ''),
      sql: readFileSync(join(MIGRATIONS_DIR, name), 'utf8'),
    }));
}

/**
 * Applies the pending migrations in one transaction, then `seed` (the built-in reference data,
 * given by whoever opens the store) in that same transaction.
 */
export async function migrate(
  db: Kysely<Database>,
  seed?: (trx: Kysely<Database>) => Promise<void>,
): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
    await sql
      .raw(
        'create table if not exists schema_migrations (version text primary key, applied_at timestamptz not null default now())',
      )
      .execute(trx);
    const applied = new Set(
      (await trx.selectFrom('schema_migrations').select('version').execute()).map((r) => r.version),
    );
    const pending = migrationFiles().filter((m) => !applied.has(m.version));
    for (const migration of pending) {
      await sql.raw(migration.sql).execute(trx);
      await trx.insertInto('schema_migrations').values({ version: migration.version }).execute();
    }
    await seed?.(trx);
    return pending.map((m) => m.version);
  });
}

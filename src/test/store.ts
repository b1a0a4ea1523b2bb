import { randomBytes } from 'node:crypto';
import { openAsBlob } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, inject } from 'vitest';
import type { Db, Store, StoreOptions } from '../db/store';
import { openStore } from '../register/store';
import { emptyRegister } from './fixtures';

/**
 * A fresh, migrated, empty store for one test. Runs on embedded PGlite, or on the PostgreSQL
 * server named by TEST_DATABASE_URL (a new database per store, dropped on close), so that the
 * same tests prove both ways of running Headstamp. Each is a copy of the template store the
 * global set-up migrated once for the whole run (global-setup.ts); opening it still runs the
 * migrations and the seed, which find nothing to do.
 */
export async function testStore(): Promise<Store> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  return serverUrl ? serverStore(serverUrl, testDatabaseName()) : embeddedTestStore();
}

/** A name for a test database on the TEST_DATABASE_URL server, unused so far. */
export const testDatabaseName = () => `headstamp_test_${randomBytes(6).toString('hex')}`;

/** The address of the test database `name` on the TEST_DATABASE_URL server. */
export function testDatabaseUrl(name: string, serverUrl = process.env.TEST_DATABASE_URL!): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A fresh test store in the database `name` of the TEST_DATABASE_URL server (`testStore`). */
export const testServerStore = (name: string) => serverStore(process.env.TEST_DATABASE_URL!, name);

let template: Promise<Blob> | undefined;

/**
 * A fresh, migrated, empty embedded store whatever TEST_DATABASE_URL says, for what only the
 * embedded store does: in memory unless given a folder (which must not hold a store yet).
 */
export async function embeddedTestStore(
  options: Pick<StoreOptions, 'dataDir' | 'longLived'> = {},
): Promise<Store> {
  template ??= (async () => {
    const file = inject('pgliteTemplate');
    if (file) return openAsBlob(file);
    // Without the global set-up (another configuration): migrate once for this test file.
    const first = await openStore({ dataDir: 'memory://' });
    const dump = await first.dump!();
    await first.close();
    return dump;
  })();
  return openStore({ dataDir: 'memory://', ...options, template: await template });
}

/** Creates the database `name`, a copy of the template database when the global set-up made one. */
async function createDatabase(admin: pg.Client, name: string): Promise<void> {
  const source = inject('postgresTemplate');
  const create = `CREATE DATABASE ${admin.escapeIdentifier(name)}${source ? ` TEMPLATE ${admin.escapeIdentifier(source)}` : ''}`;
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.query(create);
      return;
    } catch (error) {
      // 55006: a connection to the template is still closing (the set-up's, just ended).
      if ((error as { code?: string }).code !== '55006' || attempt >= 50) throw error;
      await sleep(100);
    }
  }
}

async function serverStore(serverUrl: string, name: string): Promise<Store> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await createDatabase(admin, name);
  } finally {
    await admin.end();
  }
  const store = await openStore({ databaseUrl: testDatabaseUrl(name, serverUrl) });
  return {
    ...store,
    close: async () => {
      await store.close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${dropper.escapeIdentifier(name)} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/**
 * One store for a test file, emptied of register data before each test; `use` receives its
 * database once it is open.
 */
export function emptiedStorePerTest(use: (db: Db) => void): void {
  let store: Store;
  beforeAll(async () => {
    store = await testStore();
    use(store.db);
  });
  beforeEach(async () => {
    await emptyRegister(store.db);
  });
  afterAll(async () => {
    await store.close();
  });
}

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Db, Store } from '../db/store';
import { openStore } from '../register/store';
import { emptyRegister } from './fixtures';

/**
 * A fresh, migrated, empty store for one test. Runs on embedded PGlite, or on the PostgreSQL
 * server named by TEST_DATABASE_URL (a new database per store, dropped on close), so that the
 * same tests prove both ways of running Headstamp.
 */
export async function testStore(): Promise<Store> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  return serverUrl ? serverStore(serverUrl) : pgliteStore();
}

let template: Promise<Blob> | undefined;

async function pgliteStore(): Promise<Store> {
  // Migrating takes seconds; every later store in this test file starts from a dump instead.
  template ??= (async () => {
    const first = await openStore({ dataDir: 'memory://' });
    const dump = await first.dump!();
    await first.close();
    return dump;
  })();
  return openStore({ dataDir: 'memory://', template: await template });
}

async function serverStore(serverUrl: string): Promise<Store> {
  const name = `headstamp_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const store = await openStore({ databaseUrl: url.toString() });
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

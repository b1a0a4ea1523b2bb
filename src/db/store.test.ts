import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openStore } from '../register/store';
import { testStore } from '../test/store';
import type { Store } from './store';

const serverUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!serverUrl)('the store on a PostgreSQL server', () => {
  it('survives the server closing an idle connection, and connects again', async () => {
    const store = await testStore();
    try {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(store.db);
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
      await admin.end();
      // The pool learns of it as an error on an idle client; unheard, that error ends the process.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const again = await sql<{ one: number }>`select 1 as one`.execute(store.db);
      expect(again.rows[0]!.one).toBe(1);
    } finally {
      await store.close();
    }
  });
});

describe.skipIf(serverUrl)('the embedded store', () => {
  const buffers = async (store: Store) =>
    (await sql<{ size: string }>`select current_setting('shared_buffers') as size`.execute(store.db)).rows[0]!
      .size;

  it("gives a server PostgreSQL's usual buffer pool, and a command or a test a small one, quicker to start", async () => {
    const short = await openStore({ dataDir: 'memory://' });
    const server = await openStore({ dataDir: 'memory://', longLived: true });
    try {
      expect(await buffers(short)).toBe('16MB');
      expect(await buffers(server)).toBe('128MB');
    } finally {
      await Promise.all([short.close(), server.close()]);
    }
  });
});

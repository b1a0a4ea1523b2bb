import { setTimeout as sleep } from 'node:timers/promises';
import { sql, type KyselyPlugin, type RootOperationNode } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db, Store } from '../db/store';
import { demoFiles } from '../demo/load';
import { openStore } from '../register/store';
import { storedAndRecomputedLeads } from '../test/leads';
import { testDatabaseName, testDatabaseUrl, testServerStore, testStore } from '../test/store';
import { exportTables, toCsv } from '../transfer/export';
import { importFiles } from '../transfer/import';
import {
  DRAIN_LOCK,
  type FindingsWorker,
  drainLeads,
  leadsStatus,
  settleLeads,
  startLeadsThread,
  startLeadsWorker,
  VACUUM_AFTER_CLAIMED,
} from './queue';
import { defaultLeadSettings } from './settings';

const leadCount = async (db: Db) =>
  Number(
    (
      await db
        .selectFrom('leads')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function expectEqualToFull(db: Db) {
  const { stored, recomputed } = await storedAndRecomputedLeads(db);
  expect(stored.length).toBeGreaterThan(0);
  expect(recomputed).toEqual(stored);
}

/** Imports one more item of an existing sample at an existing incident: a small analyst's write. */
async function addItem(db: Db, ref: string) {
  const tables = await exportTables(db);
  const template = tables.items[ref.length % tables.items.length]!;
  const incident = tables.incidents[(ref.charCodeAt(ref.length - 1) * 7) % tables.incidents.length]!;
  const report = await importFiles(
    db,
    [
      {
        name: 'items.csv',
        data: Buffer.from(
          toCsv('items', [{ ...template, ref, incident_ref: String(incident.ref), serial: '' }]),
        ),
      },
    ],
    { user: 'test' },
  );
  expect(report.errors).toEqual([]);
}

/**
 * A background worker just started brings the queued changes into the findings, then a write made
 * after (`ref`): each time as a full recomputation would. Stops the worker whatever happens.
 */
async function replaysThenFollows(db: Db, worker: FindingsWorker, ref: string) {
  try {
    await untilUpdated(db);
    await expectEqualToFull(db);
    await addItem(db, ref);
    await untilUpdated(db);
    await expectEqualToFull(db);
  } finally {
    await worker.stop();
  }
}

/** Waits until the queue is empty, as a client of `GET /leads/status` would. */
async function untilUpdated(db: Db) {
  for (let waited = 0; (await leadsStatus(db)).updating; waited += 50) {
    if (waited > 60_000) throw new Error('the findings were not brought up to date within a minute');
    await sleep(50);
  }
}

describe('the findings queue', () => {
  let store: Store;
  beforeAll(async () => {
    store = await testStore();
  });
  afterAll(() => store.close());

  it('returns a write before its findings, which follow once the queue is drained', async () => {
    const report = await importFiles(store.db, demoFiles({ incidents: 80 }), { user: 'test' });
    expect(report.errors).toEqual([]);
    expect(await leadCount(store.db)).toBe(0);
    const waiting = await leadsStatus(store.db);
    expect(waiting.updating).toBe(true);
    expect(waiting.pending).toBeGreaterThan(0);
    expect(Date.parse(waiting.oldestQueuedAt!)).toBeLessThanOrEqual(Date.now());

    await settleLeads(store.db);
    expect(await leadsStatus(store.db)).toEqual({ updating: false, pending: 0, oldestQueuedAt: null });
    await expectEqualToFull(store.db);
  });

  it('refreshes a burst of writes once, for all of them, and agrees with a full recomputation', async () => {
    for (const ref of ['BURST-1', 'BURST-2', 'BURST-3']) await addItem(store.db, ref);
    const queued = (await leadsStatus(store.db)).pending;
    expect(queued).toBeGreaterThanOrEqual(3);
    const report = await drainLeads(store.db);
    expect(report).toMatchObject({ mode: 'incremental' });
    expect((await leadsStatus(store.db)).pending).toBe(0);
    // Nothing is left for a second refresh.
    expect(await drainLeads(store.db)).toMatchObject({ mode: 'none' });
    await expectEqualToFull(store.db);
  });

  it('vacuums the queue after a drain of many changes, so that counting it reads no dead rows', async () => {
    const queueBytes = async () =>
      (
        await sql<{ bytes: number }>`select pg_relation_size('leads_pending')::integer as bytes`.execute(
          store.db,
        )
      ).rows[0]!.bytes;
    await settleLeads(store.db);
    const few = (await store.db.selectFrom('incidents').select('id').limit(3).execute()).map((r) => r.id);
    await store.db
      .insertInto('leads_pending')
      .values(few.map((id) => ({ incident_id: id, incident_changed: true })))
      .execute();
    expect(await drainLeads(store.db)).toMatchObject({ mode: 'incremental', claimed: 3 });
    // A few changes: their dead rows are left to autovacuum.
    expect(await queueBytes()).toBeGreaterThan(0);

    const many = Array.from({ length: VACUUM_AFTER_CLAIMED }, (_, i) => few[i % few.length]!);
    await store.db
      .insertInto('leads_pending')
      .values(many.map((id) => ({ incident_id: id, incident_changed: true })))
      .execute();
    expect(await drainLeads(store.db)).toMatchObject({ claimed: VACUUM_AFTER_CLAIMED });
    expect(await queueBytes()).toBe(0);
    await expectEqualToFull(store.db);
  });

  it('leaves the queue as it was when a refresh fails midway, and loses nothing', async () => {
    await addItem(store.db, 'CUT-1');
    const before = await storedAndRecomputedLeads(store.db);
    const queued = await leadsStatus(store.db);
    // The refresh fails after it has replaced findings, before it commits.
    const failing = store.db.withPlugin(failOn('lead_first_seen'));
    await expect(drainLeads(failing)).rejects.toThrow(/cut short/);
    expect(await leadsStatus(store.db)).toEqual(queued);
    expect((await storedAndRecomputedLeads(store.db)).stored).toEqual(before.stored);

    await settleLeads(store.db);
    await expectEqualToFull(store.db);
  });

  it('runs one refresh at a time across processes: another finds the lock taken, a settle waits for it', async (ctx) => {
    // The embedded store is one connection, which one process holds: only a server has another.
    if (store.kind === 'pglite') ctx.skip();
    await addItem(store.db, 'LOCKED-1');
    let settled = false;
    await store.db.connection().execute(async (other) => {
      await sql`select pg_advisory_lock(${DRAIN_LOCK})`.execute(other);
      try {
        expect(await drainLeads(store.db)).toBe('busy');
        const settling = settleLeads(store.db).then(() => (settled = true));
        await sleep(300);
        expect(settled).toBe(false);
        expect((await leadsStatus(store.db)).updating).toBe(true);
        await sql`select pg_advisory_unlock(${DRAIN_LOCK})`.execute(other);
        await settling;
      } finally {
        await sql`select pg_advisory_unlock_all()`.execute(other);
      }
    });
    expect(settled).toBe(true);
    await expectEqualToFull(store.db);
  });

  it('replays the queue at the next start when the process died between a commit and its refresh', async () => {
    await addItem(store.db, 'CRASH-1');
    await addItem(store.db, 'CRASH-2');
    const queued = await leadsStatus(store.db);
    expect(queued.pending).toBeGreaterThan(0);
    // What the disk held when the process died: the commits, and nothing of their refresh.
    const restarted =
      store.kind === 'pglite'
        ? await openStore({ dataDir: 'memory://', template: await store.dump!() })
        : store;
    try {
      expect(await leadsStatus(restarted.db)).toEqual(queued);
      // The server's worker replays the queue as it starts, then follows later writes.
      await replaysThenFollows(
        restarted.db,
        startLeadsWorker(restarted.db, defaultLeadSettings, { pollMs: 20 }),
        'AFTER-1',
      );
    } finally {
      if (restarted !== store) await restarted.close();
    }
  });

  // The server's own worker on PostgreSQL (`headstamp serve`); the embedded store has one thread.
  it.runIf(process.env.TEST_DATABASE_URL)(
    'on PostgreSQL, refreshes in a thread of its own: replays the queue, follows writes, and stops when told',
    async () => {
      await addItem(store.db, 'THREAD-1');
      expect((await leadsStatus(store.db)).pending).toBeGreaterThan(0);
      // A test database's address carries no password, so its location is its address.
      await replaysThenFollows(
        store.db,
        startLeadsThread(store.db, store.location, defaultLeadSettings, { pollMs: 20 }),
        'THREAD-2',
      );
      await addItem(store.db, 'THREAD-3');
      await sleep(300);
      expect((await leadsStatus(store.db)).pending).toBeGreaterThan(0);
      await settleLeads(store.db);
    },
  );

  it.runIf(process.env.TEST_DATABASE_URL)(
    'on PostgreSQL, starts its thread again when it stopped unasked, as when the database was not there yet',
    async () => {
      const name = testDatabaseName();
      const reported = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const thread = startLeadsThread(store.db, testDatabaseUrl(name), defaultLeadSettings, {
        pollMs: 20,
        restartMs: 50,
      });
      try {
        // The thread cannot connect: it says so, stops, and is started again until the database is there.
        await vi.waitFor(
          () => expect(reported).toHaveBeenCalledWith(expect.stringContaining('does not exist')),
          { timeout: 60_000 },
        );
        reported.mockRestore();
        const later = await testServerStore(name);
        try {
          await importFiles(later.db, demoFiles({ incidents: 30 }), { user: 'test' });
          await untilUpdated(later.db);
          await expectEqualToFull(later.db);
        } finally {
          await thread.stop();
          await later.close();
        }
      } finally {
        reported.mockRestore();
        await thread.stop();
      }
    },
  );
});

/** A plugin whose query into `table` fails, as a refresh cut short by a crash or a lost connection. */
function failOn(table: string): KyselyPlugin {
  const touches = (node: RootOperationNode) =>
    node.kind === 'InsertQueryNode' && node.into?.table.identifier.name === table;
  return {
    transformQuery: ({ node }) => {
      if (touches(node)) throw new Error('the refresh was cut short');
      return node;
    },
    transformResult: async ({ result }) => result,
  };
}

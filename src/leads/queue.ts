import type { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import { z } from 'zod';
import { startWorkerThread } from '../core/worker-thread';
import type { Db } from '../db/store';
import { refreshLeads, type RefreshReport } from './engine';
import type { LeadsStatus } from './leads.schema';
import { defaultLeadSettings, leadSettingsSchema, type LeadSettings } from './settings';

// Findings follow writes through a queue (docs/leads.md, "The queue"). The leads triggers record
// in `leads_pending`, in each write's own transaction, what the write touched; the write commits
// and returns. A worker then drains the queue: one refresh for everything queued, so a burst of
// writes costs one refresh of their union. What a crash interrupts is still queued at the next start.

/** Any constant: one refresh at a time, whichever process on the store runs it. */
export const DRAIN_LOCK = 7_270_602;

/**
 * A drain that took at least this many changes off the queue vacuums it after: the rows it
 * deleted would otherwise be read by every count of the queue (each poll, each findings page)
 * until autovacuum, which the embedded store does not have (51 ms a count after a large import
 * of 1,000,000 items on PostgreSQL).
 */
export const VACUUM_AFTER_CLAIMED = 1000;

export interface DrainOptions {
  settings?: LeadSettings;
  /** Recompute every finding (`headstamp leads --recompute`). */
  full?: boolean;
  /** Wait for a refresh another process is running, then drain; otherwise report `busy`. */
  wait?: boolean;
}

/**
 * Drains the queue once. Two refreshes at once would replace the same findings, so the drain takes
 * a lock first (or answers `busy`); its transaction then reads one snapshot taken after the last
 * drain committed (repeatable read), and claims exactly the changes that snapshot holds: those
 * committed meanwhile wait for the next drain.
 */
export async function drainLeads(db: Db, options: DrainOptions = {}): Promise<RefreshReport | 'busy'> {
  return db.connection().execute(async (connection) => {
    if (options.wait) await sql`select pg_advisory_lock(${DRAIN_LOCK})`.execute(connection);
    else {
      const { rows } = await sql<{ locked: boolean }>`
        select pg_try_advisory_lock(${DRAIN_LOCK}) as locked`.execute(connection);
      if (!rows[0]!.locked) return 'busy';
    }
    try {
      const report = await connection
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute((trx) => refreshLeads(trx, { settings: options.settings, full: options.full }));
      if (report.claimed >= VACUUM_AFTER_CLAIMED) await sql`vacuum leads_pending`.execute(connection);
      return report;
    } finally {
      await sql`select pg_advisory_unlock(${DRAIN_LOCK})`.execute(connection);
    }
  });
}

/**
 * How far behind the findings are: the changes waiting, and since when the oldest has. A change
 * being refreshed is still waiting until its refresh commits.
 */
export async function leadsStatus(db: Db): Promise<LeadsStatus> {
  // While this process's worker refreshes, the embedded store answers nothing else: say so at once.
  const draining = workers.get(db)?.draining;
  if (draining) return draining;
  const row = await db
    .selectFrom('leads_pending')
    .select([sql<number>`count(*)::integer`.as('pending'), sql<Date | null>`min(queued_at)`.as('oldest')])
    .executeTakeFirstOrThrow();
  return {
    updating: row.pending > 0,
    pending: row.pending,
    oldestQueuedAt: row.oldest ? new Date(row.oldest).toISOString() : null,
  };
}

/** What drains a store's queue in the background, in this thread or in a thread of its own. */
export interface FindingsWorker {
  readonly settings: LeadSettings;
  /** The queue as the refresh under way found it, when this thread runs it. */
  readonly draining?: LeadsStatus;
  /** Stops polling and waits for a refresh under way. */
  stop(): Promise<void>;
}

const workers = new WeakMap<Db, FindingsWorker>();

export interface LeadsWorkerOptions {
  /** How often the queue is looked at: writes by other processes arrive only that way. */
  pollMs?: number;
  /** Where a full recomputation is announced. */
  log?: (line: string) => void;
}

/**
 * Starts draining the queue of one store in the background: at once (the queue is replayed, and a
 * store without findings gets them), then whenever the poll finds changes waiting. A failed
 * refresh leaves the queue as it was and is tried again, less often each time.
 */
export function startLeadsWorker(db: Db, settings: LeadSettings, options: LeadsWorkerOptions = {}) {
  return new LeadsWorker(db, settings, options);
}

class LeadsWorker implements FindingsWorker {
  readonly #db: Db;
  readonly #settings: LeadSettings;
  readonly #pollMs: number;
  readonly #log: (line: string) => void;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #failures = 0;
  #stopped = false;
  /** The queue as the refresh under way found it. */
  #draining: LeadsStatus | undefined;

  constructor(db: Db, settings: LeadSettings, options: LeadsWorkerOptions = {}) {
    this.#db = db;
    this.#settings = settings;
    this.#pollMs = options.pollMs ?? 200;
    this.#log = options.log ?? (() => undefined);
    workers.set(db, this);
    this.#schedule(0, true);
  }

  get settings(): LeadSettings {
    return this.#settings;
  }

  get draining(): LeadsStatus | undefined {
    return this.#draining;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
    if (workers.get(this.#db) === this) workers.delete(this.#db);
  }

  #schedule(delay: number, replay = false) {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#running = this.#tick(replay).finally(() => {
        this.#running = undefined;
        const backoff = Math.min(60_000, this.#pollMs * 2 ** this.#failures);
        this.#schedule(this.#failures > 0 ? backoff : this.#pollMs);
      });
    }, delay);
    this.#timer.unref();
  }

  async #tick(replay: boolean) {
    try {
      const queued = await leadsStatus(this.#db);
      if (!replay && !queued.updating) return;
      this.#draining = { ...queued, updating: true };
      const report = await drainLeads(this.#db, { settings: this.#settings });
      if (report !== 'busy' && report.mode === 'full' && report.written > 0)
        this.#log(`Computed ${report.written} findings.`);
      this.#failures = 0;
    } catch (error) {
      this.#failures++;
      if (this.#stopped) return;
      console.error(
        `findings: the refresh failed and will be tried again (${error instanceof Error ? error.message : String(error)})`,
      );
    } finally {
      this.#draining = undefined;
    }
  }
}

/** What the findings' thread is started with (leads.worker.ts). */
export const leadsThreadData = z.object({
  databaseUrl: z.string().min(1),
  settings: leadSettingsSchema,
  pollMs: z.number().int().positive().optional(),
});

/** What the findings' thread tells the server's thread. */
export interface LeadsThreadMessage {
  log: string;
}

export interface LeadsThreadOptions extends LeadsWorkerOptions {
  /** How long after the thread stopped unasked it is started again (5 s). */
  restartMs?: number;
}

/**
 * Drains the queue of a PostgreSQL store in a worker thread with its own connections: the refresh
 * after a write no longer waits behind the requests the server's thread is answering, nor holds
 * them up while it scores (docs/leads.md, "The queue"). `db` is the server's own connection to
 * the same database: `settleLeads` on it uses the thread's settings. A thread that stops unasked
 * (the database unreachable at its start) is started again.
 */
export function startLeadsThread(
  db: Db,
  databaseUrl: string,
  settings: LeadSettings,
  options: LeadsThreadOptions = {},
): FindingsWorker {
  const log = options.log ?? (() => undefined);
  let thread: Worker | undefined;
  let stopped = false;
  let restart: NodeJS.Timeout | undefined;
  const start = () => {
    const started = startWorkerThread(import.meta.url, 'leads.worker', {
      databaseUrl,
      settings,
      pollMs: options.pollMs,
    } satisfies z.input<typeof leadsThreadData>);
    started.on('message', (message: LeadsThreadMessage) => log(message.log));
    started.on('error', (error) => console.error(`findings: the refresh's thread failed (${error.message})`));
    started.once('exit', () => {
      if (thread !== started || stopped) return;
      thread = undefined;
      restart = setTimeout(start, options.restartMs ?? 5_000);
      restart.unref();
    });
    thread = started;
  };
  start();
  const handle: FindingsWorker = {
    settings,
    async stop() {
      stopped = true;
      clearTimeout(restart);
      const running = thread;
      thread = undefined;
      if (running) {
        const exited = new Promise((resolve) => running.once('exit', resolve));
        running.postMessage('stop');
        await exited;
      }
      if (workers.get(db) === handle) workers.delete(db);
    },
  };
  workers.set(db, handle);
  return handle;
}

/**
 * Brings the findings up to date with every change committed so far: drains the queue, waiting
 * for a refresh under way. With the store's worker running (`headstamp serve`, the test server),
 * with its settings. Tests call it before reading findings after a write.
 */
export async function settleLeads(db: Db, settings?: LeadSettings): Promise<void> {
  const use = settings ?? workers.get(db)?.settings ?? defaultLeadSettings;
  for (;;) {
    const report = await drainLeads(db, { settings: use, wait: true });
    if (report !== 'busy' && report.mode === 'none') return;
  }
}

import { mkdirSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect';
import { maintainWhereDue, MAINTENANCE_INTERVAL_MS } from './maintenance';
import { migrate } from './migrate';
import type { Database } from './schema';
import { lockDataDir, type StoreLock } from './store-lock';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

export interface Store {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Where the data lives, for messages to the user (no password). */
  location: string;
  close(): Promise<void>;
  /** PGlite only: the whole store as a tarball. */
  dump?: () => Promise<Blob>;
  /**
   * PGlite only: whether a query or transaction holds its one connection, so that anything else
   * waits for it to end (an import's transaction holds it until it commits).
   */
  busy?: () => boolean;
}

export interface StoreOptions {
  /** A PostgreSQL server; when absent the embedded PGlite store is used. */
  databaseUrl?: string;
  /** PGlite data directory; `memory://` keeps the store in memory. */
  dataDir?: string;
  /** A dump of an already migrated PGlite store to start from (tests open many stores). */
  template?: Blob;
  /** What this process is, named to a second process refused the embedded store's lock. */
  purpose?: string;
  /**
   * The embedded store of a server, open for hours: PostgreSQL's usual buffer pool. A command or
   * a test pays for the pool at every start and reads far less than it holds.
   */
  longLived?: boolean;
}

/**
 * PGlite's buffer pool outside a server. Preparing PostgreSQL's default 128 MB took 0.35 s of the
 * 0.8 s PGlite needs to start on this machine; with 16 MB, a full recomputation of 50,000 items on
 * disk took as long, and writing them 5% longer (docs/benchmarks.md, eleventh session).
 */
const SHORT_LIVED_BUFFERS = '16MB';

/** How a second process sees this one: the command line it was started with. */
function defaultPurpose(): string {
  const args = process.argv.slice(2).join(' ');
  return /headstamp(\.js)?$/.test(process.argv[1] ?? '')
    ? `headstamp ${args}`
    : `${process.argv[1] ?? 'node'} ${args}`;
}

/**
 * How much of PGlite's WebAssembly a function must run before V8 optimises it (V8's default,
 * 1.8 MB, is ~55 times lower). Opening a store runs thousands of Postgres functions a little, and
 * optimising them cost each command 0.4 s of its 1.8 s; long work (an import, a full recompute)
 * still runs optimised code within a fraction of a second. Measured in docs/benchmarks.md.
 */
const WASM_TIERING_BUDGET = 100_000_000;
// Once for the process, before any store compiles PGlite's WebAssembly.
setFlagsFromString(`--wasm-tiering-budget=${WASM_TIERING_BUDGET}`);

const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;

// Both stores return the same JavaScript types: dates as ISO strings (no time-zone shifts),
// counts and sums as numbers.
const parsers = {
  [DATE_OID]: (value: string) => value,
  [INT8_OID]: (value: string) => Number(value),
  [NUMERIC_OID]: (value: string) => Number(value),
};

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgresql server';
  }
}

/**
 * Connects to the store and brings its schema up to date. The register opens it through
 * `register/store.ts`, which also seeds the built-in reference data.
 */
export async function connectStore(
  options: StoreOptions,
  seed?: (trx: Kysely<Database>) => Promise<void>,
): Promise<Store> {
  let store: Store;
  let lock: StoreLock | undefined;
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 10,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          parsers[oid as keyof typeof parsers] ??
          pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    // An idle connection the server closes (a restart, an administrator, a dropped test database)
    // must not take the process down: the pool opens a new one when next needed.
    pool.on('error', (error) => console.warn(`postgres: an idle connection was closed: ${error.message}`));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    store = { db, kind: 'postgres', location: redact(options.databaseUrl), close: () => db.destroy() };
  } else {
    const dataDir = options.dataDir ?? 'memory://';
    if (!dataDir.startsWith('memory://')) {
      mkdirSync(dataDir, { recursive: true });
      // Before PGlite touches the files: a second process must not even start recovery on them.
      lock = lockDataDir(dataDir, options.purpose ?? defaultPurpose());
    }
    const held = lock;
    try {
      // Search folds accents and matches trigrams (migration 0013): PGlite carries the two contrib
      // extensions but loads only those it is given.
      const client = new PGlite(dataDir, {
        parsers,
        loadDataDir: options.template,
        extensions: { pg_trgm, unaccent },
        startParams: options.longLived
          ? PGlite.defaultStartParams
          : [...PGlite.defaultStartParams, '-c', `shared_buffers=${SHORT_LIVED_BUFFERS}`],
      });
      const dialect = new PGliteDialect(client);
      const db = new Kysely<Database>({ dialect });
      // What autovacuum does on a server (maintenance.ts): every minute for a server, and when a
      // command closes a store it keeps on disk.
      const maintain = () =>
        maintainWhereDue(db).catch((error: unknown) =>
          console.warn(`embedded store: vacuum failed: ${error instanceof Error ? error.message : error}`),
        );
      const timer = options.longLived ? setInterval(maintain, MAINTENANCE_INTERVAL_MS).unref() : undefined;
      const onDisk = !dataDir.startsWith('memory://');
      store = {
        db,
        kind: 'pglite',
        location: dataDir,
        // The lock goes only once PGlite has flushed and closed its files.
        close: async () => {
          clearInterval(timer);
          if (onDisk) await maintain();
          await db.destroy().finally(() => held?.release());
        },
        dump: () => client.dumpDataDir('none'),
        busy: dialect.busy,
      };
    } catch (error) {
      held?.release();
      throw error;
    }
  }
  try {
    await migrate(store.db, seed);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

/** A write of at least this many rows brings the planner's statistics up to date after it. */
export const BULK_WRITE_ROWS = 100;

/**
 * Refreshes the planner's statistics after a bulk write. The embedded store has no autovacuum,
 * and PostgreSQL's comes later: a plan made while a table looked empty joins by nested loops over
 * "one row" and turns a query of milliseconds into minutes (the links of 150 incidents took 37 s).
 */
export async function refreshStatistics(db: Db): Promise<void> {
  await sql`ANALYZE`.execute(db);
}

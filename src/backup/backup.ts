import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { once } from 'node:events';
import { createGunzip, createGzip } from 'node:zlib';
import { sql, type RawBuilder } from 'kysely';
import { verifyAuditLog } from '../audit/audit';
import { auditKeyOf } from '../audit/audit-key';
import { auditHead, type AuditHead } from '../audit/checkpoints';
import type { Db, Tx } from '../db/store';

/**
 * A logical backup of the whole store, the same from PGlite and from a PostgreSQL server, and
 * restorable into either: one gzip-compressed file of JSON lines.
 *
 *     {"format":"headstamp-backup","version":1,"createdAt":"…","migrations":["0001_register",…]}
 *     {"table":"actors","columns":["id","name",…]}
 *     [1,"JNIM",…]                       one JSON array per row, in primary-key order
 *     {"table":"incidents","columns":[…]}
 *     …
 *     {"end":true,"tables":17,"rows":5321}
 *
 * Tables come in foreign-key order (a table after those it refers to). Rows are written as
 * PostgreSQL renders them in JSON, so nothing passes through JavaScript types: bigints keep
 * every digit, timestamps their microseconds (ISO 8601, UTC), dates stay `YYYY-MM-DD`, arrays
 * and jsonb stay JSON. Generated columns (items.serial_key) are left out and recomputed on
 * restore; views are not tables and are not written. The last line lets a restore tell a
 * complete backup from one cut short.
 *
 * Every table of the store's schema is written, the reference lists included: a restore keeps
 * the target's own rows for the keys it already has (those come from the code, re-synced at
 * every start) and adds the rest. `schema_migrations` is not a table of the backup: its
 * versions are in the header, and the target's schema is the one its own code migrated.
 */

export const BACKUP_FORMAT = 'headstamp-backup';
export const BACKUP_VERSION = 1;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  createdAt: string;
  migrations: string[];
}

export interface BackupSummary {
  createdAt: string;
  migrations: string[];
  /** Rows per table, in the order written. */
  tables: Record<string, number>;
  rows: number;
  /** The audit log's last entry in the backup, to sign a checkpoint that goes with it. */
  auditHead?: AuditHead;
}

/** A backup that cannot be written or restored, with what to do about it. */
export class BackupError extends Error {
  override name = 'BackupError';
}

/** Reference lists shipped with Headstamp and re-synced from code whenever a store opens. */
const REFERENCE_TABLES: ReadonlySet<string> = new Set(['calibres', 'manufacturers', 'models']);
/**
 * The target's own records: of its schema (the backup's is in its header), of the reference
 * lists its samples were keyed with (after a restore, the next start keys the restored samples
 * with the target's lists), and the count of changes to its lists (raised by the restore).
 */
const NOT_RESTORED: ReadonlySet<string> = new Set(['schema_migrations', 'reference_state', 'list_versions']);

const FETCH_ROWS = 1000;
const INSERT_ROWS = 500;
const INSERT_BYTES = 2 * 1024 * 1024;
const MAX_LINE_CHARS = 64 * 1024 * 1024;
// PostgreSQL functions take at most 100 arguments: wider rows are built in slices.
const MAX_FUNCTION_ARGS = 100;

// ---------------------------------------------------------------------------------------------
// The catalogue: which tables, columns, keys and sequences the store has
// ---------------------------------------------------------------------------------------------

interface TableInfo {
  name: string;
  /** Columns a backup holds: all but generated ones, in table order. */
  columns: string[];
  /** Generated columns, computed by the database (cannot be inserted). */
  generated: string[];
  primaryKey: string[];
}

interface ForeignKey {
  name: string;
  child: string;
  columns: string[];
  parent: string;
  parentColumns: string[];
}

interface Catalogue {
  /** Tables in dependency order: each after the tables it refers to. */
  tables: TableInfo[];
  foreignKeys: ForeignKey[];
}

async function readCatalogue(trx: Tx): Promise<Catalogue> {
  const { rows: tableRows } = await sql<{ name: string }>`
    select c.relname::text as name
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition
    order by c.relname`.execute(trx);
  const { rows: columnRows } = await sql<{ table: string; column: string; generated: boolean }>`
    select table_name::text as table, column_name::text as column, is_generated = 'ALWAYS' as generated
    from information_schema.columns
    where table_schema = current_schema()
    order by table_name, ordinal_position`.execute(trx);
  const { rows: keyRows } = await sql<{ table: string; column: string }>`
    select c.relname::text as table, a.attname::text as column
    from pg_index i
      join pg_class c on c.oid = i.indrelid
      join pg_namespace n on n.oid = c.relnamespace
      cross join lateral unnest(i.indkey::int2[]) with ordinality as k(attnum, position)
      join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
    where i.indisprimary and n.nspname = current_schema()
    order by c.relname, k.position`.execute(trx);
  const { rows: foreignKeys } = await sql<ForeignKey>`
    select con.conname::text as name, c.relname::text as child, p.relname::text as parent,
      array(select a.attname::text from unnest(con.conkey) with ordinality as k(attnum, position)
              join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum
            order by k.position) as columns,
      array(select a.attname::text from unnest(con.confkey) with ordinality as k(attnum, position)
              join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.attnum
            order by k.position) as "parentColumns"
    from pg_constraint con
      join pg_class c on c.oid = con.conrelid
      join pg_class p on p.oid = con.confrelid
      join pg_namespace n on n.oid = c.relnamespace
    where con.contype = 'f' and n.nspname = current_schema()
    order by c.relname, con.conname`.execute(trx);

  const tables = new Map<string, TableInfo>(
    tableRows.map(({ name }) => [name, { name, columns: [], generated: [], primaryKey: [] }]),
  );
  for (const row of columnRows) {
    const table = tables.get(row.table);
    if (table) (row.generated ? table.generated : table.columns).push(row.column);
  }
  for (const row of keyRows) tables.get(row.table)?.primaryKey.push(row.column);
  return { tables: dependencyOrder([...tables.values()], foreignKeys), foreignKeys };
}

/** Tables after the tables they refer to (self-references aside), else alphabetical. */
function dependencyOrder(tables: TableInfo[], foreignKeys: ForeignKey[]): TableInfo[] {
  const parents = new Map(tables.map((t) => [t.name, new Set<string>()]));
  for (const fk of foreignKeys) {
    if (fk.child !== fk.parent && parents.has(fk.parent)) parents.get(fk.child)?.add(fk.parent);
  }
  const ordered: TableInfo[] = [];
  const done = new Set<string>();
  let remaining = [...tables].sort((a, b) => (a.name < b.name ? -1 : 1));
  while (remaining.length > 0) {
    const ready = remaining.filter((t) => [...parents.get(t.name)!].every((p) => done.has(p)));
    // A cycle of references: take the rest as they come (a restore does not need the order).
    const next = ready.length > 0 ? ready : remaining;
    for (const table of next) {
      ordered.push(table);
      done.add(table.name);
    }
    remaining = remaining.filter((t) => !done.has(t.name));
  }
  return ordered;
}

const ids = (names: string[]) =>
  sql.join(
    names.map((n) => sql.id(n)),
    sql`, `,
  );

function slices<T>(values: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < values.length; i += size) result.push(values.slice(i, i + size));
  return result.length > 0 ? result : [[]];
}

// ---------------------------------------------------------------------------------------------
// Backup
// ---------------------------------------------------------------------------------------------

export interface BackupOptions {
  /** Called after each table is read, e.g. to report progress. */
  onTable?: (table: string, rows: number) => void | Promise<void>;
}

/**
 * Writes the whole store to `out` (a stream, ended when the backup is complete, or a file path:
 * the file appears only once complete, replacing any file of that name). The store is read in
 * one REPEATABLE READ, READ ONLY transaction: a consistent picture while others keep writing.
 */
export async function backupStore(
  db: Db,
  out: Writable | string,
  options: BackupOptions = {},
): Promise<BackupSummary> {
  if (typeof out !== 'string') return writeBackup(db, out, options);
  const partial = `${out}.partial-${process.pid}`;
  // Created before anything is read, so that a bad path fails at once.
  await (await open(partial, 'wx')).close();
  try {
    const stream = createWriteStream(partial, { flags: 'r+' });
    const summary = await writeBackup(db, stream, options).finally(() => stream.destroy());
    // On disk before it takes the name of a backup.
    const file = await open(partial, 'r+');
    await file.sync().finally(() => file.close());
    await rename(partial, out);
    return summary;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

async function writeBackup(db: Db, out: Writable, options: BackupOptions): Promise<BackupSummary> {
  return db.transaction().execute(async (trx) => {
    // Settings first: the snapshot is taken by the first query of the transaction.
    await sql`set transaction isolation level repeatable read, read only`.execute(trx);
    // How values are rendered: UTC timestamps, floats to their shortest exact form.
    await sql`set local timezone = 'UTC'`.execute(trx);
    await sql`set local extra_float_digits = 1`.execute(trx);
    await sql`set local bytea_output = 'hex'`.execute(trx);
    const migrations = (
      await sql<{ version: string }>`select version from schema_migrations order by version`.execute(trx)
    ).rows.map((r) => r.version);
    const catalogue = await readCatalogue(trx);
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: new Date().toISOString(),
      migrations,
    };
    const summary: BackupSummary = {
      createdAt: header.createdAt,
      migrations,
      tables: {},
      rows: 0,
      // Read in the backup's snapshot: the checkpoint then describes exactly the log it holds.
      auditHead: await auditHead(trx),
    };
    const tables = catalogue.tables.filter((t) => !NOT_RESTORED.has(t.name));

    async function* lines(): AsyncGenerator<string> {
      yield `${JSON.stringify(header)}\n`;
      for (const table of tables) {
        yield `${JSON.stringify({ table: table.name, columns: table.columns })}\n`;
        let count = 0;
        for await (const batch of readRows(trx, table)) {
          count += batch.length;
          yield batch.map((row) => `${row}\n`).join('');
        }
        summary.tables[table.name] = count;
        summary.rows += count;
        await options.onTable?.(table.name, count);
      }
      yield `${JSON.stringify({ end: true, tables: tables.length, rows: summary.rows })}\n`;
    }

    // The rows are read here, one query after another, never by a stream callback: a query of
    // this transaction must not run after it ended (on a pooled connection, inside someone else's).
    const gzip = createGzip();
    const written = pipeline(gzip, out);
    written.catch(() => undefined);
    try {
      for await (const text of lines()) {
        if (!gzip.write(text)) {
          const drained = once(gzip, 'drain');
          drained.catch(() => undefined);
          await Promise.race([drained, written]);
        }
      }
      gzip.end();
      await written;
    } catch (error) {
      gzip.destroy();
      await written.catch(() => undefined);
      throw error;
    }
    return summary;
  });
}

/** A table's rows as JSON array text, rendered by the database, in primary-key order. */
async function* readRows(trx: Tx, table: TableInfo): AsyncGenerator<string[]> {
  const row = sql.join(
    slices(table.columns, MAX_FUNCTION_ARGS).map((cols) => sql`jsonb_build_array(${ids(cols)})`),
    sql` || `,
  );
  const order = table.primaryKey.length > 0 ? ids(table.primaryKey) : sql`1`;
  // A cursor reads a large table in pieces, from the same snapshot, on both kinds of store.
  await sql`declare headstamp_backup no scroll cursor for
    select (${row})::text as r from ${sql.id(table.name)} order by ${order}`.execute(trx);
  for (;;) {
    const { rows } = await sql<{
      r: string;
    }>`fetch forward ${sql.raw(String(FETCH_ROWS))} from headstamp_backup`.execute(trx);
    if (rows.length > 0) yield rows.map((r) => r.r);
    if (rows.length < FETCH_ROWS) break;
  }
  await sql`close headstamp_backup`.execute(trx);
}

// ---------------------------------------------------------------------------------------------
// Restore
// ---------------------------------------------------------------------------------------------

/**
 * Restores a backup into an empty store, all or nothing: one transaction, with triggers off
 * (the audit log's append-only guard, leads marking) as the rows are the store's own history,
 * not new changes. Sequences are then set past the restored ids, foreign keys and the audit
 * chain are checked, and any problem rolls everything back.
 *
 * Turning triggers off takes `session_replication_role`: a superuser on a PostgreSQL server,
 * or since PostgreSQL 15 a role granted `SET ON PARAMETER session_replication_role`.
 */
export async function restoreStore(db: Db, input: Readable | string | Uint8Array): Promise<BackupSummary> {
  // The key is the store's (a transaction is not the store it was opened with).
  const key = auditKeyOf(db);
  return db.transaction().execute(async (trx) => {
    try {
      await sql`set local session_replication_role = replica`.execute(trx);
    } catch (error) {
      throw new BackupError(
        `cannot turn triggers off for the restore (${message(error)}): restore as a superuser, or grant the role SET ON PARAMETER session_replication_role`,
      );
    }
    const catalogue = await readCatalogue(trx);
    const tables = new Map(catalogue.tables.filter((t) => !NOT_RESTORED.has(t.name)).map((t) => [t.name, t]));
    const names = [...tables.keys()];
    // No one writes while the store is being filled, nor between the check and the restore.
    await sql`lock table ${ids(names)} in exclusive mode`.execute(trx);
    await refuseUnlessEmpty(trx, names);
    const applied = new Set(
      (await sql<{ version: string }>`select version from schema_migrations`.execute(trx)).rows.map(
        (r) => r.version,
      ),
    );

    const reader = new BackupReader(trx, tables, applied);
    const source =
      typeof input === 'string'
        ? createReadStream(input)
        : input instanceof Uint8Array
          ? Readable.from([Buffer.from(input)])
          : input;
    // Lines are read and written here, one after another, and nothing runs once this loop has
    // left: a stream callback must not insert after the transaction ended (on a server, the
    // connection would be back in the pool, outside any transaction).
    const gunzip = createGunzip();
    const feeding = pipeline(source, gunzip);
    feeding.catch(() => undefined);
    try {
      for await (const line of splitLines(gunzip)) await reader.line(line);
      await feeding;
    } catch (error) {
      gunzip.destroy();
      if (error instanceof BackupError) throw error;
      if (isZlibError(error))
        throw new BackupError(
          `the backup file is damaged or truncated (${message(error)}); nothing was restored`,
        );
      throw error;
    }
    const summary = await reader.finish();
    // Where each sample stands is derived from the items (migration 0020): rebuilt, so that a
    // backup made before it existed restores as complete as a new one.
    await sql`select materiel_incidents_rebuild()`.execute(trx);

    await resetSequences(trx, names);
    await checkForeignKeys(
      trx,
      catalogue.foreignKeys.filter((fk) => tables.has(fk.child)),
    );
    const audit = await verifyAuditLog(trx, { key });
    if (!audit.ok) {
      throw new BackupError(
        `the restored audit log does not verify (entry ${audit.brokenAt?.id}: ${audit.brokenAt?.reason}); nothing was restored`,
      );
    }
    await trx.deleteFrom('reference_state').execute();
    // The restored actors and lists came in with triggers off: processes that keep them in
    // memory (register/lists.ts) must read them again.
    await trx
      .updateTable('list_versions')
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .execute();
    return summary;
  });
}

async function refuseUnlessEmpty(trx: Tx, tables: string[]) {
  const checked = tables.filter((t) => !REFERENCE_TABLES.has(t));
  if (checked.length === 0) return;
  const { rows } = await sql<{ name: string }>`${sql.join(
    checked.map((t) => sql`select ${t}::text as name where exists (select 1 from ${sql.id(t)})`),
    sql` union all `,
  )}`.execute(trx);
  if (rows.length > 0) {
    throw new BackupError(
      `the target store is not empty (${rows.map((r) => r.name).join(', ')} hold rows): a backup is restored only into a new, empty store; nothing was changed`,
    );
  }
}

/** Reads the lines of a backup in order and writes its rows, a batch at a time. */
class BackupReader {
  #lineNumber = 0;
  #header: BackupHeader | undefined;
  #table: { info: TableInfo; columns: string[]; startLine: number } | undefined;
  #batch: string[] = [];
  #batchChars = 0;
  #batchLine = 0;
  #lastRowLine = 0;
  #end: { tables: number; rows: number } | undefined;
  readonly #seen = new Set<string>();
  readonly #summary: BackupSummary = { createdAt: '', migrations: [], tables: {}, rows: 0 };

  constructor(
    private readonly trx: Tx,
    private readonly tables: Map<string, TableInfo>,
    private readonly applied: Set<string>,
  ) {}

  #fail(problem: string): never {
    throw new BackupError(`backup line ${this.#lineNumber}: ${problem}; nothing was restored`);
  }

  async line(text: string): Promise<void> {
    this.#lineNumber++;
    if (this.#end) this.#fail('there is more after the last line of the backup');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.#fail('not valid JSON (the file is damaged)');
    }
    if (!this.#header) return this.#readHeader(value);
    if (Array.isArray(value)) return this.#row(text, value);
    if (isRecord(value) && 'table' in value) return this.#startTable(value);
    if (isRecord(value) && value.end === true) return this.#finishAll(value);
    this.#fail('expected a row, a table or the end of the backup');
  }

  #readHeader(value: unknown) {
    if (!isRecord(value) || value.format !== BACKUP_FORMAT) this.#fail('this is not a Headstamp backup');
    if (value.version !== BACKUP_VERSION) {
      this.#fail(
        `backup format version ${JSON.stringify(value.version)} is not supported (this Headstamp reads version ${BACKUP_VERSION}): restore with the Headstamp that made it`,
      );
    }
    const { migrations, createdAt } = value;
    if (!Array.isArray(migrations) || !migrations.every((m) => typeof m === 'string'))
      this.#fail('the header lists no migrations');
    if (typeof createdAt !== 'string') this.#fail('the header has no creation time');
    const unknown = migrations.filter((m) => !this.applied.has(m));
    if (unknown.length > 0) {
      this.#fail(
        `the backup comes from a store with migrations this one does not know (${unknown.join(', ')}): upgrade Headstamp to the version that made the backup, then restore`,
      );
    }
    this.#header = { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt, migrations };
    this.#summary.createdAt = createdAt;
    this.#summary.migrations = migrations;
  }

  async #startTable(value: Record<string, unknown>) {
    await this.#flush();
    const { table, columns } = value;
    if (typeof table !== 'string') this.#fail('a table without a name');
    const info = this.tables.get(table);
    if (!info) this.#fail(`unknown table "${table}": this store has no such table to restore`);
    if (this.#seen.has(table)) this.#fail(`table "${table}" appears twice`);
    if (!Array.isArray(columns) || columns.length === 0 || !columns.every((c) => typeof c === 'string'))
      this.#fail(`table "${table}" has no list of columns`);
    for (const column of columns) {
      if (info.generated.includes(column))
        this.#fail(
          `column "${column}" of table "${table}" is computed by the database and cannot be restored`,
        );
      if (!info.columns.includes(column)) this.#fail(`unknown column "${column}" in table "${table}"`);
    }
    if (new Set(columns).size !== columns.length) this.#fail(`table "${table}" lists a column twice`);
    this.#seen.add(table);
    this.#table = { info, columns, startLine: this.#lineNumber };
    this.#summary.tables[table] = 0;
  }

  async #row(text: string, values: unknown[]) {
    const table = this.#table;
    if (!table) this.#fail('a row before any table');
    if (values.length !== table.columns.length) {
      this.#fail(
        `a row of ${values.length} values in table "${table.info.name}", which has ${table.columns.length} columns`,
      );
    }
    if (this.#batch.length === 0) this.#batchLine = this.#lineNumber;
    this.#lastRowLine = this.#lineNumber;
    this.#batch.push(text);
    this.#batchChars += text.length;
    this.#summary.tables[table.info.name]!++;
    this.#summary.rows++;
    if (this.#batch.length >= INSERT_ROWS || this.#batchChars >= INSERT_BYTES) await this.#flush();
  }

  async #finishAll(value: Record<string, unknown>) {
    await this.#flush();
    const expected = { tables: this.#seen.size, rows: this.#summary.rows };
    if (value.tables !== expected.tables || value.rows !== expected.rows) {
      this.#fail(
        `the backup announces ${String(value.tables)} tables and ${String(value.rows)} rows but holds ${expected.tables} and ${expected.rows}`,
      );
    }
    this.#end = expected;
  }

  async #flush() {
    const table = this.#table;
    if (!table || this.#batch.length === 0) return;
    const { info, columns } = table;
    const rows = `[${this.#batch.join(',')}]`;
    const lines = `${this.#batchLine}–${this.#lastRowLine}`;
    this.#batch = [];
    this.#batchChars = 0;
    // The database turns each JSON array into a row of the table, converting every value to its
    // column's type (dates, timestamps, arrays, jsonb, bigints) exactly as it rendered them.
    const query: RawBuilder<unknown> = sql`
      insert into ${sql.id(info.name)} (${ids(columns)}) overriding system value
      select ${sql.join(
        columns.map((c) => sql`r.${sql.id(c)}`),
        sql`, `,
      )}
      from jsonb_array_elements(${rows}::jsonb) with ordinality as e(v, n)
        cross join lateral jsonb_populate_record(
          null::${sql.id(info.name)},
          (select jsonb_object_agg(k.name, e.v -> (k.i - 1)::int)
           from unnest(${columns}::text[]) with ordinality as k(name, i))
        ) as r
      order by e.n
      ${REFERENCE_TABLES.has(info.name) ? sql`on conflict do nothing` : sql``}`;
    try {
      await query.execute(this.trx);
    } catch (error) {
      throw new BackupError(
        `backup lines ${lines}: cannot restore these rows of table "${info.name}" (${message(error)}); nothing was restored`,
      );
    }
  }

  async finish(): Promise<BackupSummary> {
    if (!this.#header) throw new BackupError('the backup file is empty; nothing was restored');
    if (!this.#end) {
      throw new BackupError(
        `the backup stops after line ${this.#lineNumber}, before its last line: the file is truncated; nothing was restored`,
      );
    }
    return this.#summary;
  }
}

/** Lines of UTF-8 text; invalid UTF-8 is an error, not a replacement character. */
async function* splitLines(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let rest = '';
  const decode = (chunk?: Buffer) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw new BackupError('the backup is not valid UTF-8 text (the file is damaged); nothing was restored');
    }
  };
  for await (const chunk of chunks) {
    rest += decode(chunk);
    const lines = rest.split('\n');
    rest = lines.pop()!;
    yield* lines;
    if (rest.length > MAX_LINE_CHARS)
      throw new BackupError(
        'the backup holds a line too long to be a row (the file is damaged); nothing was restored',
      );
  }
  rest += decode();
  if (rest.length > 0) yield rest;
}

/** Sets every serial and identity sequence past the largest id restored. */
async function resetSequences(trx: Tx, tables: string[]) {
  const { rows } = await sql<{ table: string; column: string; sequence: string }>`
    select c.relname::text as table, a.attname::text as column, s.sequence
    from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      cross join lateral pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) as s(sequence)
    where n.nspname = current_schema() and c.relname = any(${tables}::text[]) and s.sequence is not null`.execute(
    trx,
  );
  for (const { table, column, sequence } of rows) {
    await sql`select setval(${sequence}::regclass, coalesce((select max(${sql.id(column)}) from ${sql.id(table)}), 0) + 1, false)`.execute(
      trx,
    );
  }
}

/** With triggers off, foreign keys were not checked as rows went in: they are checked now. */
async function checkForeignKeys(trx: Tx, foreignKeys: ForeignKey[]) {
  for (const fk of foreignKeys) {
    const present = sql.join(
      fk.columns.map((c) => sql`c.${sql.id(c)} is not null`),
      sql` and `,
    );
    const matches = sql.join(
      fk.columns.map((c, i) => sql`p.${sql.id(fk.parentColumns[i]!)} = c.${sql.id(c)}`),
      sql` and `,
    );
    const { rows } = await sql<{ missing: number }>`
      select count(*)::int as missing from ${sql.id(fk.child)} c
      where ${present} and not exists (select 1 from ${sql.id(fk.parent)} p where ${matches})`.execute(trx);
    const missing = rows[0]?.missing ?? 0;
    if (missing > 0) {
      throw new BackupError(
        `the backup is inconsistent: ${missing} row(s) of table "${fk.child}" refer to rows of "${fk.parent}" it does not hold (${fk.name}); nothing was restored`,
      );
    }
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function isZlibError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}

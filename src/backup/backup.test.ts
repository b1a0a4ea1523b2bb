import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../audit/audit';
import type { Db, Store } from '../db/store';
import { refreshLeads } from '../leads/engine';
import {
  baselineRow,
  countRows,
  csvFile,
  emptyRegister,
  incidentRow,
  itemRow,
  KIDAL,
  registerFiles,
  SEVARE,
  smallRegister,
} from '../test/fixtures';
import { checkedLists } from '../register/lists';
import { testStore } from '../test/store';
import { entityKinds } from '../records/entity';
import { exportTables, toCsv } from '../transfer/export';
import { formatProblem, importFiles, type ImportInput } from '../transfer/import';
import { authenticate, openSession, viewerFromSession } from '../users/sessions.repository';
import { createApiToken, viewerFromApiToken } from '../users/tokens.service';
import { createUser } from '../users/users.service';
import { backupStore, BackupError, restoreStore, type BackupOptions } from './backup';

/**
 * A backup restored into an empty store gives back the same store, row for row, on PGlite and on
 * a PostgreSQL server (TEST_DATABASE_URL); a damaged backup or a store that is not empty changes
 * nothing.
 */

const PASSWORD = 'correct horse battery staple';
const REFERENCE_TABLES = ['calibres', 'manufacturers', 'models'];
// Beyond JavaScript's exact integers: a bigint must keep every digit through a backup.
const BIG_ID = '9007199254740993';

let source: Store;
let backup: Buffer;
let sessionToken: string;
let apiToken: string;
// Opening a store takes seconds, emptying one milliseconds: most tests share two, emptied.
let scratch: Store;
let scratch2: Store;

/** A store emptied of all but the reference lists, its sequences back at 1. */
async function emptied(store: Store): Promise<Store> {
  await emptyRegister(store.db);
  await expectEmpty(store.db);
  return store;
}

async function importOk(db: Db, inputs: ImportInput[]) {
  const report = await importFiles(db, inputs, { user: 'analyst@jmac' });
  expect(report.errors.map(formatProblem)).toEqual([]);
  expect(report.ok).toBe(true);
}

async function backupBytes(db: Db, options?: BackupOptions): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  await backupStore(db, sink, options);
  return Buffer.concat(chunks);
}

/** Every table but the store's own records (schema, reference fingerprint, list count), each row as PostgreSQL renders it (generated columns too). */
async function contents(db: Db): Promise<Record<string, string[]>> {
  const { rows: tables } = await sql<{ name: string }>`
    select tablename::text as name from pg_tables
    where schemaname = current_schema() and tablename not in ('schema_migrations', 'reference_state', 'list_versions')
    order by 1`.execute(db);
  const result: Record<string, string[]> = {};
  for (const { name } of tables) {
    const { rows } = await sql<{ row: string }>`select t::text as row from ${sql.id(name)} t`.execute(db);
    result[name] = rows.map((r) => r.row).sort();
  }
  return result;
}

async function expectEmpty(db: Db) {
  const held = Object.entries(await contents(db)).filter(
    ([table, rows]) => !REFERENCE_TABLES.includes(table) && rows.length > 0,
  );
  expect(held.map(([table]) => table)).toEqual([]);
}

async function csvExports(db: Db): Promise<Record<string, string>> {
  const tables = await exportTables(db);
  return Object.fromEntries(entityKinds.map((kind) => [kind, toCsv(kind, tables[kind])]));
}

const leadRows = (db: Db) => db.selectFrom('leads').selectAll().orderBy('id').execute();

/** The backup's lines, changed by `edit`, compressed again; the last line recounts the rows. */
function rewrite(edit: (lines: string[]) => string[], options: { recount?: boolean } = {}): Buffer {
  const lines = gunzipSync(backup).toString('utf8').trimEnd().split('\n');
  let edited = edit(lines);
  if (options.recount) {
    const rows = edited.filter((l) => l.startsWith('[')).length;
    const tables = edited.filter((l) => l.startsWith('{"table"')).length;
    edited = [...edited.slice(0, -1), JSON.stringify({ end: true, tables, rows })];
  }
  return gzipSync(`${edited.join('\n')}\n`);
}

/** The index of the line that starts `table`'s rows, and its columns. */
function tableLine(lines: string[], table: string): { index: number; columns: string[] } {
  const index = lines.findIndex((l) => l.startsWith(`{"table":${JSON.stringify(table)},`));
  expect(index, table).toBeGreaterThan(0);
  return { index, columns: (JSON.parse(lines[index]!) as { columns: string[] }).columns };
}

beforeAll(async () => {
  [source, scratch, scratch2] = await Promise.all([testStore(), testStore(), testStore()]);
  const register = smallRegister();
  // Text as field teams type it: quotes, commas, accents, line breaks.
  register.incidents.push(
    incidentRow({
      ref: '230101 Arms cache, Gao',
      date: '2023-01',
      place: 'Gao',
      summary: 'Cache found under "Route 17", near the café;\nsecond line, with a comma',
    }),
  );
  register.items.push(
    itemRow({ ref: 'M-00005', incident_ref: '230101 Arms cache, Gao', quantity: '250', lot: 'L-07/15' }),
  );
  await importOk(source.db, registerFiles(register));

  await createUser(
    source.db,
    { username: 'amina', displayName: 'Amina Traoré', role: 'analyst', password: PASSWORD },
    'test',
  );
  await createUser(
    source.db,
    {
      username: 'poe',
      displayName: 'Panel of Experts',
      role: 'partner',
      partner: 'Panel',
      password: PASSWORD,
    },
    'test',
  );
  const amina = (await authenticate(source.db, 'amina', PASSWORD))!;
  sessionToken = (await openSession(source.db, amina)).token;
  apiToken = (await createApiToken(source.db, amina, { name: 'nightly export' }, 'test')).token;
  await viewerFromApiToken(source.db, apiToken); // sets last_used_at
  const kidal = await source.db
    .selectFrom('incidents')
    .select('id')
    .where('ref', '=', KIDAL)
    .executeTakeFirstOrThrow();
  await source.db
    .insertInto('releases')
    .values({ incident_id: kidal.id, partner: 'Panel', released_by: amina.userId })
    .execute();
  // A soft-deleted incident, its leads brought up to date as the application does.
  await source.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('incidents')
      .set({ deleted_at: new Date(), deleted_reason: 'duplicate of a JMAC entry' })
      .where('ref', '=', SEVARE)
      .execute();
    await refreshLeads(trx);
  });
  await sql`insert into leads_pending (id, sample_key) values (${BIG_ID}, ${'ß "quoted"\nkey'})`.execute(
    source.db,
  );

  const audit = await verifyAuditLog(source.db);
  expect(audit.ok).toBe(true);
  expect((await leadRows(source.db)).length).toBeGreaterThan(0);
  backup = await backupBytes(source.db);
});

afterAll(async () => {
  await Promise.all([source, scratch, scratch2].map((s) => s?.close()));
});

describe('a backup', () => {
  it('is gzip-compressed JSON lines: a header, then each table with its columns and rows, then an end line', () => {
    const lines = gunzipSync(backup).toString('utf8').trimEnd().split('\n');
    const header = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(header).toMatchObject({ format: 'headstamp-backup', version: 1 });
    expect(new Date(header.createdAt as string).getTime()).toBeGreaterThan(Date.now() - 600_000);
    expect(header.migrations).toEqual(expect.arrayContaining(['0001_register', '0002_leads', '0003_access']));

    const tables = lines.filter((l) => l.startsWith('{"table"')).map((l) => JSON.parse(l).table as string);
    // Tables come after those they refer to; views and schema_migrations are not tables of a backup.
    const order = (t: string) => tables.indexOf(t);
    expect(order('actors')).toBeLessThan(order('incidents'));
    expect(order('incidents')).toBeLessThan(order('items'));
    expect(order('users')).toBeLessThan(order('releases'));
    expect(order('embargoes')).toBeLessThan(order('embargo_actors'));
    expect(tables).toEqual(
      expect.arrayContaining(['audit_log', 'leads', 'leads_pending', 'sessions', 'calibres']),
    );
    expect(tables).not.toContain('live_incidents');
    expect(tables).not.toContain('schema_migrations');
    // The generated column is left out: the database computes it again.
    expect(tableLine(lines, 'items').columns).not.toContain('serial_key');
    expect(JSON.parse(lines.at(-1)!)).toEqual({
      end: true,
      tables: tables.length,
      rows: lines.filter((l) => l.startsWith('[')).length,
    });
  });

  it('writes a file only once it is complete', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'headstamp-backup-'));
    try {
      const file = join(dir, 'register.headstamp.gz');
      const summary = await backupStore(source.db, file);
      expect(await readdir(dir)).toEqual(['register.headstamp.gz']);
      expect(summary.tables.items).toBe((await countRows(source.db)).items);
      const target = await emptied(scratch);
      await restoreStore(target.db, file);
      expect(await countRows(target.db)).toEqual(await countRows(source.db));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('a backup that cannot be written', () => {
  it('fails with the output’s error, leaves no file behind, and the store carries on', async () => {
    let written = 0;
    const failing = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        written += chunk.length;
        callback(written > 1000 ? new Error('disk full') : null);
      },
    });
    await expect(backupStore(source.db, failing)).rejects.toThrow('disk full');
    const dir = await mkdtemp(join(tmpdir(), 'headstamp-backup-'));
    try {
      await expect(backupStore(source.db, join(dir, 'missing', 'backup.gz'))).rejects.toThrow(/ENOENT/);
      expect(await readdir(dir)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    // Nothing of the failed backups runs on after them.
    for (let i = 0; i < 3; i++) {
      expect(await verifyAuditLog(source.db)).toMatchObject({ ok: true });
      expect(gunzipSync(await backupBytes(source.db)).length).toBeGreaterThan(0);
    }
  });
});

describe('restoring a backup into an empty store', () => {
  let target: Store;
  beforeAll(async () => {
    // A store just created, not one emptied.
    target = await testStore();
    // Read once before, as a server checking a write would: kept in memory until they change.
    expect((await checkedLists(target.db)).actors.resolve('JNIM')).toBeUndefined();
    const summary = await restoreStore(target.db, backup);
    expect(summary.rows).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await target?.close();
  });

  it('has the next write checked against the restored actors, which came in with triggers off', async () => {
    expect((await checkedLists(target.db)).actors.resolve('jnim')?.name).toBe('JNIM');
  });

  it('leaves the target to key the restored samples with its own reference lists at its next start', async () => {
    expect(await target.db.selectFrom('reference_state').selectAll().execute()).toEqual([]);
  });

  it('gives back every table row for row, with dates, timestamps, jsonb, arrays and bigints intact', async () => {
    const [before, after] = await Promise.all([contents(source.db), contents(target.db)]);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
    const big = await sql<{ id: string }>`select id::text as id from leads_pending`.execute(target.db);
    expect(big.rows).toEqual([{ id: BIG_ID }]);
  });

  it('exports the same canonical CSV for every kind and counts the same rows', async () => {
    const [before, after] = await Promise.all([csvExports(source.db), csvExports(target.db)]);
    for (const kind of entityKinds) expect(after[kind], kind).toBe(before[kind]);
    expect(await countRows(target.db)).toEqual(await countRows(source.db));
  });

  it('keeps the leads as they were: kind, subject, incidents, items, score, evidence', async () => {
    const leads = await leadRows(target.db);
    expect(leads.length).toBeGreaterThan(0);
    expect(leads).toEqual(await leadRows(source.db));
  });

  it('keeps an audit chain that verifies, entry for entry', async () => {
    const [before, after] = await Promise.all([verifyAuditLog(source.db), verifyAuditLog(target.db)]);
    expect(after).toEqual({ ok: true, entries: before.entries });
    // The audit log is append-only again once restored.
    await expect(sql`delete from audit_log`.execute(target.db)).rejects.toThrow(/append-only/);
  });

  it('lets users sign in with their passwords, sessions and API tokens', async () => {
    expect(await authenticate(target.db, 'amina', PASSWORD)).toMatchObject({
      username: 'amina',
      role: 'analyst',
    });
    expect(await authenticate(target.db, 'poe', PASSWORD)).toMatchObject({
      role: 'partner',
      partner: 'Panel',
    });
    expect(await authenticate(target.db, 'amina', 'wrong password!!')).toBeUndefined();
    expect(await viewerFromSession(target.db, sessionToken)).toMatchObject({ username: 'amina' });
    expect(await viewerFromApiToken(target.db, apiToken)).toMatchObject({ username: 'amina' });
  });
});

describe('a restored store', () => {
  it('takes new records, accounts and tokens: every sequence is past the restored ids', async () => {
    const target = await emptied(scratch);
    await restoreStore(target.db, backup);
    const before = await countRows(target.db);
    await importOk(target.db, [
      csvFile('actors.csv', [{ name: 'Ansar Dine', aliases: '', parent: '', from: '2012-01', to: '' }]),
      csvFile('incidents.csv', [incidentRow({ ref: '240301 IED attack, Ansongo', place: 'Ansongo' })]),
      csvFile('items.csv', [itemRow({ ref: 'M-00099', incident_ref: '240301 IED attack, Ansongo' })]),
      csvFile('baselines.csv', [baselineRow({ year: '1990', source: 'inspection 2019' })]),
    ]);
    const user = await createUser(
      target.db,
      { username: 'moussa', displayName: 'Moussa', role: 'documenter', password: PASSWORD },
      'test',
    );
    await createApiToken(
      target.db,
      { userId: user.id, username: 'moussa', role: 'documenter' },
      { name: 'x' },
      'test',
    );
    await sql`insert into leads_pending (everything) values (true)`.execute(target.db);
    await target.db.transaction().execute((trx) => refreshLeads(trx));

    const after = await countRows(target.db);
    expect(after).toMatchObject({
      actors: before.actors + 1,
      incidents: before.incidents + 1,
      items: before.items + 1,
      baselines: before.baselines + 1,
    });
    expect(await verifyAuditLog(target.db)).toEqual({ ok: true, entries: after.audit_log });
  });
});

describe('restore refuses', () => {
  it('a store that is not empty, and changes nothing in it', async () => {
    const target = await emptied(scratch);
    await importOk(target.db, [csvFile('actors.csv', smallRegister().actors)]);
    const before = await contents(target.db);
    await expect(restoreStore(target.db, backup)).rejects.toThrow(
      /target store is not empty \(actors, audit_log.*\).*nothing was changed/,
    );
    expect(await contents(target.db)).toEqual(before);
  });

  it('a truncated file, cut anywhere, and leaves the store empty', async () => {
    const target = await emptied(scratch);
    // Cut while rows are being inserted too: nothing may outlive the rolled-back transaction.
    for (const fraction of [0.1, 0.3, 0.5, 0.7, 0.9, 0.99]) {
      const cut = backup.subarray(0, Math.floor(backup.length * fraction));
      const error = await restoreStore(target.db, cut).catch((e: unknown) => e);
      expect(error, `cut at ${fraction}`).toBeInstanceOf(BackupError);
      expect(String(error)).toMatch(/damaged or truncated.*nothing was restored/);
      await expectEmpty(target.db);
    }
    // The same store then takes the whole backup.
    await restoreStore(target.db, backup);
    expect(await countRows(target.db)).toEqual(await countRows(source.db));
  });

  it('a backup from a store with migrations this one does not know', async () => {
    const target = await emptied(scratch);
    const future = rewrite(([header, ...rest]) => {
      const parsed = JSON.parse(header!) as { migrations: string[] };
      parsed.migrations.push('9999_from_the_future');
      return [JSON.stringify(parsed), ...rest];
    });
    await expect(restoreStore(target.db, future)).rejects.toThrow(
      /migrations this one does not know \(9999_from_the_future\): upgrade Headstamp/,
    );
    await expectEmpty(target.db);
  });

  describe('a damaged backup, and restores nothing', () => {
    let target: Store;
    beforeAll(async () => {
      target = await emptied(scratch);
    });

    const cases: [string, () => Buffer | Uint8Array, RegExp][] = [
      ['not gzip at all', () => Buffer.from('{"format":"headstamp-backup"}\n'), /damaged or truncated/],
      ['an empty file', () => gzipSync(''), /backup file is empty/],
      ['not a backup', () => gzipSync('{"hello":"world"}\n'), /line 1: this is not a Headstamp backup/],
      [
        'a newer format',
        () => rewrite(([h, ...rest]) => [h!.replace('"version":1', '"version":2'), ...rest]),
        /format version 2 is not supported/,
      ],
      [
        'a line cut short',
        () =>
          rewrite((lines) => {
            const { index } = tableLine(lines, 'items');
            return lines.map((l, i) => (i === index + 1 ? l.slice(0, 10) : l));
          }),
        /not valid JSON/,
      ],
      [
        'an unknown table',
        () =>
          rewrite((lines) => lines.map((l) => l.replace('{"table":"embargoes",', '{"table":"embargos",'))),
        /unknown table "embargos"/,
      ],
      [
        'an unknown column',
        () =>
          rewrite((lines) =>
            lines.map((l) => (l.startsWith('{"table":"items",') ? l.replace('"notes"', '"note"') : l)),
          ),
        /unknown column "note" in table "items"/,
      ],
      [
        'a generated column',
        () =>
          rewrite((lines) =>
            lines.map((l) => (l.startsWith('{"table":"items",') ? l.replace('"notes"', '"serial_key"') : l)),
          ),
        /"serial_key" of table "items" is computed by the database/,
      ],
      [
        'a row with a value missing',
        () =>
          rewrite((lines) => {
            const { index } = tableLine(lines, 'incidents');
            return lines.map((l, i) => (i === index + 1 ? JSON.stringify(JSON.parse(l).slice(1)) : l));
          }),
        /a row of \d+ values in table "incidents"/,
      ],
      [
        'a value of the wrong type',
        () =>
          rewrite((lines) => {
            const { index, columns } = tableLine(lines, 'incidents');
            const row = JSON.parse(lines[index + 1]!) as unknown[];
            row[columns.indexOf('date')] = 'the 14th of August';
            return lines.map((l, i) => (i === index + 1 ? JSON.stringify(row) : l));
          }),
        /cannot restore these rows of table "incidents" \(.*the 14th of August/,
      ],
      [
        'its last line missing',
        () => rewrite((lines) => lines.slice(0, -1)),
        /before its last line: the file is truncated/,
      ],
      [
        'rows missing from the count',
        () => rewrite((lines) => lines.filter((_, i) => i !== tableLine(lines, 'items').index + 1)),
        /announces \d+ tables and \d+ rows but holds/,
      ],
      [
        'items whose incidents are gone',
        () =>
          rewrite(
            (lines) => {
              const { index } = tableLine(lines, 'incidents');
              const end = lines.findIndex((l, i) => i > index && !l.startsWith('['));
              return [...lines.slice(0, index + 1), ...lines.slice(end)];
            },
            { recount: true },
          ),
        /inconsistent: \d+ row\(s\) of table "\w+" refer to rows of "incidents"/,
      ],
      [
        'an edited audit entry',
        () =>
          rewrite((lines) => {
            const { index, columns } = tableLine(lines, 'audit_log');
            const entry = JSON.parse(lines[index + 1]!) as unknown[];
            entry[columns.indexOf('actor')] = 'someone else';
            return lines.map((l, i) => (i === index + 1 ? JSON.stringify(entry) : l));
          }),
        /restored audit log does not verify \(entry 1: content does not match its hash\)/,
      ],
    ];

    it.each(cases)('%s', async (_name, make, error) => {
      const damaged = make();
      await expect(restoreStore(target.db, damaged)).rejects.toThrow(BackupError);
      await expect(restoreStore(target.db, damaged)).rejects.toThrow(error);
      await expectEmpty(target.db);
    });
  });
});

describe('a backup taken while an import commits', () => {
  it('holds the store as it was when the backup began', async () => {
    const store = await emptied(scratch);
    await importOk(store.db, registerFiles());
    const before = await contents(store.db);
    let importing: Promise<void> | undefined;
    const bytes = await backupBytes(store.db, {
      onTable: async () => {
        if (importing) return;
        importing = importOk(store.db, [
          csvFile('incidents.csv', [incidentRow({ ref: '240302 IED attack, Ménaka', place: 'Ménaka' })]),
          csvFile('items.csv', [itemRow({ ref: 'M-00100', incident_ref: '240302 IED attack, Ménaka' })]),
        ]);
        // A server commits the import while the backup reads on; PGlite, one connection, runs it
        // once the backup's transaction ends.
        if (store.kind === 'postgres') await importing;
      },
    });
    await importing;
    expect((await countRows(store.db)).incidents).toBe(4);

    const target = await emptied(scratch2);
    await restoreStore(target.db, bytes);
    expect(await contents(target.db)).toEqual(before);
    expect((await countRows(target.db)).incidents).toBe(3);
  });
});

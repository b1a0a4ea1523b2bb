import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../audit/audit';
import { loadAuditKey } from '../audit/audit-key';
import type { Db } from '../db/store';
import { openStore } from '../register/store';
import { demoFiles } from '../demo/load';
import { settleLeads } from '../leads/queue';
import { commandLineStore } from '../test/cli';
import { storedAndRecomputedLeads } from '../test/leads';
import { countRows, registerFiles, smallRegister, type RowCounts } from '../test/fixtures';
import { entityKinds } from '../records/entity';
import { exportTables, toCsv } from '../transfer/export';

/**
 * Durability of the embedded store: the command line's `import`, killed with SIGKILL at points
 * spread over its run, loses nothing that was acknowledged and keeps nothing half-written. After
 * the kill the data directory is opened again, as the next start would; PostgreSQL's crash
 * recovery (inside PGlite) must bring it back to the last commit.
 *
 * This is the death of the process (kill -9, the OOM killer, a crash), not of the machine:
 * PGlite runs with fsync off, so what it wrote is in the operating system's cache, which
 * survives the process but not a power cut or a kernel panic. The summary printed at the end
 * says which setting the store ran with.
 *
 * Where the kills land is measured, not guessed: fixed delays land before the import starts on
 * a busy machine and after it ends on a fast one. An uninterrupted run of the same import gives
 * the time it takes to acknowledge and the bytes the process writes until then (Linux'
 * /proc/<pid>/io); the import is then killed at a fraction of that time, once it has written a
 * given share of those bytes (the write-ahead log of its own, uncommitted transaction: start-up
 * and opening the store write some kilobytes), and right after it acknowledged, before the
 * process has closed the store. Without /proc, write points fall back to time.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'bin', 'headstamp.js');
const SECOND_IMPORT_INCIDENTS = 400;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Milliseconds from start to the first line of the report on stdout: the import committed. */
  acknowledgedAt: number | undefined;
  /** Bytes the process had written (all write calls) when it acknowledged, or was killed. */
  writtenAtAcknowledgement: number | undefined;
  killedAt: number | undefined;
  writtenAtKill: number | undefined;
  stdout: string;
  stderr: string;
}

/** `headstamp import <files>` on the embedded store in `dataDir`, killed as asked. */
function runImport(
  dataDir: string,
  files: string[],
  kill: { afterMs?: number; afterWritten?: number; onAcknowledgement?: boolean } = {},
): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, HEADSTAMP_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  const started = Date.now();
  // No geocoding: the small register's Sofara would be looked up (and warned about) first.
  const child = spawn(process.execPath, [CLI, 'import', '--user', 'crash-test', '--no-geocode', ...files], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: Run = {
    code: null,
    signal: null,
    acknowledgedAt: undefined,
    writtenAtAcknowledgement: undefined,
    killedAt: undefined,
    writtenAtKill: undefined,
    stdout: '',
    stderr: '',
  };
  const killNow = () => {
    const written = bytesWritten(child.pid);
    if (child.exitCode === null && child.signalCode === null && child.kill('SIGKILL')) {
      run.killedAt = Date.now() - started;
      run.writtenAtKill = written;
    }
  };
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    // The report is printed only once the import's transaction has committed.
    if (run.acknowledgedAt === undefined) {
      run.acknowledgedAt = Date.now() - started;
      run.writtenAtAcknowledgement = bytesWritten(child.pid);
    }
    run.stdout += text;
    if (kill.onAcknowledgement) killNow();
  });
  child.stderr.setEncoding('utf8').on('data', (text: string) => (run.stderr += text));
  const timer = kill.afterMs !== undefined ? setTimeout(killNow, kill.afterMs) : undefined;
  const watch =
    kill.afterWritten !== undefined
      ? setInterval(() => {
          if ((bytesWritten(child.pid) ?? 0) >= kill.afterWritten!) killNow();
        }, 5)
      : undefined;
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearInterval(watch);
      resolve({ ...run, code, signal });
    });
  });
}

/** Bytes a process has passed to write calls so far (Linux), or undefined. */
function bytesWritten(pid: number | undefined): number | undefined {
  try {
    const match = /^wchar: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

interface StoreState {
  csv: Record<string, string>;
  counts: RowCounts;
  itemsSequence: number;
}

async function stateOf(db: Db): Promise<StoreState> {
  const tables = await exportTables(db);
  const { rows } = await sql<{ last: number }>`select last_value::int as last from items_id_seq`.execute(db);
  return {
    csv: Object.fromEntries(entityKinds.map((kind) => [kind, toCsv(kind, tables[kind])])),
    counts: await countRows(db),
    itemsSequence: rows[0]!.last,
  };
}

interface KillPoint {
  /** A fraction of the time an uninterrupted run takes to acknowledge. */
  time?: number;
  /** A fraction of the bytes an uninterrupted run writes until it acknowledges. */
  written?: number;
  onAcknowledgement?: boolean;
}

function killOptions(point: KillPoint): Parameters<typeof runImport>[2] {
  const total = uninterrupted.writtenAtAcknowledgement;
  if (point.written !== undefined && total !== undefined)
    return { afterWritten: Math.round(point.written * total) };
  const time = point.time ?? point.written;
  if (time !== undefined) return { afterMs: Math.round(time * uninterrupted.acknowledgedAt!) };
  return { onAcknowledgement: point.onAcknowledgement };
}

const megabytes = (bytes: number | undefined) =>
  bytes === undefined ? '? MB' : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

let workDir: string;
let baseDir: string;
let secondFiles: string[];
let before: StoreState;
let after: StoreState;
let uninterrupted: Run;
let fsync: string;
const outcomes: string[] = [];

async function writeFiles(dir: string, files: { name: string; data: Uint8Array }[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  return Promise.all(
    files.map(async ({ name, data }) => {
      const path = join(dir, name);
      await writeFile(path, data);
      return path;
    }),
  );
}

async function copyOfBase(name: string): Promise<string> {
  const dir = join(workDir, name);
  await cp(baseDir, dir, { recursive: true });
  return dir;
}

async function withStoreIn<T>(dataDir: string, use: (db: Db) => Promise<T>): Promise<T> {
  // The key the command line keyed the log with: the file beside the data directory.
  const auditKey = loadAuditKey({ file: join(dirname(dataDir), 'audit.key') });
  const store = await openStore({ dataDir, auditKey });
  try {
    return await use(store.db);
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'headstamp-crash-'));
  baseDir = join(workDir, 'base');
  // The first set: the small register, its item refs apart from the demo set's.
  const first = smallRegister();
  first.items = first.items.map((item) => ({ ...item, ref: item.ref!.replace('M-', 'FIRST-') }));
  const firstFiles = await writeFiles(join(workDir, 'first'), registerFiles(first));
  secondFiles = await writeFiles(join(workDir, 'second'), demoFiles({ incidents: SECOND_IMPORT_INCIDENTS }));

  // A migrated store to import into, as the first start leaves it: what is killed is an import.
  await commandLineStore(baseDir);
  const firstRun = await runImport(baseDir, firstFiles);
  expect(firstRun.stderr).toBe('');
  expect(firstRun.code).toBe(0); // acknowledged
  before = await withStoreIn(await copyOfBase('before'), async (db) => {
    const { rows } = await sql<{ fsync: string }>`show fsync`.execute(db);
    fsync = rows[0]!.fsync;
    return stateOf(db);
  });
  expect(before.counts).toMatchObject({ incidents: 3, items: 4 });

  uninterrupted = await runImport(await copyOfBase('uninterrupted'), secondFiles);
  expect(uninterrupted.code, uninterrupted.stderr).toBe(0);
  after = await withStoreIn(join(workDir, 'uninterrupted'), stateOf);
  expect(after.counts.incidents).toBe(before.counts.incidents + SECOND_IMPORT_INCIDENTS);
  // The first import's records are untouched by the second.
  for (const kind of ['incidents', 'items'] as const) {
    const firstRows = before.csv[kind]!.split('\r\n').slice(1, -1);
    for (const row of firstRows) expect(after.csv[kind]).toContain(row);
  }
  // Three runs of the CLI and a 400-incident import: minutes on a busy machine, with other test
  // files running beside.
}, 360_000);

afterAll(async () => {
  if (outcomes.length > 0) {
    console.info(
      `PGlite fsync: ${fsync}; uninterrupted import acknowledged after ${uninterrupted?.acknowledgedAt} ms, ${megabytes(uninterrupted?.writtenAtAcknowledgement)} written\n${outcomes.join('\n')}`,
    );
  }
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('the embedded store, killed (SIGKILL) in the middle of an import', () => {
  const killPoints: [string, KillPoint][] = [
    ['at 60% of the time an uninterrupted run takes', { time: 0.6 }],
    ['once it has written 2% of what an uninterrupted run writes', { written: 0.02 }],
    ['once it has written 25% of what an uninterrupted run writes', { written: 0.25 }],
    ['right after it acknowledged the import', { onAcknowledgement: true }],
  ];

  it.each(killPoints)(
    'killed %s: opens again with every acknowledged record and nothing half-written',
    async (name, point) => {
      const dataDir = await copyOfBase(`killed-${name.replace(/\W+/g, '-')}`);
      const run = await runImport(dataDir, secondFiles, killOptions(point));
      const acknowledged = run.acknowledgedAt !== undefined || run.code === 0;

      await withStoreIn(dataDir, async (db) => {
        const state = await stateOf(db);
        const outcome =
          JSON.stringify(state.csv) === JSON.stringify(after.csv)
            ? 'entirely present'
            : JSON.stringify(state.csv) === JSON.stringify(before.csv)
              ? 'entirely absent'
              : 'PARTIAL';
        outcomes.push(
          `killed ${name} (${run.killedAt ?? '–'} ms, ${megabytes(run.writtenAtKill)} written${run.signal ? '' : `; had exited ${run.code}`}): ` +
            `${acknowledged ? 'acknowledged' : 'not acknowledged'}, import ${outcome}` +
            (outcome === 'entirely absent' && state.itemsSequence > before.itemsSequence
              ? `; uncommitted rows had reached the disk (items id sequence at ${state.itemsSequence}) and recovery discarded them`
              : ''),
        );

        // All or nothing, and all when acknowledged.
        expect(['entirely present', 'entirely absent']).toContain(outcome);
        if (acknowledged) expect(outcome).toBe('entirely present');
        expect(state.counts).toEqual(outcome === 'entirely present' ? after.counts : before.counts);
        // The first import's records are all there either way (before ⊂ after, checked above).

        expect(await verifyAuditLog(db)).toMatchObject({ ok: true, entries: state.counts.audit_log });
        // A kill between the import's commit and its findings' refresh leaves the changes queued:
        // the next start replays them, and the findings then equal a full recomputation.
        await settleLeads(db);
        const { count } = await db
          .selectFrom('leads_pending')
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .executeTakeFirstOrThrow();
        expect(Number(count)).toBe(0);
        const leads = await storedAndRecomputedLeads(db);
        expect(leads.stored.length).toBeGreaterThan(0);
        expect(leads.recomputed).toEqual(leads.stored);
      });
    },
    60_000,
  );
});

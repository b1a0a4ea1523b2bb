import { hostname } from 'node:os';
import { closeSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * One process per embedded store. PGlite runs PostgreSQL inside the process, with no server to
 * arbitrate: two processes writing the same data directory corrupt it. A lock file in the data
 * directory names the process holding it; a second process is refused while that process lives,
 * and takes the lock over once it has died (a crash or SIGKILL leaves the file behind).
 */

export const LOCK_FILE = 'headstamp.lock';

const lockContent = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  command: z.string(),
  since: z.string(),
});
type LockContent = z.infer<typeof lockContent>;

/** The data directory is open in another live process. */
export class StoreLocked extends Error {
  override name = 'StoreLocked';
  constructor(
    readonly dataDir: string,
    readonly holder: LockContent,
  ) {
    const what = holder.command.startsWith('headstamp serve')
      ? `a Headstamp server (pid ${holder.pid})`
      : `another Headstamp process (pid ${holder.pid}, \`${holder.command}\`)`;
    super(
      `${what} has the store ${dataDir} open since ${holder.since}: stop it, or run this command against the server's API (PostgreSQL stores, DATABASE_URL, can be shared). If no such process is running, delete ${join(dataDir, LOCK_FILE)}.`,
    );
  }
}

export interface StoreLock {
  /** Removes the lock file if it is still this process's own. */
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(path: string): LockContent | undefined {
  try {
    const parsed = lockContent.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Held by a live process, as far as this host can tell (a lock from another host is trusted). */
function held(content: LockContent | undefined): content is LockContent {
  return content !== undefined && (content.host !== hostname() || alive(content.pid));
}

function create(path: string, content: LockContent): boolean {
  let fd: number;
  try {
    // `wx` fails if the file exists: of two processes creating it at once, one wins.
    fd = openSync(path, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${JSON.stringify(content)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Takes the lock of `dataDir` for this process, or throws `StoreLocked` naming the holder. */
export function lockDataDir(dataDir: string, command: string): StoreLock {
  const path = join(dataDir, LOCK_FILE);
  const mine: LockContent = { pid: process.pid, host: hostname(), command, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (create(path, mine)) return ownLock(path, mine);
    const holder = readLock(path);
    if (held(holder)) throw new StoreLocked(dataDir, holder);
    // A stale lock (dead process, or a file cut short by a crash while being written): moved
    // aside under a name of our own, so that of two processes taking it over only one succeeds.
    const aside = `${path}.stale-${process.pid}`;
    try {
      renameSync(path, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    // Between reading and moving it, another process may have taken the lock over: put it back.
    const moved = readLock(aside);
    if (held(moved)) {
      renameSync(aside, path);
      throw new StoreLocked(dataDir, moved);
    }
    rmSync(aside, { force: true });
  }
  throw new Error(`cannot take the lock ${path}: other processes keep changing it`);
}

function ownLock(path: string, mine: LockContent): StoreLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    const current = readLock(path);
    if (current?.pid === mine.pid && current.since === mine.since) rmSync(path, { force: true });
  };
  // A process that exits without closing the store (an uncaught error) leaves no lock behind;
  // one killed outright does, and the next process takes it over.
  process.on('exit', release);
  return { release };
}

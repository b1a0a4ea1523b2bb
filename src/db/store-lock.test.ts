import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCK_FILE, lockDataDir, StoreLocked } from './store-lock';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'headstamp-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A pid that no process has: one that has just exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

const writeLock = (pid: number, host = hostname()) =>
  writeFileSync(
    join(dir, LOCK_FILE),
    JSON.stringify({ pid, host, command: 'headstamp serve', since: '2025-01-01T00:00:00.000Z' }),
  );

describe('the lock of an embedded store', () => {
  it('writes this process’s pid, refuses a second holder naming it, and is gone once released', () => {
    const lock = lockDataDir(dir, 'headstamp stats');
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({
      pid: process.pid,
      command: 'headstamp stats',
    });
    expect(() => lockDataDir(dir, 'headstamp import')).toThrow(StoreLocked);
    expect(() => lockDataDir(dir, 'headstamp import')).toThrow(
      `another Headstamp process (pid ${process.pid}, \`headstamp stats\`) has the store ${dir} open`,
    );
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    lockDataDir(dir, 'again').release();
  });

  it('names a running server and says what to do', () => {
    writeLock(process.pid);
    expect(() => lockDataDir(dir, 'headstamp stats')).toThrow(
      /^a Headstamp server \(pid \d+\) has the store .* open since 2025-01-01T00:00:00.000Z: stop it, or run this command against the server's API/,
    );
  });

  it('takes over a lock left by a process that died', () => {
    writeLock(deadPid());
    const lock = lockDataDir(dir, 'headstamp serve');
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it('takes over a lock file cut short or garbled (a crash while it was written)', () => {
    writeFileSync(join(dir, LOCK_FILE), '{"pid": 12');
    lockDataDir(dir, 'x').release();
    writeFileSync(join(dir, LOCK_FILE), '');
    lockDataDir(dir, 'x').release();
  });

  it('trusts a lock taken on another host (a shared folder), whose processes it cannot see', () => {
    writeLock(deadPid(), 'another-host.example');
    expect(() => lockDataDir(dir, 'x')).toThrow(StoreLocked);
  });

  it('leaves a lock another process has since taken when released', () => {
    const lock = lockDataDir(dir, 'x');
    rmSync(join(dir, LOCK_FILE));
    writeLock(1);
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
  });
});

import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../core/json';
import type { Db } from '../db/store';
import { registerFiles, smallRegister } from '../test/fixtures';
import { emptiedStorePerTest } from '../test/store';
import { formatProblem, importFiles } from '../transfer/import';
import { audited, GENESIS, verifyAuditLog } from './audit';
import { auditKeyFrom, loadAuditKey, useAuditKey, type AuditKey } from './audit-key';
import { checkpointAuditLog, readCheckpoint, readCheckpointFolder, type Checkpoint } from './checkpoints';

let db: Db;
emptiedStorePerTest((opened) => (db = opened));

const key = auditKeyFrom(randomBytes(32), 'the test key');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'headstamp-audit-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// Each test starts from a store as written before audit keys existed.
beforeEach(() => useAuditKey(db, undefined));

async function importOk(files = registerFiles()) {
  const report = await importFiles(db, files, { user: 'analyst' });
  expect(report.errors.map(formatProblem)).toEqual([]);
}

/** A store written before audit keys existed, then opened by a process with a key. */
async function legacyThenKeyed() {
  await importOk();
  useAuditKey(db, key);
  const register = smallRegister();
  register.incidents[0] = { ...register.incidents[0]!, injured: '6' };
  await importOk(registerFiles(register));
}

/** As someone with database access (but not the key) would: triggers off. */
async function asIntruder(change: () => Promise<unknown>) {
  await sql`alter table audit_log disable trigger user`.execute(db);
  try {
    await change();
  } finally {
    await sql`alter table audit_log enable trigger user`.execute(db);
  }
}

/** Recomputes every plain SHA-256 hash from entry `fromId` on, as an intruder without the key can. */
async function recomputePlainHashes(fromId: number) {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('id').execute();
  let prev = GENESIS;
  for (const row of rows) {
    if (row.id >= fromId) {
      const body = canonicalJson({
        at: row.at.toISOString(),
        actor: row.actor,
        action: row.action,
        entity: row.entity,
        entity_key: row.entity_key,
        before: row.before ?? null,
        after: row.after ?? null,
      });
      const hash = createHash('sha256').update(prev).update('\n').update(body).digest('hex');
      await sql`update audit_log set prev_hash = ${prev}, hash = ${hash} where id = ${row.id}`.execute(db);
      prev = hash;
    } else prev = row.hash;
  }
}

async function signHead(folder = dir): Promise<Checkpoint> {
  const signed = await checkpointAuditLog(db, key, folder);
  return signed!.checkpoint;
}

describe('the keyed audit chain', () => {
  it('verifies a store from before keys, switched over with a marked entry, with its checkpoint', async () => {
    await legacyThenKeyed();
    const rows = await db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    const switchAt = rows.findIndex((r) => r.entity === 'audit_key');
    expect(switchAt).toBe(12);
    expect(rows[switchAt]).toMatchObject({ action: 'create', entity_key: key.fingerprint });
    expect(rows.length).toBe(14);
    const checkpoint = await signHead(mkdtempSync(join(dir, 'clean-')));
    expect(checkpoint).toMatchObject({ id: 14, count: 14, hash: rows.at(-1)!.hash, key: key.fingerprint });
    expect(await verifyAuditLog(db, { checkpoint })).toEqual({
      ok: true,
      entries: 14,
      keyedFrom: 13,
      checkpoint: 'matches',
    });
  });

  it('reports an edited entry whose plain hashes were recomputed after it, in the keyed part', async () => {
    await legacyThenKeyed();
    await asIntruder(async () => {
      await sql`update audit_log set actor = 'someone else' where id = 14`.execute(db);
      await recomputePlainHashes(14);
    });
    expect((await verifyAuditLog(db)).brokenAt).toEqual({
      id: 14,
      reason: 'content does not match its hash',
    });
  });

  it('reports a rewrite of the plain part, hashes recomputed to the end, against the checkpoint', async () => {
    await importOk();
    const checkpoint = await signHead(mkdtempSync(join(dir, 'plain-')));
    await asIntruder(async () => {
      await sql`update audit_log set after = jsonb_set(after, '{killed}', '3') where id = 3`.execute(db);
      await recomputePlainHashes(3);
    });
    // Without a checkpoint the rewrite is invisible: nothing in the database tells it apart.
    expect(await verifyAuditLog(db, { key })).toMatchObject({ ok: true, entries: 12 });
    expect(await verifyAuditLog(db, { key, checkpoint })).toMatchObject({
      ok: false,
      checkpoint: 'rewritten',
      brokenAt: {
        id: 12,
        reason: expect.stringMatching(
          /^the hash of entry 12 differs from the one recorded by the checkpoint of .*: the log was rewritten at or before it$/,
        ),
      },
    });
  });

  it('reports the last entries deleted behind the triggers as a truncation, against the checkpoint', async () => {
    await legacyThenKeyed();
    const checkpoint = await signHead(mkdtempSync(join(dir, 'cut-')));
    await asIntruder(() => sql`delete from audit_log where id >= 13`.execute(db));
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true, entries: 12 });
    const result = await verifyAuditLog(db, { checkpoint });
    expect(result).toMatchObject({ ok: false, checkpoint: 'truncated', entries: 12 });
    expect(result.brokenAt!.reason).toMatch(
      /^the log ends at entry 12 \(12 entries\), but the checkpoint of .* recorded 14 entries up to entry 14: entries were deleted from its end$/,
    );
    // New writes after the cut link up again, yet the entry the checkpoint saw is gone.
    await audited(db, 'intruder', async (_trx, audit) => audit.record('note', 'n', 'create', null, {}));
    expect(await verifyAuditLog(db, { checkpoint })).toMatchObject({ ok: false, checkpoint: 'rewritten' });
  });

  it('reports a log turned back to plain hashes (switch-over entry removed) against the checkpoint', async () => {
    await legacyThenKeyed();
    const checkpoint = await signHead(mkdtempSync(join(dir, 'downgrade-')));
    await asIntruder(async () => {
      await sql`delete from audit_log where entity = 'audit_key'`.execute(db);
      await recomputePlainHashes(13);
    });
    const result = await verifyAuditLog(db, { key: undefined, checkpoint });
    expect(result).toMatchObject({ ok: false, checkpoint: 'rewritten' });
  });

  it('refuses to verify or extend a keyed log without its key, or with another one', async () => {
    await legacyThenKeyed();
    const other = auditKeyFrom(randomBytes(32), 'another key');
    expect((await verifyAuditLog(db, { key: other })).brokenAt).toEqual({
      id: 13,
      reason: `the log is keyed with key ${key.fingerprint}, not with the key given (${other.fingerprint}, another key)`,
    });
    useAuditKey(db, other);
    await expect(
      audited(db, 'x', async (_trx, audit) => audit.record('note', 'n', 'create', null, {})),
    ).rejects.toThrow(/the audit log is keyed with key .* but this process has key/);
    useAuditKey(db, key);
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true, entries: 14 });
  });
});

describe('audit checkpoints', () => {
  it('writes one only when the head moved, and refuses to sign a log that does not verify', async () => {
    useAuditKey(db, key);
    const folder = mkdtempSync(join(dir, 'cp-'));
    expect(await checkpointAuditLog(db, key, folder)).toBeUndefined();
    await importOk();
    const first = await checkpointAuditLog(db, key, folder);
    expect(first?.file).toBeDefined();
    expect(await checkpointAuditLog(db, key, folder)).toEqual({ checkpoint: first!.checkpoint });
    // Only what was appended since the last checkpoint is read again before signing.
    await audited(db, 'y', async (_trx, audit) => audit.record('note', 'n', 'create', null, {}));
    await asIntruder(() => sql`update audit_log set actor = 'x' where id = 14`.execute(db));
    await audited(db, 'y', async (_trx, audit) => audit.record('note', 'm', 'create', null, {}));
    await expect(checkpointAuditLog(db, key, folder)).rejects.toThrow(
      /^the audit log does not verify \(entry 14: content does not match its hash\); no checkpoint was written$/,
    );
    expect(readCheckpointFolder(folder, key).latest).toEqual(first!.checkpoint);
  });

  it('rejects a checkpoint edited, signed by another key, or not a checkpoint at all', async () => {
    await importOk();
    useAuditKey(db, key);
    const folder = mkdtempSync(join(dir, 'forged-'));
    const { checkpoint, file } = (await checkpointAuditLog(db, key, folder))!;
    const text = readFileSync(file!, 'utf8');
    expect(readCheckpoint(text, key)).toEqual(checkpoint);
    expect(readCheckpoint(JSON.stringify({ ...checkpoint, id: 99 }), key)).toEqual({
      error: 'its signature does not match',
    });
    expect(readCheckpoint(text, auditKeyFrom(randomBytes(32), 'other'))).toMatchObject({
      error: expect.stringMatching(/^signed with another key/),
    });
    expect(readCheckpoint('{"id": 1', key)).toEqual({ error: 'not JSON' });
    expect(readCheckpoint('{"id": 1}', key)).toEqual({ error: 'not a Headstamp audit checkpoint' });
    writeFileSync(join(folder, 'zz-forged.json'), JSON.stringify({ ...checkpoint, id: 99 }));
    const read = readCheckpointFolder(folder, key);
    expect(read.latest).toEqual(checkpoint);
    expect(read.rejected).toEqual([
      { file: join(folder, 'zz-forged.json'), error: 'its signature does not match' },
    ]);
  });
});

describe('the audit key', () => {
  it('is created on first use in a file only its owner reads, then read back', () => {
    const file = join(dir, 'keys', 'audit.key');
    const first: AuditKey = loadAuditKey({ file });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadAuditKey({ file }).fingerprint).toBe(first.fingerprint);
    expect(first.source).toBe(file);
  });

  it('comes from HEADSTAMP_AUDIT_KEY before any file; a short one or a damaged file is refused', () => {
    const value = 'x'.repeat(40);
    expect(loadAuditKey({ value, file: join(dir, 'unused.key') }).source).toBe('HEADSTAMP_AUDIT_KEY');
    expect(() => loadAuditKey({ value: 'short' })).toThrow(/at least 32 characters/);
    writeFileSync(join(dir, 'bad.key'), 'abc\n');
    expect(() => loadAuditKey({ file: join(dir, 'bad.key') })).toThrow(/does not hold a key/);
  });
});

import { createHash, createHmac, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { breather, chunks, WRITE_CHUNK } from '../core/chunks';
import { canonicalJson } from '../core/json';
import type { Db, Tx } from '../db/store';
import type { ChangeAction, ChangeLog } from '../records/changes';
import { auditKeyOf, type AuditKey } from './audit-key';
import type { Checkpoint } from './checkpoints';

interface PendingEntry {
  entity: string;
  entity_key: string;
  action: ChangeAction;
  before: unknown;
  after: unknown;
}

export const GENESIS = '0'.repeat(64);

/**
 * The entry that switches the chain to keyed hashes: written (itself keyed) before the first
 * entry a process with an audit key appends to a log that had none. Entries before it keep their
 * plain SHA-256 hashes, so a store from before keys existed still verifies.
 */
export const KEY_SWITCH_ENTITY = 'audit_key';

/** SHA-256 without a key (the chain before its switch-over entry), HMAC-SHA-256 with one. */
function entryHash(
  prevHash: string,
  entry: PendingEntry & { at: Date; actor: string },
  key: AuditKey | undefined,
): string {
  const body = canonicalJson({
    at: entry.at.toISOString(),
    actor: entry.actor,
    action: entry.action,
    entity: entry.entity,
    entity_key: entry.entity_key,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
  const hash = key ? createHmac('sha256', key.secret) : createHash('sha256');
  return hash.update(prevHash).update('\n').update(body).digest('hex');
}

const isKeySwitch = (row: { entity: string; action: string }) =>
  row.entity === KEY_SWITCH_ENTITY && row.action === 'create';

/** Thrown when a process cannot extend the chain: no key for a keyed log, or another key. */
export class AuditKeyMismatch extends Error {
  override name = 'AuditKeyMismatch';
}

/**
 * Collects the changes of one transaction and appends them to the hash-chained audit log in
 * that same transaction, so a change and its audit entry commit or vanish together.
 */
export class AuditTrail implements ChangeLog {
  readonly #entries: PendingEntry[] = [];
  constructor(
    private readonly trx: Tx,
    readonly actor: string,
    /** The store's audit key; without one the chain is extended with plain hashes (tests). */
    private readonly key?: AuditKey,
  ) {}

  record(entity: string, entityKey: string, action: ChangeAction, before: unknown, after: unknown): void {
    this.#entries.push({ entity, entity_key: entityKey, action, before, after });
  }

  get size(): number {
    return this.#entries.length;
  }

  async flush(): Promise<void> {
    if (this.#entries.length === 0) return;
    // One writer at a time extends the chain, from this lock to the commit; readers are not
    // blocked. The lock and the head of the chain in one round trip (migration 0025).
    const { rows: heads } = await sql<{ hash: string | null; switched: string | null }>`
      select hash, switched from audit_log_lock_head(${KEY_SWITCH_ENTITY})`.execute(this.trx);
    const head = heads[0]!;
    let prevHash = head.hash ?? GENESIS;
    const switched = head.switched === null ? undefined : { entity_key: head.switched };
    const key = this.key;
    // Plain entries after keyed ones, or entries keyed by another key, would break the chain
    // for good: refuse the write instead.
    if (switched && !key)
      throw new AuditKeyMismatch(
        `the audit log is keyed (key ${switched.entity_key}) and this process has no audit key: nothing was written`,
      );
    if (switched && key && switched.entity_key !== key.fingerprint)
      throw new AuditKeyMismatch(
        `the audit log is keyed with key ${switched.entity_key} but this process has key ${key.fingerprint} (${key.source}): restore the key the store was keyed with; nothing was written`,
      );
    const entries = this.#entries.splice(0);
    if (key && !switched)
      entries.unshift({
        entity: KEY_SWITCH_ENTITY,
        entity_key: key.fingerprint,
        action: 'create',
        before: null,
        after: { fingerprint: key.fingerprint, hashes: 'HMAC-SHA-256 from this entry on' },
      });
    const at = new Date();
    // Hashing the entries of a large import takes seconds: other requests pass in between.
    const breathe = breather();
    const rows = [];
    for (const entry of entries) {
      await breathe();
      const hash = entryHash(prevHash, { ...entry, at, actor: this.actor }, key);
      const row = {
        at,
        actor: this.actor,
        action: entry.action,
        entity: entry.entity,
        entity_key: entry.entity_key,
        before: entry.before == null ? null : JSON.stringify(entry.before),
        after: entry.after == null ? null : JSON.stringify(entry.after),
        prev_hash: prevHash,
        hash,
      };
      prevHash = hash;
      rows.push(row);
    }
    for (const part of chunks(rows, WRITE_CHUNK))
      await this.trx.insertInto('audit_log').values(part).execute();
  }
}

/**
 * Runs one write in a transaction with its audit trail: the changes and their audit entries
 * commit or vanish together. Every write of the register goes through here.
 */
export async function audited<T>(
  db: Db,
  actor: string,
  write: (trx: Tx, audit: AuditTrail) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const audit = new AuditTrail(trx, actor, auditKeyOf(db));
    const result = await write(trx, audit);
    await audit.flush();
    return result;
  });
}

/**
 * Records that data left the register (an export, a report, a case file's documents). The log
 * records changes as create/update/delete; an export is logged as the creation of an entry of
 * entity "export", which needs no new action in the log's schema. Returns the entry's key.
 */
export async function auditExport(db: Db, actor: string, details: Record<string, unknown>): Promise<string> {
  const key = randomUUID();
  await audited(db, actor, async (_trx, audit) => audit.record('export', key, 'create', null, details));
  return key;
}

export interface AuditVerification {
  ok: boolean;
  /** Entries verified (all of them when ok). */
  entries: number;
  /** The first entry whose content or link does not match the chain, or the checkpoint. */
  brokenAt?: { id: number; reason: string };
  /** The switch-over entry, when the log is keyed: it and every entry after it carry HMACs. */
  keyedFrom?: number;
  /** How the log compares with the checkpoint given: still holds it, cut short, or rewritten. */
  checkpoint?: 'matches' | 'truncated' | 'rewritten';
}

export interface VerifyOptions {
  /** The store's audit key; by default the one the store was opened with. */
  key?: AuditKey;
  /** A signed record of the head at some moment (checkpoints.ts), checked before being given. */
  checkpoint?: Checkpoint;
  /**
   * Verify only the entries after this checkpoint, trusting those it covers once the entry it
   * recorded is found unchanged: how a checkpoint is extended without reading the whole log.
   */
  since?: Checkpoint;
}

/**
 * Recomputes the chain: an edited, inserted or deleted entry breaks it from that point. Without
 * the key, whoever can write the database could recompute every plain hash after an edit or
 * delete the last entries; the keyed part of the chain and the checkpoint catch that.
 */
export async function verifyAuditLog(db: Db, options: VerifyOptions = {}): Promise<AuditVerification> {
  const key = options.key ?? auditKeyOf(db);
  const checkpoint = options.checkpoint;
  let prevHash = GENESIS;
  let entries = 0;
  let afterId = 0;
  let keyedFrom: number | undefined;
  let checkpointSeen = false;
  if (options.since) {
    const since = options.since;
    const row = await db
      .selectFrom('audit_log')
      .select(['hash'])
      .where('id', '=', since.id)
      .executeTakeFirst();
    const switched = await db
      .selectFrom('audit_log')
      .select('id')
      .where('entity', '=', KEY_SWITCH_ENTITY)
      .where('action', '=', 'create')
      .where('id', '<=', since.id)
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    if (row?.hash !== since.hash)
      return {
        ok: false,
        entries: 0,
        brokenAt: {
          id: since.id,
          reason: row
            ? `the hash of entry ${since.id} differs from the one recorded by the checkpoint of ${since.at}: the log was rewritten`
            : `entry ${since.id}, recorded by the checkpoint of ${since.at}, is missing: the log was cut or rewritten`,
        },
        checkpoint: row ? 'rewritten' : 'truncated',
      };
    prevHash = since.hash;
    entries = since.count;
    afterId = since.id;
    keyedFrom = switched?.id;
  }
  const broken = (id: number, reason: string, found?: 'truncated' | 'rewritten'): AuditVerification => ({
    ok: false,
    entries,
    brokenAt: { id, reason },
    keyedFrom,
    checkpoint: found,
  });
  const atCheckpoint = checkpoint ? ` recorded by the checkpoint of ${checkpoint.at}` : '';
  for (;;) {
    const batch = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(5000)
      .execute();
    if (batch.length === 0) break;
    for (const row of batch) {
      if (isKeySwitch(row)) {
        if (!key)
          return broken(
            row.id,
            `the log is keyed from this entry on (key ${row.entity_key}) and no audit key was given: set HEADSTAMP_AUDIT_KEY or HEADSTAMP_AUDIT_KEY_FILE`,
          );
        if (row.entity_key !== key.fingerprint)
          return broken(
            row.id,
            `the log is keyed with key ${row.entity_key}, not with the key given (${key.fingerprint}, ${key.source})`,
          );
        keyedFrom ??= row.id;
      }
      if (row.prev_hash !== prevHash) return broken(row.id, 'link to the previous entry is broken');
      const expected = entryHash(
        prevHash,
        {
          at: row.at,
          actor: row.actor,
          action: row.action,
          entity: row.entity,
          entity_key: row.entity_key,
          before: row.before,
          after: row.after,
        },
        keyedFrom === undefined ? undefined : key,
      );
      if (expected !== row.hash) return broken(row.id, 'content does not match its hash');
      if (checkpoint && !checkpointSeen && row.id >= checkpoint.id) {
        // The chain holds up to here, yet differs from what the checkpoint saw: everything up to
        // the checkpoint was recomputed (plain hashes need no key) or entries were slipped in.
        if (row.id > checkpoint.id)
          return broken(
            checkpoint.id,
            `entry ${checkpoint.id}${atCheckpoint} is missing: the log was rewritten`,
            'rewritten',
          );
        if (row.hash !== checkpoint.hash)
          return broken(
            row.id,
            `the hash of entry ${row.id} differs from the one${atCheckpoint}: the log was rewritten at or before it`,
            'rewritten',
          );
        if (entries + 1 !== checkpoint.count)
          return broken(
            row.id,
            `${entries + 1} entries up to entry ${row.id}, but ${checkpoint.count}${atCheckpoint}: the log was rewritten`,
            'rewritten',
          );
        checkpointSeen = true;
      }
      prevHash = row.hash;
      entries++;
      afterId = row.id;
    }
  }
  if (checkpoint && !checkpointSeen)
    return broken(
      checkpoint.id,
      `the log ends at entry ${afterId} (${entries} entries), but the checkpoint of ${checkpoint.at} recorded ${checkpoint.count} entries up to entry ${checkpoint.id}: entries were deleted from its end`,
      'truncated',
    );
  return { ok: true, entries, keyedFrom, checkpoint: checkpoint ? 'matches' : undefined };
}

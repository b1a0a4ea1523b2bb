import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { canonicalJson } from '../core/json';
import type { Db, Tx } from '../db/store';
import type { ChangeAction, ChangeLog } from '../records/changes';

interface PendingEntry {
  entity: string;
  entity_key: string;
  action: ChangeAction;
  before: unknown;
  after: unknown;
}

const GENESIS = '0'.repeat(64);

function entryHash(prevHash: string, entry: PendingEntry & { at: Date; actor: string }): string {
  const body = canonicalJson({
    at: entry.at.toISOString(),
    actor: entry.actor,
    action: entry.action,
    entity: entry.entity,
    entity_key: entry.entity_key,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
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
  ) {}

  record(entity: string, entityKey: string, action: ChangeAction, before: unknown, after: unknown): void {
    this.#entries.push({ entity, entity_key: entityKey, action, before, after });
  }

  get size(): number {
    return this.#entries.length;
  }

  async flush(): Promise<void> {
    if (this.#entries.length === 0) return;
    // One writer at a time extends the chain; readers are not blocked.
    await sql`lock table audit_log in share row exclusive mode`.execute(this.trx);
    const last = await this.trx
      .selectFrom('audit_log')
      .select('hash')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    let prevHash = last?.hash ?? GENESIS;
    const at = new Date();
    const rows = this.#entries.splice(0).map((entry) => {
      const hash = entryHash(prevHash, { ...entry, at, actor: this.actor });
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
      return row;
    });
    for (let i = 0; i < rows.length; i += 500) {
      await this.trx
        .insertInto('audit_log')
        .values(rows.slice(i, i + 500))
        .execute();
    }
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
    const audit = new AuditTrail(trx, actor);
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
  entries: number;
  /** The first entry whose content or link does not match the chain. */
  brokenAt?: { id: number; reason: string };
}

/** Recomputes the chain: an edited, inserted or deleted entry breaks it from that point. */
export async function verifyAuditLog(db: Db): Promise<AuditVerification> {
  let prevHash = GENESIS;
  let entries = 0;
  let afterId = 0;
  for (;;) {
    const batch = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(5000)
      .execute();
    if (batch.length === 0) return { ok: true, entries };
    for (const row of batch) {
      if (row.prev_hash !== prevHash)
        return {
          ok: false,
          entries,
          brokenAt: { id: row.id, reason: 'link to the previous entry is broken' },
        };
      const expected = entryHash(prevHash, {
        at: row.at,
        actor: row.actor,
        action: row.action,
        entity: row.entity,
        entity_key: row.entity_key,
        before: row.before,
        after: row.after,
      });
      if (expected !== row.hash)
        return { ok: false, entries, brokenAt: { id: row.id, reason: 'content does not match its hash' } };
      prevHash = row.hash;
      entries++;
      afterId = row.id;
    }
  }
}

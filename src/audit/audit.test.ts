import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/store';
import {
  countRows,
  noRows,
  csvFile,
  incidentRow,
  registerFiles,
  SEVARE,
  smallRegister,
} from '../test/fixtures';
import { emptiedStorePerTest } from '../test/store';
import { formatProblem, importFiles, type ImportInput } from '../transfer/import';
import { canonicalJson } from '../core/json';
import { AuditTrail, verifyAuditLog } from './audit';

let db: Db;
emptiedStorePerTest((opened) => (db = opened));

async function importOk(inputs: ImportInput[], user = 'analyst@jmac') {
  const report = await importFiles(db, inputs, { user });
  expect(report.errors.map(formatProblem)).toEqual([]);
  return report;
}

const auditRows = () => db.selectFrom('audit_log').selectAll().orderBy('id').execute();

/** Runs `change` with the append-only trigger off, as someone with direct database access could. */
async function withTriggerDisabled(change: () => Promise<unknown>) {
  await sql`alter table audit_log disable trigger audit_log_append_only`.execute(db);
  try {
    await change();
  } finally {
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(db);
  }
}

describe('audit entries written by imports', () => {
  it('writes one entry per created record, by the importing user, chained from the genesis hash', async () => {
    await importOk(registerFiles());
    const rows = await auditRows();
    expect(rows.map((r) => [r.entity, r.entity_key, r.action])).toEqual([
      ['actor', 'JNIM', 'create'],
      ['actor', 'Katibat Macina', 'create'],
      ['incident', SEVARE, 'create'],
      ['incident', '160900 Assassination, Sofara', 'create'],
      ['incident', '210814 IED attack, Kidal', 'create'],
      ['item', 'M-00001', 'create'],
      ['item', 'M-00002', 'create'],
      ['item', 'M-00003', 'create'],
      ['item', 'M-00004', 'create'],
      ['baseline', 'fama|ml|weapon|akm|7 62x39|izhmash|su|1976|', 'create'],
      ['embargo', 'ISIL (Da’esh) and Al-Qaida sanctions', 'create'],
      ['embargo', 'Côte d’Ivoire arms embargo (UNSC 1572)', 'create'],
    ]);
    expect(rows.every((r) => r.actor === 'analyst@jmac' && r.before === null && r.after !== null)).toBe(true);
    expect(rows[0]!.prev_hash).toBe('0'.repeat(64));
    rows.slice(1).forEach((row, i) => expect(row.prev_hash).toBe(rows[i]!.hash));
    expect(rows[2]!.after).toMatchObject({
      ref: SEVARE,
      killed: 13,
      actor: 'Katibat Macina',
      type: 'complex_attack',
    });
  });

  it('writes no entry for a rejected import, a dry run or a re-import that changes nothing', async () => {
    await importFiles(db, [csvFile('incidents.csv', [incidentRow({ country: 'Narnia' })])], { user: 'x' });
    await importFiles(db, registerFiles(), { user: 'x', dryRun: true });
    expect(await countRows(db)).toMatchObject({ incidents: 0, audit_log: 0 });
    await importOk(registerFiles());
    await importOk(registerFiles());
    expect((await countRows(db)).audit_log).toBe(12);
  });

  it('rolls the audit entries back with the data when the import fails in the database', async () => {
    // Embargoes are written last: failing there must take the actors, incidents and items
    // written before it in the same transaction, and their audit entries, with it.
    await sql
      .raw(
        `
      create function refuse_embargo() returns trigger as $$ begin raise exception 'disk full'; end $$ language plpgsql;
      create trigger refuse_embargo before insert on embargoes for each row execute function refuse_embargo();
    `,
      )
      .execute(db);
    try {
      await expect(importFiles(db, registerFiles(), { user: 'x' })).rejects.toThrow(/disk full/);
    } finally {
      await sql.raw('drop trigger refuse_embargo on embargoes; drop function refuse_embargo();').execute(db);
    }
    expect(await countRows(db)).toEqual(noRows);
  });

  it('records an update with the record before and after', async () => {
    await importOk(registerFiles());
    const register = smallRegister();
    register.incidents[0] = { ...register.incidents[0]!, injured: '6' };
    await importOk(registerFiles(register), 'reviewer');
    const last = (await auditRows()).at(-1)!;
    expect(last).toMatchObject({
      actor: 'reviewer',
      action: 'update',
      entity: 'incident',
      entity_key: SEVARE,
    });
    expect(last.before).toMatchObject({ injured: 4 });
    expect(last.after).toMatchObject({ injured: 6 });
    expect(canonicalJson({ ...(last.before as object), injured: 6 })).toBe(canonicalJson(last.after));
  });
});

describe('AuditTrail', () => {
  it('writes in the caller’s transaction: entries vanish with a rolled-back change', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        const audit = new AuditTrail(trx, 'test');
        audit.record('incident', 'X1', 'create', null, { ref: 'X1' });
        await audit.flush();
        expect((await trx.selectFrom('audit_log').select('id').execute()).length).toBe(1);
        throw new Error('abandon');
      }),
    ).rejects.toThrow('abandon');
    expect((await countRows(db)).audit_log).toBe(0);
  });

  it('does nothing when flushed with no entries', async () => {
    await db.transaction().execute(async (trx) => new AuditTrail(trx, 'test').flush());
    expect((await countRows(db)).audit_log).toBe(0);
  });
});

describe('verifyAuditLog', () => {
  it('finds an empty log intact', async () => {
    expect(await verifyAuditLog(db)).toEqual({ ok: true, entries: 0 });
  });

  it('finds the log of a fresh import intact', async () => {
    await importOk(registerFiles());
    expect(await verifyAuditLog(db)).toEqual({ ok: true, entries: 12 });
  });

  it('follows the chain across imports by different users', async () => {
    await importOk(registerFiles(), 'a');
    const register = smallRegister();
    register.incidents[1] = { ...register.incidents[1]!, summary: 'new witness statement' };
    register.items.push({ ...register.items[3]!, ref: 'M-00005', quantity: '2' });
    await importOk(registerFiles(register), 'b');
    expect(await verifyAuditLog(db)).toEqual({ ok: true, entries: 14 });
  });
});

describe('tampering with the audit log', () => {
  beforeEach(async () => {
    await importOk(registerFiles());
  });

  it('refuses an UPDATE of an entry through SQL', async () => {
    await expect(sql`update audit_log set actor = 'someone else' where id = 3`.execute(db)).rejects.toThrow(
      /audit_log is append-only/,
    );
    expect(await verifyAuditLog(db)).toEqual({ ok: true, entries: 12 });
  });

  it('refuses a DELETE of an entry through SQL', async () => {
    await expect(sql`delete from audit_log where id = 3`.execute(db)).rejects.toThrow(
      /audit_log is append-only/,
    );
    expect((await countRows(db)).audit_log).toBe(12);
  });

  it('refuses a TRUNCATE of the log', async () => {
    await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/audit_log is append-only/);
    expect(await verifyAuditLog(db)).toEqual({ ok: true, entries: 12 });
  });

  it('reports the entry whose content was edited behind the trigger’s back', async () => {
    await withTriggerDisabled(() =>
      sql`update audit_log set after = jsonb_set(after, '{killed}', '3') where id = 3`.execute(db),
    );
    expect(await verifyAuditLog(db)).toEqual({
      ok: false,
      entries: 2,
      brokenAt: { id: 3, reason: 'content does not match its hash' },
    });
  });

  it('reports an edited author or time', async () => {
    await withTriggerDisabled(() =>
      sql`update audit_log set actor = 'someone else' where id = 7`.execute(db),
    );
    expect((await verifyAuditLog(db)).brokenAt).toEqual({ id: 7, reason: 'content does not match its hash' });
    await withTriggerDisabled(() =>
      sql`update audit_log set actor = 'analyst@jmac' where id = 7`.execute(db),
    );
    expect(await verifyAuditLog(db)).toEqual({ ok: true, entries: 12 });
    await withTriggerDisabled(() =>
      sql`update audit_log set at = at - interval '1 day' where id = 5`.execute(db),
    );
    expect((await verifyAuditLog(db)).brokenAt).toEqual({ id: 5, reason: 'content does not match its hash' });
  });

  it('reports a deleted entry at the entry after it', async () => {
    await withTriggerDisabled(() => sql`delete from audit_log where id = 6`.execute(db));
    expect(await verifyAuditLog(db)).toEqual({
      ok: false,
      entries: 5,
      brokenAt: { id: 7, reason: 'link to the previous entry is broken' },
    });
  });

  it('reports an edited entry whose own hash was recomputed, at the entry that links to it', async () => {
    // Whoever edits an entry and recomputes its hash still breaks the next entry's link.
    const row = (await auditRows())[2]!;
    const after = { ...(row.after as Record<string, unknown>), killed: 3 };
    const body = canonicalJson({
      at: row.at.toISOString(),
      actor: row.actor,
      action: row.action,
      entity: row.entity,
      entity_key: row.entity_key,
      before: row.before ?? null,
      after,
    });
    const hash = createHash('sha256').update(row.prev_hash).update('\n').update(body).digest('hex');
    await withTriggerDisabled(() =>
      sql`update audit_log set after = ${JSON.stringify(after)}::jsonb, hash = ${hash} where id = ${row.id}`.execute(
        db,
      ),
    );
    expect(await verifyAuditLog(db)).toEqual({
      ok: false,
      entries: 3,
      brokenAt: { id: 4, reason: 'link to the previous entry is broken' },
    });
  });

  it('reports a forged entry appended without the chain', async () => {
    await sql`
      insert into audit_log (at, actor, action, entity, entity_key, before, after, prev_hash, hash)
      values (now(), 'intruder', 'delete', 'incident', ${SEVARE}, null, null, ${'0'.repeat(64)}, ${'a'.repeat(64)})`.execute(
      db,
    );
    expect(await verifyAuditLog(db)).toEqual({
      ok: false,
      entries: 12,
      brokenAt: { id: 13, reason: 'link to the previous entry is broken' },
    });
  });
});

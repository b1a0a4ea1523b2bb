import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { canonicalJson } from '../core/json';
import type { Db } from '../db/store';
import type { AuditKey } from './audit-key';
import { verifyAuditLog } from './audit';

/**
 * Signed records of the audit log's head, kept outside the database. The chain alone cannot show
 * that its last entries were deleted (what is left still links up), nor, before the log was keyed,
 * that it was rewritten and its plain hashes recomputed; a checkpoint written earlier can. Each is
 * signed with an HMAC of the audit key, so that someone with database access alone cannot forge
 * one that fits a rewritten log.
 */

const CHECKPOINT_FORMAT = 'headstamp-audit-checkpoint';

const checkpointSchema = z
  .object({
    format: z.literal(CHECKPOINT_FORMAT),
    version: z.literal(1),
    /** The last entry of the log when the checkpoint was taken. */
    id: z.number().int().positive(),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    /** Entries up to and including `id`. */
    count: z.number().int().positive(),
    /** When the checkpoint was taken (ISO 8601). */
    at: z.string(),
    /** The fingerprint of the key that signed it. */
    key: z.string(),
    mac: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();

export type Checkpoint = z.infer<typeof checkpointSchema>;

export interface AuditHead {
  id: number;
  hash: string;
  count: number;
}

/** The log's last entry and how many there are, or nothing when the log is empty. */
export async function auditHead(db: Db): Promise<AuditHead | undefined> {
  const last = await db
    .selectFrom('audit_log')
    .select(['id', 'hash'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!last) return undefined;
  const { count } = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('id', '<=', last.id)
    .executeTakeFirstOrThrow();
  return { id: last.id, hash: last.hash, count: Number(count) };
}

function macOf(fields: Omit<Checkpoint, 'mac'>, key: AuditKey): string {
  // A purpose prefix keeps a checkpoint's MAC from ever equalling an entry's hash.
  return createHmac('sha256', key.secret)
    .update('headstamp audit checkpoint\n')
    .update(canonicalJson(fields))
    .digest('hex');
}

export function signCheckpoint(head: AuditHead, key: AuditKey, at = new Date()): Checkpoint {
  const fields = {
    format: CHECKPOINT_FORMAT,
    version: 1,
    id: head.id,
    hash: head.hash,
    count: head.count,
    at: at.toISOString(),
    key: key.fingerprint,
  } as const;
  return { ...fields, mac: macOf(fields, key) };
}

/** A checkpoint read from text, or why it cannot be trusted. */
export function readCheckpoint(text: string, key: AuditKey): Checkpoint | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { error: 'not JSON' };
  }
  const parsed = checkpointSchema.safeParse(json);
  if (!parsed.success) return { error: 'not a Headstamp audit checkpoint' };
  const { mac, ...fields } = parsed.data;
  if (fields.key !== key.fingerprint)
    return { error: `signed with another key (${fields.key}, not ${key.fingerprint})` };
  const expected = Buffer.from(macOf(fields, key), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(mac, 'hex'))) return { error: 'its signature does not match' };
  return parsed.data;
}

const fileName = (c: Checkpoint) => `audit-checkpoint-${c.at.replace(/[:.]/g, '-')}-${c.id}.json`;

/** Writes a checkpoint file, whole or not at all. Returns its path. */
export function writeCheckpointFile(path: string, checkpoint: Checkpoint): string {
  const partial = `${path}.partial-${process.pid}`;
  writeFileSync(partial, `${JSON.stringify(checkpoint, null, 2)}\n`);
  renameSync(partial, path);
  return path;
}

export interface CheckpointFolder {
  /** The latest trustworthy checkpoint: the one of the highest entry. */
  latest?: Checkpoint;
  /** Files that are not checkpoints of this key, or whose signature fails: worth a look. */
  rejected: { file: string; error: string }[];
}

export function readCheckpointFolder(dir: string, key: AuditKey): CheckpointFolder {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { rejected: [] };
    throw error;
  }
  const folder: CheckpointFolder = { rejected: [] };
  for (const name of names.sort()) {
    const file = join(dir, name);
    const read = readCheckpoint(readFileSync(file, 'utf8'), key);
    if ('error' in read) folder.rejected.push({ file, error: read.error });
    else if (!folder.latest || read.id > folder.latest.id) folder.latest = read;
  }
  return folder;
}

/**
 * Signs the head of the log (or the head given: that of a backup's snapshot) into the folder,
 * unless the latest checkpoint there already holds it. Returns the checkpoint of that head, and
 * the file when one was written.
 */
export async function checkpointAuditLog(
  db: Db,
  key: AuditKey,
  dir: string | undefined,
  head?: AuditHead,
): Promise<{ checkpoint: Checkpoint; file?: string } | undefined> {
  const at = head ?? (await auditHead(db));
  if (!at) return undefined;
  const { latest } = dir ? readCheckpointFolder(dir, key) : { latest: undefined };
  if (latest && latest.id === at.id && latest.hash === at.hash) return { checkpoint: latest };
  // Never sign a log that does not verify: the checkpoint would vouch for the tampering. Only
  // what was appended since the last checkpoint is read again.
  const verified = await verifyAuditLog(db, {
    key,
    since: latest && latest.id <= at.id ? latest : undefined,
  });
  if (!verified.ok)
    throw new Error(
      `the audit log does not verify (entry ${verified.brokenAt?.id}: ${verified.brokenAt?.reason}); no checkpoint was written`,
    );
  const checkpoint = signCheckpoint(at, key);
  if (!dir) return { checkpoint };
  mkdirSync(dir, { recursive: true });
  return { checkpoint, file: writeCheckpointFile(join(dir, fileName(checkpoint)), checkpoint) };
}

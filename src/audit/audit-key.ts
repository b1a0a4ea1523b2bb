import { createHmac, randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Db } from '../db/store';

/**
 * The secret that keys the audit chain. Kept outside the database (an environment variable or a
 * file beside the store, never in a backup), so that someone who can rewrite the database cannot
 * recompute the chain: plain SHA-256 hashes anyone can recompute; HMACs only the key's holder.
 */
export interface AuditKey {
  secret: Buffer;
  /** Names the key without revealing it: written in the log's switch-over entry and checkpoints. */
  fingerprint: string;
  /** Where it came from, for messages. */
  source: string;
}

export interface AuditKeySource {
  /** HEADSTAMP_AUDIT_KEY: the secret itself, at least 32 characters. */
  value?: string;
  /** HEADSTAMP_AUDIT_KEY_FILE: read, or created with a random key on first start. */
  file?: string;
}

const KEY_BYTES = 32;

export function auditKeyFrom(secret: Buffer, source: string): AuditKey {
  const fingerprint = createHmac('sha256', secret).update('headstamp audit key fingerprint').digest('hex');
  return { secret, fingerprint: fingerprint.slice(0, 16), source };
}

/**
 * The key from the environment, else from its file, else a new random one written to that file
 * (readable by its owner only). Without either, an ephemeral key for stores that vanish with the
 * process (`memory://`).
 */
export function loadAuditKey(from: AuditKeySource): AuditKey {
  if (from.value !== undefined) {
    if (from.value.length < 32)
      throw new Error('HEADSTAMP_AUDIT_KEY: use at least 32 characters (e.g. `openssl rand -base64 32`)');
    return auditKeyFrom(Buffer.from(from.value, 'utf8'), 'HEADSTAMP_AUDIT_KEY');
  }
  if (!from.file) return auditKeyFrom(randomBytes(KEY_BYTES), 'a key of this process only');
  const file = from.file;
  try {
    return parseKeyFile(readFileSync(file, 'utf8'), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(file), { recursive: true });
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return parseKeyFile(readFileSync(file, 'utf8'), file);
    throw error;
  }
  const secret = randomBytes(KEY_BYTES);
  try {
    writeSync(fd, `${secret.toString('base64')}\n`);
  } finally {
    closeSync(fd);
  }
  return auditKeyFrom(secret, file);
}

function parseKeyFile(text: string, file: string): AuditKey {
  const secret = Buffer.from(text.trim(), 'base64');
  if (secret.length < KEY_BYTES)
    throw new Error(
      `the audit key file ${file} does not hold a key (${KEY_BYTES} bytes, base64): restore it from where you keep it`,
    );
  return auditKeyFrom(secret, file);
}

// The key of each open store, set once when the store opens (`openStore`): every write path
// reaches `audited(db, …)` with the store's Db, so none of them has to carry the key along.
const keys = new WeakMap<Db, AuditKey>();

/** Sets the store's key (none: plain hashes, as before keys existed; tests only). */
export function useAuditKey(db: Db, key: AuditKey | undefined): void {
  if (key) keys.set(db, key);
  else keys.delete(db);
}

export function auditKeyOf(db: Db): AuditKey | undefined {
  return keys.get(db);
}

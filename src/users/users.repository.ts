import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import { roles, type Viewer } from '../access/policy';
import { AuditTrail } from '../audit/audit';
import type { Db } from '../db/store';

export const newUserSchema = z
  .object({
    username: z
      .string()
      .trim()
      .regex(/^[a-z0-9._-]{2,64}$/i, 'use 2–64 letters, digits, dots, dashes or underscores'),
    displayName: z.string().trim().min(1).max(200),
    role: z.enum(roles),
    partner: z.string().trim().min(1).max(200).nullable().default(null),
    password: z.string().min(12, 'use at least 12 characters').max(1024),
  })
  .strict()
  .refine((u) => (u.role === 'partner') === (u.partner !== null), {
    message: 'a partner account needs its organisation (partner), and only a partner account has one',
    path: ['partner'],
  });
export type NewUser = z.input<typeof newUserSchema>;

export const SESSION_HOURS = 12;

// argon2id with the library's defaults (19 MiB, 2 passes): OWASP's minimum recommendation.
const hashPassword = (password: string) => hash(password, { algorithm: 2 });
const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = (prefix: string) => `${prefix}${randomBytes(32).toString('base64url')}`;

export async function createUser(
  db: Db,
  input: NewUser,
  by: string,
): Promise<{ id: number; username: string }> {
  const user = newUserSchema.parse(input);
  const password_hash = await hashPassword(user.password);
  return db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('users')
      .select('id')
      .where('username', '=', user.username)
      .executeTakeFirst();
    if (taken) throw new UserExists(user.username);
    const row = await trx
      .insertInto('users')
      .values({
        username: user.username,
        display_name: user.displayName,
        role: user.role,
        partner: user.partner,
        password_hash,
      })
      .returning(['id', 'username'])
      .executeTakeFirstOrThrow();
    const audit = new AuditTrail(trx, by);
    audit.record('user', user.username, 'create', null, {
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      partner: user.partner,
    });
    await audit.flush();
    return row;
  });
}

export class UserExists extends Error {
  constructor(username: string) {
    super(`a user named "${username}" already exists`);
  }
}

const toViewer = (u: {
  id: number;
  username: string;
  role: Viewer['role'];
  partner: string | null;
}): Viewer => ({
  userId: u.id,
  username: u.username,
  role: u.role,
  partner: u.partner,
});

// Verifying against a fixed hash when the user does not exist keeps the answer time the same,
// so response times do not tell which usernames exist.
let decoyHash: Promise<string> | undefined;

export async function authenticate(db: Db, username: string, password: string): Promise<Viewer | undefined> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'username', 'role', 'partner', 'password_hash', 'disabled'])
    .where('username', '=', username)
    .executeTakeFirst();
  decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
  const ok = await verify(user?.password_hash ?? (await decoyHash), password);
  return ok && user && !user.disabled ? toViewer(user) : undefined;
}

export async function openSession(db: Db, viewer: Viewer): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken('');
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
  await db
    .insertInto('sessions')
    .values({ token_hash: tokenHash(token), user_id: viewer.userId!, expires_at: expiresAt })
    .execute();
  return { token, expiresAt };
}

export async function closeSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash(token)).execute();
}

export async function viewerFromSession(db: Db, token: string): Promise<Viewer | undefined> {
  const user = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.username', 'users.role', 'users.partner'])
    .where('sessions.token_hash', '=', tokenHash(token))
    .where('sessions.expires_at', '>', new Date())
    .where('users.disabled', '=', false)
    .executeTakeFirst();
  return user ? toViewer(user) : undefined;
}

/** API tokens for scripts start with `hst_`; only their hash is kept. */
export async function createApiToken(db: Db, viewer: Viewer, name: string): Promise<string> {
  const token = newToken('hst_');
  await db
    .insertInto('api_tokens')
    .values({ user_id: viewer.userId!, name, token_hash: tokenHash(token) })
    .execute();
  return token;
}

export async function viewerFromApiToken(db: Db, token: string): Promise<Viewer | undefined> {
  const user = await db
    .updateTable('api_tokens')
    .set({ last_used_at: new Date() })
    .from('users')
    .whereRef('users.id', '=', 'api_tokens.user_id')
    .where('api_tokens.token_hash', '=', tokenHash(token))
    .where('users.disabled', '=', false)
    .returning(['users.id', 'users.username', 'users.role', 'users.partner'])
    .executeTakeFirst();
  return user ? toViewer(user) : undefined;
}

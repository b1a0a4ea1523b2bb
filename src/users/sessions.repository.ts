import { createHash, randomBytes } from 'node:crypto';
import type { Viewer } from '../access/policy';
import type { Db } from '../db/store';
import { verifyPassword } from './passwords';

export const SESSION_HOURS = 12;

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = (prefix: string) => `${prefix}${randomBytes(32).toString('base64url')}`;

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

export async function authenticate(db: Db, username: string, password: string): Promise<Viewer | undefined> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'username', 'role', 'partner', 'password_hash', 'disabled'])
    .where('username', '=', username)
    .executeTakeFirst();
  const ok = await verifyPassword(user?.password_hash, password);
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

import { createHash, randomBytes } from 'node:crypto';
import { may, requireThat, type Viewer } from '../access/policy';
import { audited } from '../audit/audit';
import { NotFound } from '../core/errors';
import type { Db } from '../db/store';
import { TOKEN_DAYS } from './token-lifetime';

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface TokenView {
  id: number;
  name: string;
  username: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
}

/** How the audit log names a token: never by its secret, which is stored only as a hash. */
const tokenKey = (id: number, username: string, name: string) => `${username}: ${name} (#${id})`;

/**
 * Mints an API token (`hst_…`) for `owner`, shown once; only its hash is kept. Audited as the
 * work of `by`: the owner over the API, the operator at the command line.
 */
export async function createApiToken(
  db: Db,
  owner: Pick<Viewer, 'userId' | 'username' | 'role'>,
  input: { name: string; days?: number },
  by: string,
): Promise<{ token: string; view: TokenView }> {
  requireThat(may.mintTokens(owner), 'hold API tokens');
  const days = input.days ?? TOKEN_DAYS.default;
  const token = `hst_${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(Date.now() + days * 86_400_000);
  const id = await audited(db, by, async (trx, audit) => {
    const row = await trx
      .insertInto('api_tokens')
      .values({
        user_id: owner.userId!,
        name: input.name,
        token_hash: tokenHash(token),
        expires_at: expiresAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    audit.record('api_token', tokenKey(row.id, owner.username, input.name), 'create', null, {
      name: input.name,
      user: owner.username,
      expiresAt: expiresAt.toISOString(),
    });
    return row.id;
  });
  const [view] = await tokenRows(db).where('api_tokens.id', '=', id).execute();
  return { token, view: toView(view!) };
}

function tokenRows(db: Db) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id',
      'api_tokens.name',
      'users.username',
      'api_tokens.created_at',
      'api_tokens.expires_at',
      'api_tokens.last_used_at',
      'api_tokens.revoked_at',
      'api_tokens.revoked_by',
    ])
    .orderBy('api_tokens.id');
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
function toView(r: Awaited<ReturnType<ReturnType<typeof tokenRows>['execute']>>[number]): TokenView {
  return {
    id: r.id,
    name: r.name,
    username: r.username,
    createdAt: iso(r.created_at)!,
    expiresAt: iso(r.expires_at)!,
    lastUsedAt: iso(r.last_used_at),
    revokedAt: iso(r.revoked_at),
    revokedBy: r.revoked_by,
  };
}

/** The tokens of an account (the viewer's own), or of every account for an administrator who asks. */
export async function listApiTokens(
  db: Db,
  viewer: Viewer,
  options: { all?: boolean; username?: string } = {},
) {
  let query = tokenRows(db);
  if (options.all || options.username !== undefined) {
    requireThat(may.manageUsers(viewer), "list others' API tokens");
    if (options.username !== undefined) query = query.where('users.username', '=', options.username);
  } else {
    query = query.where('api_tokens.user_id', '=', viewer.userId ?? -1);
  }
  return (await query.execute()).map(toView);
}

/**
 * Revokes a token at once (its next request gets 401). Its owner may revoke it, an
 * administrator any; someone else's token answers as if it did not exist.
 */
export async function revokeApiToken(db: Db, viewer: Viewer, id: number): Promise<TokenView> {
  const [row] = await tokenRows(db).where('api_tokens.id', '=', id).execute();
  const mine = row !== undefined && row.username === viewer.username && viewer.userId !== null;
  if (!row || !(mine || may.manageUsers(viewer))) throw new NotFound(`API token ${id}`);
  if (row.revoked_at === null) {
    await audited(db, viewer.username, async (trx, audit) => {
      await trx
        .updateTable('api_tokens')
        .set({ revoked_at: new Date(), revoked_by: viewer.username })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .execute();
      audit.record('api_token', tokenKey(id, row.username, row.name), 'delete', { name: row.name }, null);
    });
  }
  const [after] = await tokenRows(db).where('api_tokens.id', '=', id).execute();
  return toView(after!);
}

/**
 * Who a bearer token speaks for, or undefined when it is unknown, expired, revoked, or its
 * account disabled or no longer allowed tokens: every request checks all of these, so a revoked
 * token or a disabled account stops at its next request. Use is audited once per token per UTC
 * day: `last_used_at` says when it was last used, the log keeps on which days it was, in the
 * chain, at one entry a day rather than one per request of a busy script.
 */
export async function viewerFromApiToken(db: Db, token: string): Promise<Viewer | undefined> {
  const now = new Date();
  const user = await db
    .updateTable('api_tokens')
    .set({ last_used_at: now })
    .from('users')
    .whereRef('users.id', '=', 'api_tokens.user_id')
    .where('api_tokens.token_hash', '=', tokenHash(token))
    .where('api_tokens.revoked_at', 'is', null)
    .where('api_tokens.expires_at', '>', now)
    .where('users.disabled', '=', false)
    .where('users.role', '<>', 'partner')
    .returning([
      'api_tokens.last_used_on',
      'api_tokens.id as tokenId',
      'api_tokens.name',
      'users.id',
      'users.username',
      'users.role',
      'users.partner',
    ])
    .executeTakeFirst();
  if (!user) return undefined;
  const day = now.toISOString().slice(0, 10);
  if (user.last_used_on !== day)
    await audited(db, user.username, async (trx, audit) => {
      // Only the request that moves the day on writes the entry, even when several race for it.
      const first = await trx
        .updateTable('api_tokens')
        .set({ last_used_on: day })
        .where('id', '=', user.tokenId)
        .where((eb) => eb.or([eb('last_used_on', 'is', null), eb('last_used_on', '<>', day)]))
        .returning('id')
        .executeTakeFirst();
      if (first)
        audit.record('api_token_use', tokenKey(user.tokenId, user.username, user.name), 'create', null, {
          day,
        });
    });
  return { userId: user.id, username: user.username, role: user.role, partner: user.partner };
}

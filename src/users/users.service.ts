import { audited } from '../audit/audit';
import { Conflict, NotFound } from '../core/errors';
import type { Db } from '../db/store';
import { hashPassword } from './passwords';
import { newUserSchema, type NewUser } from './users.schema';

/**
 * Creates an account, audited as the work of `by`. Who may do so is the caller's to check: an
 * administrator over the API, the operator at the command line.
 */
export async function createUser(
  db: Db,
  input: NewUser,
  by: string,
): Promise<{ id: number; username: string }> {
  const user = newUserSchema.parse(input);
  const password_hash = await hashPassword(user.password);
  return audited(db, by, async (trx, audit) => {
    const taken = await trx
      .selectFrom('users')
      .select('id')
      .where('username', '=', user.username)
      .executeTakeFirst();
    if (taken) throw new Conflict(`a user named "${user.username}" already exists`);
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
    audit.record('user', user.username, 'create', null, {
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      partner: user.partner,
    });
    return row;
  });
}

/**
 * Disables an account or enables it again, audited as the work of `by`. A disabled account's
 * sessions are ended and its API tokens refused from its next request: every request checks
 * the account (sessions.repository.ts, tokens.service.ts), nothing caches it.
 */
export async function setUserDisabled(
  db: Db,
  username: string,
  disabled: boolean,
  by: string,
): Promise<void> {
  await audited(db, by, async (trx, audit) => {
    const user = await trx
      .selectFrom('users')
      .select(['id', 'disabled'])
      .where('username', '=', username)
      .executeTakeFirst();
    if (!user) throw new NotFound(`user "${username}"`);
    if (user.disabled === disabled) return;
    await trx.updateTable('users').set({ disabled }).where('id', '=', user.id).execute();
    if (disabled) await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    audit.record('user', username, 'update', { disabled: user.disabled }, { disabled });
  });
}

import { audited } from '../audit/audit';
import type { Viewer } from '../access/policy';
import { Conflict, Invalid, NotFound } from '../core/errors';
import type { Db } from '../db/store';
import { hashPassword } from './passwords';
import { newUserSchema, userRefusals, type NewUser, type UserChanges } from './users.schema';

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
 * Changes an account (see `userChangesSchema`), audited as the work of `by`. Disabling ends the
 * account's sessions, and a new role or organisation too (it signs in again as what it now is);
 * its API tokens are refused from its next request either way: every request checks the account
 * (sessions.repository.ts, tokens.service.ts), nothing caches it. An administrator may not
 * disable or demote themselves, and no one may leave the mission without an active administrator:
 * the administrators' rows are locked while this is checked, so two at once cannot both pass.
 */
export async function changeUser(
  db: Db,
  username: string,
  changes: UserChanges,
  by: Pick<Viewer, 'userId' | 'username'>,
): Promise<void> {
  await audited(db, by.username, async (trx, audit) => {
    const user = await trx
      .selectFrom('users')
      .select(['id', 'role', 'partner', 'disabled'])
      .where('username', '=', username)
      .forUpdate()
      .executeTakeFirst();
    if (!user) throw new NotFound(`user "${username}"`);
    const after = {
      disabled: changes.disabled ?? user.disabled,
      role: changes.role ?? user.role,
      partner:
        changes.partner !== undefined
          ? changes.partner
          : (changes.role ?? user.role) === 'partner'
            ? user.partner
            : null,
    };
    if ((after.role === 'partner') !== (after.partner !== null)) {
      throw new Invalid(
        after.role === 'partner'
          ? 'a partner account needs its organisation (partner)'
          : 'only a partner account has a partner organisation',
        { code: userRefusals.partner },
      );
    }
    const self = by.userId !== null && by.userId === user.id;
    if (self && after.disabled && !user.disabled) {
      throw new Conflict('you may not disable your own account: ask another administrator', {
        code: userRefusals.selfDisable,
      });
    }
    if (self && user.role === 'administrator' && after.role !== 'administrator') {
      throw new Conflict('you may not take away your own administrator role: ask another administrator', {
        code: userRefusals.selfDemote,
      });
    }
    const activeAdministrator = (u: { role: string; disabled: boolean }) =>
      u.role === 'administrator' && !u.disabled;
    if (activeAdministrator(user) && !activeAdministrator(after)) {
      const others = await trx
        .selectFrom('users')
        .select('id')
        .where('role', '=', 'administrator')
        .where('disabled', '=', false)
        .where('id', '<>', user.id)
        .forUpdate()
        .execute();
      if (others.length === 0) {
        throw new Conflict(
          `${username} is the last active administrator: make another account administrator first`,
          { code: userRefusals.lastAdministrator },
        );
      }
    }
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => after[k] !== user[k]);
    if (changed.length === 0) return;
    await trx.updateTable('users').set(after).where('id', '=', user.id).execute();
    if (after.disabled || changed.some((k) => k !== 'disabled')) {
      await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    }
    audit.record(
      'user',
      username,
      'update',
      Object.fromEntries(changed.map((k) => [k, user[k]])),
      Object.fromEntries(changed.map((k) => [k, after[k]])),
    );
  });
}

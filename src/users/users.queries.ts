import { may, requireThat, type Viewer } from '../access/policy';
import type { Db } from '../db/store';

/** Every account, for the administrators who manage them. */
export async function listUsers(db: Db, viewer: Viewer) {
  requireThat(may.manageUsers(viewer), 'manage users');
  const rows = await db
    .selectFrom('users')
    .select(['username', 'display_name', 'role', 'partner', 'disabled'])
    .orderBy('username')
    .execute();
  return rows.map((r) => ({
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    partner: r.partner,
    disabled: r.disabled,
  }));
}

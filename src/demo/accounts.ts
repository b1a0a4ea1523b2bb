import type { Role } from '../access/policy';
import type { Db } from '../db/store';
import { setRelease } from '../releases/releases.service';
import { createUser } from '../users/users.service';

/**
 * Accounts to try the demo with, one per role, created only in a register with no accounts.
 * Their passwords are public: a real deployment creates its own with `headstamp user add`.
 */
const PANEL = 'Panel of Experts on Mali';
const DEMO_RELEASED_SAMPLE = 'weapon:AKMS:ro-cugir:2011';

export const DEMO_ACCOUNTS: { username: string; password: string; role: Role; partner: string | null }[] = [
  { username: 'admin', password: 'demo-admin-password', role: 'administrator', partner: null },
  { username: 'analyst', password: 'demo-analyst-password', role: 'analyst', partner: null },
  { username: 'documenter', password: 'demo-documenter-password', role: 'documenter', partner: null },
  { username: 'reviewer', password: 'demo-reviewer-password', role: 'reviewer', partner: null },
  {
    username: 'panel',
    password: 'demo-panel-password',
    role: 'partner',
    partner: PANEL,
  },
];

export async function createDemoAccountsIfNone(db: Db): Promise<typeof DEMO_ACCOUNTS> {
  const any = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (any) return [];
  for (const a of DEMO_ACCOUNTS) {
    await createUser(
      db,
      {
        username: a.username,
        displayName: a.username,
        role: a.role,
        partner: a.partner,
        password: a.password,
      },
      'headstamp-demo',
    );
  }
  // The Panel has been sent the attacks linked by the AKMS rifles of one transfer.
  const released = await db
    .selectFrom('incidents')
    .select('ref')
    .where('id', 'in', (eb) =>
      eb.selectFrom('items').select('incident_id').where('sample_key', '=', DEMO_RELEASED_SAMPLE),
    )
    .execute();
  const admin = { userId: null, username: 'headstamp-demo', role: 'administrator', partner: null } as const;
  for (const { ref } of released) await setRelease(db, admin, ref, PANEL, true);
  return DEMO_ACCOUNTS;
}

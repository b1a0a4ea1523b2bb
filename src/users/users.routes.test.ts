import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { userCommand } from '../cli/commands/user';
import { commandLineStore } from '../test/cli';
import type { Db } from '../db/store';
import { Client, startServer, type TestServer } from '../test/server';

interface Account {
  username: string;
  role: string;
  partner: string | null;
  disabled: boolean;
}
interface Refusal {
  error: string;
  details?: { code?: string };
}

/** The accounts as stored and the audit log's length: "nothing changed" compares two. */
async function accounts(db: Db) {
  const users = await db
    .selectFrom('users')
    .select(['username', 'role', 'partner', 'disabled'])
    .orderBy('username')
    .execute();
  const audit = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return { users, audit: Number(audit?.n) };
}

describe('changing accounts: disabled, enabled, another role', () => {
  let server: TestServer;
  let admin: Client;
  beforeAll(async () => {
    server = await startServer();
    admin = await server.signIn('administrator', { username: 'chief' });
  });
  afterAll(() => server.close());

  const patch = (client: Client, username: string, body: unknown) =>
    client.request<Refusal>('PATCH', `/users/${encodeURIComponent(username)}`, body);
  const list = async () => (await admin.get<Account[]>('/users')).body;

  it('gives an account another role, ends its sessions, and audits it', async () => {
    const analyst = await server.signIn('analyst', { username: 'moving-analyst' });
    expect((await analyst.get('/case-files')).status).toBe(200);
    expect((await patch(admin, 'moving-analyst', { role: 'reviewer' })).status).toBe(200);
    expect((await list()).find((u) => u.username === 'moving-analyst')).toMatchObject({
      role: 'reviewer',
      partner: null,
      disabled: false,
    });
    // Its session ended: it signs in again as what it now is, and may no longer read case files.
    expect((await analyst.get('/auth/me')).status).toBe(401);
    await analyst.post('/auth/login', { username: 'moving-analyst', password: 'a long test password' });
    expect((await analyst.get<{ role: string }>('/auth/me')).body.role).toBe('reviewer');
    expect((await analyst.get('/case-files')).status).toBe(403);

    const audit = await server.store.db
      .selectFrom('audit_log')
      .select(['actor', 'before', 'after'])
      .where('entity', '=', 'user')
      .where('entity_key', '=', 'moving-analyst')
      .where('action', '=', 'update')
      .execute();
    expect(audit).toEqual([{ actor: 'chief', before: { role: 'analyst' }, after: { role: 'reviewer' } }]);
  });

  it('makes a partner account of another, with its organisation, and stops its API tokens', async () => {
    const documenter = await server.signIn('documenter', { username: 'seconded' });
    const token = (await documenter.post<{ token: string }>('/auth/tokens', { name: 'uploads' })).body.token;
    const bearer = new Client(server.url, { authorization: `Bearer ${token}` });
    expect((await bearer.get('/auth/me')).status).toBe(200);

    const before = await accounts(server.store.db);
    const missing = await patch(admin, 'seconded', { role: 'partner' });
    expect([missing.status, missing.body.details?.code]).toEqual([400, 'user.partner']);
    const stray = await patch(admin, 'seconded', { partner: 'Panel of Experts' });
    expect([stray.status, stray.body.details?.code]).toEqual([400, 'user.partner']);
    expect(await accounts(server.store.db)).toEqual(before);

    expect((await patch(admin, 'seconded', { role: 'partner', partner: 'Panel of Experts' })).status).toBe(
      200,
    );
    expect((await bearer.get('/auth/me')).status).toBe(401);
    // Back to the cell: the organisation goes with the partner role.
    expect((await patch(admin, 'seconded', { role: 'documenter' })).status).toBe(200);
    expect((await list()).find((u) => u.username === 'seconded')).toMatchObject({
      role: 'documenter',
      partner: null,
    });
    expect((await bearer.get('/auth/me')).status).toBe(200);
  });

  it('never lets administrators lock the mission out: not themselves, not the last one', async () => {
    const before = await accounts(server.store.db);
    for (const [body, code] of [
      [{ disabled: true }, 'user.self_disable'],
      [{ role: 'analyst' }, 'user.self_demote'],
      [{ role: 'partner', partner: 'Panel of Experts' }, 'user.self_demote'],
    ] as const) {
      const refused = await patch(admin, 'chief', body);
      expect([JSON.stringify(body), refused.status, refused.body.details?.code]).toEqual([
        JSON.stringify(body),
        409,
        code,
      ]);
      expect(refused.body.error).toMatch(/another administrator/);
    }
    expect(await accounts(server.store.db)).toEqual(before);

    // A second administrator may be demoted by the first; then the first is the last, and stays.
    const deputy = await server.signIn('administrator', { username: 'deputy' });
    expect((await patch(deputy, 'chief', { disabled: true })).status).toBe(200);
    expect((await patch(deputy, 'chief', { disabled: false })).status).toBe(200);
    admin = await server.signIn('administrator', { username: 'chief-again' });
    expect((await patch(admin, 'chief', { role: 'analyst' })).status).toBe(200);
    expect((await patch(admin, 'deputy', { role: 'analyst' })).status).toBe(200);
    expect((await patch(deputy, 'chief-again', { disabled: true })).status).toBe(401);
    // Over the API the last administrator could only lock themselves out, refused above; the
    // command line acts without an account, and it too keeps the last administrator.
    const { changeUser } = await import('./users.service');
    await expect(
      changeUser(server.store.db, 'chief-again', { disabled: true }, { userId: null, username: 'operator' }),
    ).rejects.toThrow('last active administrator');
    await expect(
      changeUser(
        server.store.db,
        'chief-again',
        { role: 'reviewer' },
        { userId: null, username: 'operator' },
      ),
    ).rejects.toThrow('last active administrator');
    // Disabling an already disabled administrator, or changing nothing, is no change at all.
    const unchanged = await accounts(server.store.db);
    expect((await patch(admin, 'chief', { role: 'analyst', disabled: false })).status).toBe(200);
    expect(await accounts(server.store.db)).toEqual(unchanged);
  });

  it('refuses malformed, hostile and unknown changes with 4xx and changes nothing', async () => {
    await server.signIn('reviewer', { username: 'target' });
    const analyst = await server.signIn('analyst');
    const before = await accounts(server.store.db);
    const cases: [Client, string, unknown, number][] = [
      [admin, 'target', {}, 400],
      [admin, 'target', { role: 'superuser' }, 400],
      [admin, 'target', { disabled: 'yes' }, 400],
      [admin, 'target', { role: 'analyst', password: 'x' }, 400],
      [admin, 'target', { partner: '' }, 400],
      [admin, 'target', { partner: 'x'.repeat(201) }, 400],
      [admin, 'target', { partner: 'Panel\u0000' }, 400],
      [admin, 'nobody-at-all', { disabled: true }, 404],
      [admin, 'x'.repeat(65), { disabled: true }, 400],
      [analyst, 'target', { role: 'administrator' }, 403],
      [server.anonymous(), 'target', { disabled: true }, 401],
    ];
    for (const [client, username, body, status] of cases) {
      const response = await patch(client, username, body);
      expect([username.slice(0, 20), JSON.stringify(body), response.status]).toEqual([
        username.slice(0, 20),
        JSON.stringify(body),
        status,
      ]);
    }
    expect(await admin.request('PATCH', '/users/target', undefined, '{"role": "anal')).toMatchObject({
      status: 400,
    });
    expect(await accounts(server.store.db)).toEqual(before);
  });
});

describe('headstamp user role', () => {
  let work: string;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'headstamp-user-role-'));
    await commandLineStore(join(work, 'store'));
    vi.stubEnv('HEADSTAMP_DATA_DIR', join(work, 'store'));
    vi.stubEnv('HEADSTAMP_EVIDENCE_DIR', join(work, 'evidence'));
    vi.stubEnv('DATABASE_URL', undefined);
    vi.stubEnv('HEADSTAMP_PASSWORD', 'a long test password');
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    rmSync(work, { recursive: true, force: true });
  });

  async function run(...args: string[]): Promise<string> {
    const program = new Command().exitOverride();
    userCommand(program);
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    try {
      await program.parseAsync(['user', ...args], { from: 'user' });
    } finally {
      log.mockRestore();
    }
    return lines.join('\n');
  }

  it('changes a role from the command line, and keeps the last administrator', async () => {
    // Each command opens the store: a few, for what only the command line does.
    expect(await run('add', 'awa', '--role', 'administrator')).toBe('Created awa (administrator).');
    await expect(run('role', 'awa', 'partner', '--partner', 'ECOWAS Commission')).rejects.toThrow(
      'last active administrator',
    );
    expect(await run('add', 'binta', '--role', 'analyst')).toBe('Created binta (analyst).');
    expect(await run('role', 'binta', 'partner', '--partner', 'ECOWAS Commission')).toBe(
      'binta is now partner of ECOWAS Commission.',
    );
  });
});

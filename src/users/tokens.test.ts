import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { userCommand } from '../cli/commands/user';
import { commandLineStore } from '../test/cli';
import { Client, startServer, type TestServer } from '../test/server';

interface Token {
  id: number;
  name: string;
  username: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  token?: string;
}

describe('API tokens', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  const bearer = (token: string) => new Client(server.url, { authorization: `Bearer ${token}` });
  const auditOf = (entity: string) =>
    server.store.db
      .selectFrom('audit_log')
      .select(['actor', 'action', 'entity_key', 'after'])
      .where('entity', '=', entity)
      .orderBy('id')
      .execute();

  it('are named, listed without their secret, expire, and are audited when made and once a day when used', async () => {
    const owner = await server.signIn('analyst', { username: 'nightly-owner' });
    const made = await owner.post<Token>('/auth/tokens', { name: 'nightly export', days: 30 });
    expect(made.status).toBe(200);
    expect(made.body).toMatchObject({ name: 'nightly export', username: 'nightly-owner', revokedAt: null });
    const days = (Date.parse(made.body.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    expect((await owner.post('/auth/tokens', { name: 'forever', days: 10_000 })).status).toBe(400);

    const script = bearer(made.body.token!);
    for (let i = 0; i < 3; i++) expect((await script.get('/auth/me')).status).toBe(200);
    const listed = await owner.get<Token[]>('/auth/tokens');
    expect(listed.body).toHaveLength(1);
    expect(listed.body[0]!.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed.body)).not.toContain(made.body.token!);

    const key = `nightly-owner: nightly export (#${made.body.id})`;
    expect(await auditOf('api_token')).toContainEqual(
      expect.objectContaining({ actor: 'nightly-owner', action: 'create', entity_key: key }),
    );
    // Three requests today, one entry: the log says on which days a token was used.
    const uses = (await auditOf('api_token_use')).filter((e) => e.entity_key === key);
    expect(uses).toHaveLength(1);

    await server.store.db
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', made.body.id)
      .execute();
    expect((await script.get('/auth/me')).status).toBe(401);
  });

  it('are revoked at once by their owner or an administrator, and by no one else', async () => {
    const owner = await server.signIn('documenter', { username: 'field-uploader' });
    const other = await server.signIn('analyst');
    const admin = await server.signIn('administrator');
    const first = (await owner.post<Token>('/auth/tokens', { name: 'tablet 1' })).body;
    const second = (await owner.post<Token>('/auth/tokens', { name: 'tablet 2' })).body;
    expect((await bearer(first.token!).get('/auth/me')).status).toBe(200);

    expect((await other.delete(`/auth/tokens/${first.id}`)).status).toBe(404);
    const revoked = await owner.delete<Token>(`/auth/tokens/${first.id}`);
    expect([revoked.status, revoked.body.revokedAt !== null]).toEqual([200, true]);
    expect((await bearer(first.token!).get('/auth/me')).status).toBe(401);
    // Signing out ends the session, not the scripts' tokens: those are revoked by name.
    expect((await owner.post('/auth/logout')).status).toBe(200);
    expect((await bearer(second.token!).get('/auth/me')).status).toBe(200);
    expect((await admin.delete(`/auth/tokens/${second.id}`)).status).toBe(200);
    expect((await bearer(second.token!).get('/auth/me')).status).toBe(401);

    const all = await admin.get<Token[]>('/auth/tokens?all=true');
    expect(all.body.filter((t) => t.username === 'field-uploader').map((t) => t.revokedAt !== null)).toEqual([
      true,
      true,
    ]);
    expect((await other.get('/auth/tokens?all=true')).status).toBe(403);
    expect((await auditOf('api_token')).filter((e) => e.action === 'delete')).toHaveLength(2);
  });

  it('are refused to partners, and stop working the moment their account is disabled', async () => {
    const partner = await server.signIn('partner');
    expect((await partner.post('/auth/tokens', { name: 'panel script' })).status).toBe(403);

    const owner = await server.signIn('reviewer', { username: 'leaving-reviewer' });
    const admin = await server.signIn('administrator');
    const token = (await owner.post<Token>('/auth/tokens', { name: 'review queue' })).body.token!;
    expect((await bearer(token).get('/auth/me')).status).toBe(200);
    expect((await admin.request('PATCH', '/users/leaving-reviewer', { disabled: true })).status).toBe(200);
    expect((await bearer(token).get('/auth/me')).status).toBe(401);
    expect((await owner.get('/auth/me')).status).toBe(401);
    expect((await admin.request('PATCH', '/users/leaving-reviewer', { disabled: false })).status).toBe(200);
    expect((await bearer(token).get('/auth/me')).status).toBe(200);
    const analyst = await server.signIn('analyst');
    expect((await analyst.request('PATCH', '/users/leaving-reviewer', { disabled: true })).status).toBe(403);
  });
});

describe('headstamp user token', () => {
  let work: string;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'headstamp-tokens-'));
    await commandLineStore(join(work, 'store'));
    vi.stubEnv('HEADSTAMP_DATA_DIR', join(work, 'store'));
    vi.stubEnv('HEADSTAMP_EVIDENCE_DIR', join(work, 'evidence'));
    vi.stubEnv('DATABASE_URL', undefined);
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    rmSync(work, { recursive: true, force: true });
  });

  /** The command as `headstamp user …` runs it, in this process (a process per command costs seconds). */
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

  it('mints, lists and revokes a token from the command line, and disables an account', async () => {
    vi.stubEnv('HEADSTAMP_PASSWORD', 'a long test password');
    expect(await run('add', 'amina', '--role', 'analyst')).toBe('Created amina (analyst).');
    const added = await run('token', 'add', 'amina', '--name', 'nightly export', '--days', '7');
    expect(added).toMatch(/^Token #1 "nightly export" for amina, expires .*:\nhst_\S+$/);
    expect(await run('token', 'revoke', '1')).toBe('Revoked token #1 "nightly export" of amina.');
    expect(await run('token', 'list', 'amina')).toMatch(
      /^#1\tamina\tnightly export\trevoked .* by \S+\tlast used never$/,
    );
    expect(await run('disable', 'amina')).toBe('Disabled amina.');
    await expect(run('token', 'add', 'nobody', '--name', 'x')).rejects.toThrow('user "nobody"');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, PASSWORD, startServer, type TestServer } from '../test/server';

describe('signing in', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it('opens an HttpOnly, SameSite=Strict session for the right password', async () => {
    await server.signIn('analyst', { username: 'amina' });
    const client = server.anonymous();
    const login = await client.post('/auth/login', { username: 'amina', password: PASSWORD });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect((await client.get('/auth/me')).body).toEqual({
      username: 'amina',
      role: 'analyst',
      partner: null,
    });
  });

  it('answers a wrong password and an unknown user alike, with 401', async () => {
    await server.signIn('analyst', { username: 'bakary' });
    const wrong = await server
      .anonymous()
      .post('/auth/login', { username: 'bakary', password: 'not the password' });
    const unknown = await server
      .anonymous()
      .post('/auth/login', { username: 'nobody', password: 'whatever it is' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it('refuses requests without a session, with a forged cookie, or a tampered signature', async () => {
    expect((await server.anonymous().get('/incidents')).status).toBe(401);
    const forged = new Client(server.url);
    forged.cookie = 'headstamp_session=made-up-token.signature';
    expect((await forged.get('/incidents')).status).toBe(401);
    const real = await server.signIn('analyst');
    const tampered = new Client(server.url);
    tampered.cookie = real.cookie.replace(/=(.)/, (_m, c: string) => `=${c === 'a' ? 'b' : 'a'}`);
    expect((await tampered.get('/incidents')).status).toBe(401);
    expect((await real.get('/incidents')).status).toBe(200);
  });

  it('ends a session at logout and when it expires', async () => {
    const client = await server.signIn('analyst');
    expect((await client.post('/auth/logout')).status).toBe(200);
    expect((await client.get('/auth/me')).status).toBe(401);
    const other = await server.signIn('analyst');
    await server.store.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .execute();
    expect((await other.get('/auth/me')).status).toBe(401);
  });

  it('lets a script use an API token as a bearer, and refuses a wrong one', async () => {
    const client = await server.signIn('analyst', { username: 'script-owner' });
    const { body } = await client.post<{ token: string }>('/auth/tokens', { name: 'nightly export' });
    expect(body.token).toMatch(/^hst_/);
    const script = new Client(server.url, { authorization: `Bearer ${body.token}` });
    expect((await script.get('/auth/me')).body).toMatchObject({ username: 'script-owner' });
    const wrong = new Client(server.url, { authorization: 'Bearer hst_wrong' });
    expect((await wrong.get('/auth/me')).status).toBe(401);
  });

  it('lets only administrators create accounts, and checks them', async () => {
    const admin = await server.signIn('administrator');
    const analyst = await server.signIn('analyst');
    const user = {
      username: 'panel-1',
      displayName: 'Panel',
      role: 'partner',
      partner: 'Panel of Experts',
      password: 'long enough password',
    };
    expect((await analyst.post('/users', user)).status).toBe(403);
    expect((await admin.post('/users', user)).status).toBe(201);
    expect((await admin.post('/users', user)).status).toBe(409);
    const weak = await admin.post<{ issues: { path: string }[] }>('/users', {
      ...user,
      username: 'weak',
      password: 'short',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.issues.map((i) => i.path)).toContain('password');
    for (const password of [
      ' '.repeat(12),
      'aaaaaaaaaaaa',
      'password1234',
      'qwertyuiop12',
      'weak-panel-1 ',
    ]) {
      const refused = await admin.post<{ issues: { path: string; message: string }[] }>('/users', {
        ...user,
        username: 'weak-panel-1',
        password,
      });
      expect([password, refused.status, refused.body.issues.map((i) => i.path)]).toEqual([
        password,
        400,
        ['password'],
      ]);
    }
    const noOrganisation = await admin.post('/users', { ...user, username: 'p2', partner: null });
    expect(noOrganisation.status).toBe(400);
  });

  it('slows password guessing: the eleventh attempt in a minute is refused', async () => {
    const guesser = server.anonymous();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push(
        (await guesser.post('/auth/login', { username: 'amina', password: `guess ${i}` })).status,
      );
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
  });
});

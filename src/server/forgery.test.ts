import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, incidentRow } from '../test/fixtures';
import { type Client, startServer, type TestServer } from '../test/server';
import { forgeryRefusal } from './forgery';

const enc = encodeURIComponent;
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da636460f80f0000040101006b4a3c0a0000000049454e44ae426082',
  'hex',
);

describe('requests forged from another origin of the same site', () => {
  let server: TestServer;
  let reviewer: Client;
  let documenter: Client;
  /** What the attacker's page is: the same host, another port. */
  let sibling: string;
  let own: string;
  const DRAFT = '210901 IED find, Tessalit';

  beforeAll(async () => {
    server = await startServer();
    own = new URL(server.url).origin;
    sibling = `http://127.0.0.1:${Number(new URL(server.url).port) + 1}`;
    reviewer = await server.signIn('reviewer');
    documenter = await server.signIn('documenter');
    expect((await documenter.post('/incidents', incidentRow({ ref: DRAFT }))).status).toBe(201);
  });
  afterAll(() => server.close());

  const status = async (ref: string) =>
    (await reviewer.get<{ incident: { status: string } }>(`/incidents/${enc(ref)}`)).body.incident.status;

  it('refuses an auto-submitted text/plain form that would validate a draft, and leaves it a draft', async () => {
    const response = await fetch(`${server.url}/incidents/${enc(DRAFT)}/validate`, {
      method: 'POST',
      headers: {
        cookie: reviewer.cookie,
        origin: sibling,
        'sec-fetch-site': 'same-site',
        'content-type': 'text/plain',
      },
      body: 'x=y',
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: string }).error).toContain(`from Headstamp's own pages`);
    // An older browser sends Origin alone: refused on it too.
    const originOnly = await fetch(`${server.url}/incidents/${enc(DRAFT)}/validate`, {
      method: 'POST',
      headers: { cookie: reviewer.cookie, origin: sibling },
    });
    expect(originOnly.status).toBe(403);
    expect(await status(DRAFT)).toBe('draft');
  });

  it('refuses a no-cors multipart upload from a sibling origin, and stores nothing', async () => {
    const before = await countRows(server.store.db);
    const form = new FormData();
    form.append('caption', 'planted');
    form.append('file', new Blob([PNG]), 'x.png');
    const response = await fetch(`${server.url}/incidents/${enc(DRAFT)}/attachments`, {
      method: 'POST',
      headers: { cookie: documenter.cookie, 'sec-fetch-site': 'same-site' },
      body: form,
    });
    expect(response.status).toBe(403);
    expect(await countRows(server.store.db)).toEqual(before);
    const listed = await documenter.get<unknown[]>(`/incidents/${enc(DRAFT)}/attachments`);
    expect(listed.body).toEqual([]);
  });

  it('refuses a body-less DELETE and a sign-in from another site', async () => {
    const remove = await fetch(`${server.url}/incidents/${enc(DRAFT)}`, {
      method: 'DELETE',
      headers: { cookie: documenter.cookie, 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
    });
    expect(remove.status).toBe(403);
    const login = await fetch(`${server.url}/auth/login`, {
      method: 'POST',
      headers: { origin: 'null', 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'x', password: 'y' }),
    });
    expect(login.status).toBe(403);
  });

  it("lets the application's own pages, reads and bearer-token scripts through", async () => {
    const read = await fetch(`${server.url}/incidents`, {
      headers: { cookie: reviewer.cookie, origin: sibling, 'sec-fetch-site': 'same-site' },
    });
    expect(read.status).toBe(200);
    const token = await documenter.post<{ token: string }>('/auth/tokens', { name: 'script' });
    const script = await fetch(`${server.url}/incidents/${enc(DRAFT)}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.body.token}`, origin: sibling },
      body: (() => {
        const form = new FormData();
        form.append('file', new Blob([PNG]), 'script.png');
        return form;
      })(),
    });
    expect(script.status).toBe(201);
    const own_ = await fetch(`${server.url}/incidents/${enc(DRAFT)}/validate`, {
      method: 'POST',
      headers: { cookie: reviewer.cookie, origin: own, 'sec-fetch-site': 'same-origin' },
    });
    expect(own_.status).toBe(200);
    expect(await status(DRAFT)).toBe('validated');
  });

  it('decides on the headers alone', () => {
    const host = { host: 'headstamp.mission.example' };
    expect(forgeryRefusal('GET', { ...host, origin: 'https://evil.example' })).toBeNull();
    expect(forgeryRefusal('PATCH', { ...host, 'sec-fetch-site': 'same-site' })).not.toBeNull();
    expect(forgeryRefusal('PUT', { ...host, 'sec-fetch-site': 'none' })).toBeNull();
    expect(forgeryRefusal('POST', { ...host, origin: 'https://headstamp.mission.example' })).toBeNull();
    expect(
      forgeryRefusal('POST', { ...host, origin: 'https://headstamp.mission.example:8443' }),
    ).not.toBeNull();
    expect(forgeryRefusal('POST', { ...host, origin: 'https://files.mission.example' })).not.toBeNull();
    expect(forgeryRefusal('POST', { ...host, origin: 'not a url' })).not.toBeNull();
    expect(forgeryRefusal('POST', host)).toBeNull();
  });
});

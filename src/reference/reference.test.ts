import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startServer, type TestServer } from '../test/server';
import { loadReference } from './reference.repository';

const entry = (overrides: Record<string, unknown> = {}) => ({
  key: 'ml-test-cartridge-works',
  name: 'Test Cartridge Works',
  country: 'ml',
  makes: ['ammunition'],
  location: 'ML',
  years: [1995, null],
  calibres: ['7.62x39'],
  headstampCodes: ['TCW-ML'],
  aliases: ['Test Works'],
  source: 'A test source, 2024',
  confidence: 'low',
  ...overrides,
});

describe('adding a manufacturer from the Reference page', () => {
  let server: TestServer;
  let admin: Client;

  beforeAll(async () => {
    server = await startServer();
    admin = await server.signIn('administrator', { username: 'root' });
  });
  afterAll(() => server.close());

  it('adds an administrator’s entry, audited, listed to every role and read by the normaliser', async () => {
    const added = await admin.post('/reference/manufacturers', entry());
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      key: 'ml-test-cartridge-works',
      country: 'ML',
      makes: ['ammunition'],
    });

    const documenter = await server.signIn('documenter');
    const listed =
      await documenter.get<{ key: string; makes: string[]; source: string }[]>('/reference/manufacturers');
    // Listed to every role; where it comes from only to those who may see sources (access.md).
    expect(listed.body.find((m) => m.key === 'ml-test-cartridge-works')).toMatchObject({
      makes: ['ammunition'],
      source: '',
    });
    const analyst = await server.signIn('analyst');
    const forAnalyst = await analyst.get<{ key: string; source: string }[]>('/reference/manufacturers');
    expect(forAnalyst.body.find((m) => m.key === 'ml-test-cartridge-works')?.source).toBe(
      'A test source, 2024',
    );

    const reference = await loadReference(server.store.db);
    expect(reference.manufacturers.find((m) => m.key === 'ml-test-cartridge-works')).toMatchObject({
      headstampCodes: ['TCW-ML'],
      years: [1995, null],
      calibres: ['7.62x39'],
      location: 'ML',
    });

    const audit = await server.store.db
      .selectFrom('audit_log')
      .select(['actor', 'action', 'entity'])
      .where('entity_key', '=', 'ml-test-cartridge-works')
      .execute();
    expect(audit).toEqual([{ actor: 'root', action: 'create', entity: 'manufacturers' }]);
  });

  it('refuses bad input: no makes, an unknown product, a bad key or country, no source, an unknown calibre', async () => {
    const bad = [
      entry({ key: 'ml-a', makes: [] }),
      entry({ key: 'ml-b', makes: ['rifles'] }),
      entry({ key: 'Mali works' }),
      entry({ key: 'ml-c', country: 'Mali' }),
      entry({ key: 'ml-d', source: '  ' }),
      entry({ key: 'ml-e', years: [2000, 1990] }),
      entry({ key: 'ml-f', unexpected: true }),
    ];
    for (const body of bad)
      expect((await admin.post('/reference/manufacturers', body)).status, JSON.stringify(body)).toBe(400);
    const unknownCalibre = await admin.post(
      '/reference/manufacturers',
      entry({ key: 'ml-g', calibres: ['7.92x33'] }),
    );
    expect(unknownCalibre.status).toBe(400);
    expect(JSON.stringify(unknownCalibre.body)).toContain('7.92x33');
  });

  it('refuses a key already in use, built-in or added', async () => {
    expect((await admin.post('/reference/manufacturers', entry({ key: 'su-539' }))).status).toBe(409);
    expect((await admin.post('/reference/manufacturers', entry())).status).toBe(409);
  });

  it('refuses every role but the administrator, and writes nothing', async () => {
    for (const role of ['analyst', 'reviewer', 'documenter', 'partner'] as const) {
      const client = await server.signIn(role);
      const refused = await client.post('/reference/manufacturers', entry({ key: `ml-by-${role}` }));
      expect(refused.status, role).toBe(403);
    }
    const written = await server.store.db
      .selectFrom('manufacturers')
      .select('key')
      .where('key', 'like', 'ml-by-%')
      .execute();
    expect(written).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../audit/audit';
import { itemRow, KIDAL, registerFiles } from '../test/fixtures';
import { type Client, startServer, type TestServer } from '../test/server';
import { importFiles } from '../transfer/import';

const enc = encodeURIComponent;

/**
 * Requests that race for one key. On PGlite they run one after another; on a PostgreSQL server
 * (TEST_DATABASE_URL) they overlap, and a unique key refuses all but one writer.
 */
describe('concurrent writes of one key', () => {
  let server: TestServer;
  let analyst: Client;
  beforeAll(async () => {
    server = await startServer();
    expect((await importFiles(server.store.db, registerFiles(), { user: 'test' })).errors).toEqual([]);
    analyst = await server.signIn('analyst');
  });
  afterAll(() => server.close());

  const statuses = async (n: number, call: () => Promise<{ status: number }>) =>
    (await Promise.all(Array.from({ length: n }, call))).map((r) => r.status).sort();

  it('creates one of twenty items with one reference and answers the others 409, never 500', async () => {
    const got = await statuses(20, () =>
      analyst.post('/items', itemRow({ ref: 'M-RACE', incident_ref: KIDAL })),
    );
    expect(got.filter((s) => s === 201)).toHaveLength(1);
    expect(got.filter((s) => s !== 201).every((s) => s === 409)).toBe(true);
  });

  it('writes twenty items sent at once into one unbroken audit chain, one entry each', async () => {
    const got = await statuses(
      20,
      (() => {
        let n = 0;
        // No materiel to key: writers of one sample at one incident would wait for each other's
        // row of the materiel index, and not race for the chain at all.
        const bare = { calibre: '', manufacturer: '', country_of_manufacture: '', year: '', markings: '' };
        return () => analyst.post('/items', itemRow({ ref: `M-CHAIN-${++n}`, incident_ref: KIDAL, ...bare }));
      })(),
    );
    expect(got).toEqual(Array(20).fill(201));
    expect(await verifyAuditLog(server.store.db)).toMatchObject({ ok: true });
    const entries = await server.store.db
      .selectFrom('audit_log')
      .select('entity_key')
      .where('entity_key', 'like', 'M-CHAIN-%')
      .execute();
    expect(entries).toHaveLength(20);
  });

  it('answers ten identical release PUTs 200: a PUT is idempotent', async () => {
    const got = await statuses(10, () =>
      analyst.put(`/incidents/${enc(KIDAL)}/releases/${enc('Race partner')}`),
    );
    expect(got).toEqual(Array(10).fill(200));
    const releases = await server.store.db
      .selectFrom('releases')
      .select('partner')
      .where('partner', '=', 'Race partner')
      .execute();
    expect(releases).toHaveLength(1);
  });

  it('opens both of two tracing requests sent at once, each with its own number', async () => {
    const open = () =>
      analyst.post<{ ref: string }>('/tracing-requests', {
        items: ['M-00001'],
        addresseeCountry: 'RU',
        addressee: 'Ministry of Foreign Affairs',
        channel: 'bilateral',
        purpose: 'To establish how the rifle reached Sévaré.',
      });
    const [a, b] = await Promise.all([open(), open()]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.ref).not.toBe(b.body.ref);
  });
});

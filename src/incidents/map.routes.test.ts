import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFiles } from '../demo/load';
import { KIDAL, SEVARE, SOFARA } from '../test/fixtures';
import { type Client, startRegisterServer, startServer, type TestServer } from '../test/server';
import { importFiles } from '../transfer/import';

const enc = encodeURIComponent;
type Points = { total: number; points: [number, number, string, string][] };
type Regions = { country: string; admin1: string | null; incidents: number }[];

describe('what the web application reads besides the records: map points, regions, lead pages', () => {
  let server: TestServer;
  let analyst: Client;
  let partner: Client;
  beforeAll(async () => {
    ({ server, analyst, partner } = await startRegisterServer([SEVARE]));
  });
  afterAll(() => server.close());

  it('gives every incident of a selection that has coordinates, compactly', async () => {
    const all = await analyst.get<Points>('/incident-points');
    expect(all.status).toBe(200);
    // Sofara has no coordinates: it cannot be mapped.
    expect(all.body.points.map((p) => p[2]).sort()).toEqual([KIDAL, SEVARE].sort());
    expect(all.body.points.map((p) => p[2])).not.toContain(SOFARA);
    expect(all.body.total).toBe(2);
    const kidal = all.body.points.find((p) => p[2] === KIDAL)!;
    expect(kidal).toEqual([1.4078, 18.4411, KIDAL, 'ied_attack']);

    const filtered = await analyst.get<Points>(`/incident-points?admin1=Mopti&q=${enc('Sévaré')}`);
    expect(filtered.body.points.map((p) => p[2])).toEqual([SEVARE]);
    expect((await analyst.get('/incident-points?page=2')).status).toBe(400);
  });

  it('maps and names only what a partner may see', async () => {
    const points = await partner.get<Points>('/incident-points');
    expect(points.body.points.map((p) => p[2])).toEqual([SEVARE]);
    const regions = await partner.get<Regions>('/regions');
    expect(regions.body).toEqual([{ country: 'ML', admin1: 'Mopti', incidents: 1 }]);
    expect((await server.anonymous().get('/regions')).status).toBe(401);
  });

  it('lists the countries and regions of the register with their counts', async () => {
    const regions = await analyst.get<Regions>('/regions');
    expect(regions.body).toEqual([
      { country: 'ML', admin1: 'Kidal', incidents: 1 },
      { country: 'ML', admin1: 'Mopti', incidents: 2 },
    ]);
  });
});

describe('leads a page at a time', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
    const report = await importFiles(server.store.db, demoFiles({ incidents: 60 }), { user: 'test' });
    expect(report.errors).toEqual([]);
  });
  afterAll(() => server.close());

  it('pages through the same order as the whole list', async () => {
    const analyst = await server.signIn('analyst');
    const all = await analyst.get<{ subject: string }[]>('/leads');
    expect(all.body.length).toBeGreaterThan(20);
    const first = await analyst.get<{ subject: string }[]>('/leads?limit=10');
    const second = await analyst.get<{ subject: string }[]>('/leads?limit=10&offset=10');
    expect([...first.body, ...second.body]).toEqual(all.body.slice(0, 20));
    expect((await analyst.get('/leads?limit=0')).status).toBe(400);
  });
});

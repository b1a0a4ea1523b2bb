import { settleLeads } from '../leads/queue';
import { defaultLeadSettings } from '../leads/settings';
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
    // A small theatre: its weaker findings are kept too, so that they fill more than a page.
    server = await startServer({ leadSettings: { ...defaultLeadSettings, findingMinScore: 0.2 } });
    const report = await importFiles(server.store.db, demoFiles({ incidents: 60 }), { user: 'test' });
    expect(report.errors).toEqual([]);
    await settleLeads(server.store.db);
  });
  afterAll(() => server.close());

  type Listed = { kind: string; subject: string; score: number; date: string };
  const total = (response: { headers: Headers }) => Number(response.headers.get('x-total-count'));
  /** Every lead, a page of 500 at a time. */
  const everything = async (client: Client, query = '') => {
    const leads: Listed[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await client.get<Listed[]>(`/leads?limit=500&offset=${offset}${query}`);
      leads.push(...page.body);
      if (leads.length >= total(page)) return leads;
    }
  };

  it('pages through the same order as the whole list', async () => {
    const analyst = await server.signIn('analyst');
    const all = await analyst.get<Listed[]>('/leads?limit=500');
    expect(all.body.length).toBeGreaterThan(20);
    const count = total(all);
    const first = await analyst.get<Listed[]>('/leads?limit=10');
    const second = await analyst.get<Listed[]>('/leads?limit=10&offset=10');
    expect([...first.body, ...second.body]).toEqual(all.body.slice(0, 20));
    expect(total(first)).toBe(count);
    expect(total(second)).toBe(count);
    expect((await analyst.get('/leads?limit=0')).status).toBe(400);
    expect((await analyst.get('/leads?limit=501')).status).toBe(400);
  });

  it('gives the strongest first, a page of 50 unless asked, and how many match in all', async () => {
    const analyst = await server.signIn('analyst');
    const all = { body: await everything(analyst) };
    expect(all.body.length).toBeGreaterThan(50);
    for (let i = 1; i < all.body.length; i++) {
      const [before, after] = [all.body[i - 1]!, all.body[i]!];
      expect(before.score).toBeGreaterThanOrEqual(after.score);
      if (before.score === after.score) expect(before.date >= after.date).toBe(true);
    }
    const page = await analyst.get<Listed[]>('/leads');
    expect(page.status).toBe(200);
    expect(page.body).toEqual(all.body.slice(0, 50));
    expect(total(page)).toBe(all.body.length);

    const kind = all.body[0]!.kind;
    const ofKind = await analyst.get<Listed[]>(`/leads?kind=${kind}&limit=1`);
    expect(ofKind.body).toHaveLength(1);
    expect(total(ofKind)).toBe(all.body.filter((l) => l.kind === kind).length);
    expect((await analyst.get('/leads?sort=colour')).status).toBe(400);
  });

  it('gives the newest first with sort=date, as before', async () => {
    const analyst = await server.signIn('analyst');
    const byScore = await everything(analyst);
    const byDate = await everything(analyst, '&sort=date');
    const key = (l: Listed) => `${l.kind} ${l.subject}`;
    expect(byDate.map(key).sort()).toEqual(byScore.map(key).sort());
    expect(byDate.map(key)).not.toEqual(byScore.map(key));
    for (let i = 1; i < byDate.length; i++) {
      const [before, after] = [byDate[i - 1]!, byDate[i]!];
      expect(before.date >= after.date).toBe(true);
      if (before.date === after.date) expect(before.score).toBeGreaterThanOrEqual(after.score);
    }
  });
});

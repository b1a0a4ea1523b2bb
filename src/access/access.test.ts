import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIDAL, registerFiles, SEVARE, smallRegister, SOFARA } from '../test/fixtures';
import { type Client, startServer, type TestServer } from '../test/server';
import { importFiles } from '../transfer/import';
import { settleLeads } from '../leads/queue';

interface Page {
  total: number;
  incidents: { record: Record<string, string> }[];
}
interface Stats {
  register: { incidents: { total: number }; items: { total: number }; samples: { total: number } };
  theatre: { incidentsPerYearByType: Record<string, unknown> };
}
const refs = (page: Page) => page.incidents.map((i) => i.record.ref).sort();
const enc = encodeURIComponent;

/**
 * The small register with three levels of classification: Sévaré confidential, Sofara strictly
 * confidential, Kidal internal. Every read path is checked with each role.
 */
describe('who sees what', () => {
  let server: TestServer;
  let analyst: Client;
  let reviewer: Client;
  let documenter: Client;
  let partner: Client;
  beforeAll(async () => {
    server = await startServer();
    const register = smallRegister();
    register.incidents = register.incidents.map((row) =>
      row.ref === SEVARE
        ? { ...row, classification: 'confidential' }
        : row.ref === SOFARA
          ? { ...row, classification: 'strictly_confidential' }
          : row,
    );
    const report = await importFiles(server.store.db, registerFiles(register), { user: 'test' });
    expect(report.errors).toEqual([]);
    await settleLeads(server.store.db);
    analyst = await server.signIn('analyst');
    reviewer = await server.signIn('reviewer');
    documenter = await server.signIn('documenter');
    partner = await server.signIn('partner', { partner: 'Panel of Experts' });
  });
  afterAll(() => server.close());

  it('shows analysts everything, reviewers all but strictly confidential, documenters internal records', async () => {
    expect(refs((await analyst.get<Page>('/incidents')).body)).toEqual([SEVARE, SOFARA, KIDAL].sort());
    expect(refs((await reviewer.get<Page>('/incidents')).body)).toEqual([SEVARE, KIDAL].sort());
    expect(refs((await documenter.get<Page>('/incidents')).body)).toEqual([KIDAL]);
  });

  it('names sources only to analysts and administrators', async () => {
    const read = async (client: Client) =>
      (await client.get<{ incident: { record: Record<string, string> } }>(`/incidents/${enc(KIDAL)}`)).body
        .incident.record.source;
    expect(await read(analyst)).toBe('JMAC daily report');
    expect(await read(reviewer)).toBe('');
    expect(await read(documenter)).toBe('');
  });

  it('shows a partner nothing on any path until an incident is released to it', async () => {
    expect((await partner.get<Page>('/incidents')).body.total).toBe(0);
    expect((await partner.get(`/incidents/${enc(KIDAL)}`)).status).toBe(404);
    expect((await partner.get('/items/M-00003')).status).toBe(404);
    expect((await partner.get(`/samples/${enc('ammo:7.62x39:cn-61:2015')}`)).status).toBe(404);
    const stats = (await partner.get<Stats>('/stats')).body;
    expect(stats.register.incidents.total).toBe(0);
    expect(stats.register.items.total).toBe(0);
    expect(stats.register.samples.total).toBe(0);
    expect(stats.theatre.incidentsPerYearByType).toEqual({});
    expect((await partner.get('/leads')).status).toBe(403);
    expect((await partner.get(`/history/incident/${enc(KIDAL)}`)).status).toBe(403);
    expect((await partner.get(`/incidents?q=Kidal`)).body).toMatchObject({ total: 0 });
  });

  it('shows a partner exactly the released incident and its items, and counts only those', async () => {
    expect((await analyst.put(`/incidents/${enc(KIDAL)}/releases/${enc('Panel of Experts')}`)).status).toBe(
      200,
    );
    expect(refs((await partner.get<Page>('/incidents')).body)).toEqual([KIDAL]);
    const kidal = await partner.get<{ items: { record: { ref: string } }[] }>(`/incidents/${enc(KIDAL)}`);
    expect(kidal.body.items.map((i) => i.record.ref)).toEqual(['M-00003']);
    expect((await partner.get(`/incidents/${enc(SEVARE)}`)).status).toBe(404);
    // The Chinese 2015 sample was also at Sévaré, which stays hidden.
    const profile = await partner.get<{ incidents: { ref: string }[]; leads: unknown[] }>(
      `/samples/${enc('ammo:7.62x39:cn-61:2015')}`,
    );
    expect(profile.body.incidents.map((i) => i.ref)).toEqual([KIDAL]);
    expect(profile.body.leads).toEqual([]);
    const stats = (await partner.get<Stats>('/stats')).body;
    expect(stats.register.incidents.total).toBe(1);
    expect(stats.register.items.total).toBe(1);
    expect((await partner.get<Page>('/incidents?q=Sévaré')).body.total).toBe(0);
  });

  it('keeps one partner’s releases from another partner', async () => {
    const other = await server.signIn('partner', { partner: 'National investigators' });
    expect((await other.get<Page>('/incidents')).body.total).toBe(0);
  });

  it('stops showing an incident when its release is withdrawn', async () => {
    await analyst.delete(`/incidents/${enc(KIDAL)}/releases/${enc('Panel of Experts')}`);
    expect((await partner.get<Page>('/incidents')).body.total).toBe(0);
  });

  it('hides from reviewers the leads resting on strictly confidential incidents', async () => {
    const all = (await analyst.get<{ incidents: string[] }[]>('/leads')).body;
    const seen = (await reviewer.get<{ incidents: string[] }[]>('/leads')).body;
    expect(all.some((l) => l.incidents.includes(SOFARA))).toBe(true);
    expect(seen.some((l) => l.incidents.includes(SOFARA))).toBe(false);
    expect(seen.length).toBeGreaterThan(0);
  });

  it('lets only analysts and administrators import and release', async () => {
    for (const client of [reviewer, documenter, partner]) {
      expect((await client.post('/import', { files: [{ name: 'incidents.csv', content: '' }] })).status).toBe(
        403,
      );
      expect((await client.put(`/incidents/${enc(KIDAL)}/releases/x`)).status).toBeGreaterThanOrEqual(403);
    }
  });
});

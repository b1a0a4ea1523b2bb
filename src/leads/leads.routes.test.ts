import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvFile, incidentRow, itemRow, registerFiles } from '../test/fixtures';
import { Client, startServer, type TestServer } from '../test/server';
import { importFiles } from '../transfer/import';
import type { LeadView } from './leads.schema';
import { settleLeads } from './queue';

describe('leads in the reader’s language', () => {
  let server: TestServer;
  let analyst: Client;
  /** The analyst's session, with a browser that prefers French. */
  let french: Client;
  const explanations = async (client: Client, path: string) => {
    const answer = await client.get<LeadView[]>(path);
    expect(answer.status).toBe(200);
    expect(answer.body.length).toBeGreaterThan(0);
    return answer.body.map((l) => l.explanation);
  };
  // An embargo is named as recorded (« ISIL (Da’esh) and Al-Qaida sanctions »), in any language.
  const isFrench = (text: string) => / : /.test(text) && !/ (at|and|the) /.test(text.replace(/«[^»]*»/g, ''));

  beforeAll(async () => {
    server = await startServer();
    expect((await importFiles(server.store.db, registerFiles(), { user: 'test' })).errors).toEqual([]);
    await settleLeads(server.store.db);
    analyst = await server.signIn('analyst');
    french = new Client(analyst.base, { 'accept-language': 'fr-CA,fr;q=0.9,en;q=0.8' });
    french.cookie = analyst.cookie;
  });
  afterAll(() => server.close());

  it('explains leads in French with lang=fr or an Accept-Language header preferring French', async () => {
    const asked = await explanations(analyst, '/leads?lang=fr');
    expect(asked.every(isFrench)).toBe(true);
    expect(await explanations(french, '/leads')).toEqual(asked);
  });

  it('explains leads in English by default, and lang=en wins over the header', async () => {
    const english = await explanations(analyst, '/leads');
    expect(english.some(isFrench)).toBe(false);
    expect(await explanations(french, '/leads?lang=en')).toEqual(english);
    expect((await analyst.get('/leads?lang=de')).status).toBe(400);
  });

  it('explains the leads of a sample’s profile and of an incident’s page in the reader’s language', async () => {
    const [lead] = (await analyst.get<LeadView[]>('/leads')).body;
    const sample = lead!.samples[0]!;
    const profile = await french.get<{ leads: LeadView[] }>(`/samples/${encodeURIComponent(sample)}`);
    expect(profile.body.leads.length).toBeGreaterThan(0);
    expect(profile.body.leads.every((l) => isFrench(l.explanation))).toBe(true);
    const page = await analyst.get<{ leads: LeadView[] }>(
      `/incidents/${encodeURIComponent(lead!.incidents[0]!)}?lang=fr`,
    );
    expect(page.body.leads.length).toBeGreaterThan(0);
    expect(page.body.leads.every((l) => isFrench(l.explanation))).toBe(true);
  });
});

describe('pages of findings kept while nothing changes', () => {
  let server: TestServer;
  let analyst: Client;
  const page = async (client: Client, path = '/leads') => {
    const answer = await client.get<LeadView[]>(path);
    expect(answer.status).toBe(200);
    return answer;
  };

  beforeAll(async () => {
    server = await startServer();
    expect((await importFiles(server.store.db, registerFiles(), { user: 'test' })).errors).toEqual([]);
    await settleLeads(server.store.db);
    analyst = await server.signIn('analyst');
  });
  afterAll(() => server.close());

  it('sends the same page while nothing changed, and the page anew after a decision and after new evidence', async () => {
    const first = await page(analyst);
    const again = await page(analyst);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('x-total-count')).toBe(first.headers.get('x-total-count'));

    const { kind, subject } = first.body[0]!;
    expect(first.body[0]!.decision).toBeUndefined();
    expect((await analyst.post('/leads/decisions', { kind, subject, status: 'confirmed' })).status).toBe(200);
    const decided = await page(analyst);
    expect(decided.body.find((l) => l.kind === kind && l.subject === subject)?.decision?.status).toBe(
      'confirmed',
    );

    // A third attack with the ammunition of Kidal and Sévaré: the next page either says findings are
    // waiting for it or, if the server's worker was quicker, already cites it; never the stale page.
    const gao = '220301 Ambush, Gao';
    const written = await importFiles(
      server.store.db,
      [
        csvFile('incidents.csv', [
          incidentRow({ ref: gao, date: '2022-03-01', admin1: 'Gao', place: 'Gao' }),
        ]),
        csvFile('items.csv', [itemRow({ ref: 'M-00005', incident_ref: gao })]),
      ],
      { user: 'test' },
    );
    expect(written.errors).toEqual([]);
    const next = await page(analyst);
    const waiting = Number(next.headers.get('x-findings-pending')) > 0;
    expect(waiting || next.body.some((l) => l.incidents.includes(gao))).toBe(true);
    await settleLeads(server.store.db);
    const grown = await page(analyst);
    expect(grown.headers.get('x-findings-pending')).toBe('0');
    expect(decided.body.some((l) => l.incidents.includes(gao))).toBe(false);
    expect(grown.body.some((l) => l.incidents.includes(gao))).toBe(true);
  });

  it('refuses a page kept for the analysts to a viewer who may not read findings', async () => {
    await page(analyst);
    const documenter = await server.signIn('documenter');
    expect((await documenter.get('/leads')).status).toBe(403);
    const partner = await server.signIn('partner');
    expect((await partner.get('/leads')).status).toBe(403);
  });

  it('keeps a page per language and per evidence asked', async () => {
    const english = await page(analyst, '/leads?evidence=brief');
    const french = await page(analyst, '/leads?evidence=brief&lang=fr');
    expect(french.body.map((l) => l.explanation)).not.toEqual(english.body.map((l) => l.explanation));
    const whole = await page(analyst);
    expect(JSON.stringify(whole.body).length).toBeGreaterThan(JSON.stringify(english.body).length);
    expect(await page(analyst, '/leads?evidence=brief')).toMatchObject({ body: english.body });
  });
});

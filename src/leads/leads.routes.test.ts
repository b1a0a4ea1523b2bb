import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerFiles } from '../test/fixtures';
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

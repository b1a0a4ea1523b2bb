import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIDAL, SEVARE, SOFARA } from '../test/fixtures';
import { type Client, startRegisterServer, type TestServer } from '../test/server';
import type { SampleProfile, SampleSuggestion } from './samples.queries';

const enc = encodeURIComponent;
const CN_2015 = 'ammo:7.62x39:cn-61:2015';

describe('GET /samples/:key: a sample’s profile for the web application', () => {
  let server: TestServer;
  let analyst: Client;
  let partner: Client;
  beforeAll(async () => {
    ({ server, analyst, partner } = await startRegisterServer([KIDAL]));
  });
  afterAll(() => server.close());

  it('gives where each incident was (to map it year by year) and the items’ records', async () => {
    const profile = await analyst.get<SampleProfile>(`/samples/${enc(CN_2015)}`);
    expect(profile.status).toBe(200);
    expect(profile.body.incidents.map((i) => [i.ref, i.place, i.lat, i.lon, i.items])).toEqual([
      [SEVARE, 'Sévaré', 14.5311, -4.0921, ['M-00004']],
      [KIDAL, 'Kidal', 18.4411, 1.4078, ['M-00003']],
    ]);
    expect(profile.body.records.map((r) => [r.record.ref, r.record.incident_ref, r.sample])).toEqual([
      ['M-00003', KIDAL, CN_2015],
      ['M-00004', SEVARE, CN_2015],
    ]);
    expect(profile.body.leads.length).toBeGreaterThan(0);
  });

  it('names the sample as the findings do, in the reader’s language', async () => {
    const english = await analyst.get<SampleProfile>(`/samples/${enc(CN_2015)}`);
    expect(english.body.label).toBe('7.62 × 39 mm ammunition, Factory 61 (China), 2015');
    const french = await analyst.get<SampleProfile>(`/samples/${enc(CN_2015)}?lang=fr`);
    expect(french.body.label).toBe('munitions 7,62 × 39 mm, usine 61 (Chine), 2015');
  });

  it('gives dates as precisely as they were recorded', async () => {
    // Sofara is known to the month only.
    const profile = await analyst.get<SampleProfile>(`/samples/${enc('ammo:7.62x39:eg-27:2015')}`);
    expect(profile.body).toMatchObject({ firstSeen: '2016-09', lastSeen: '2016-09' });
    expect(profile.body.incidents.map((i) => [i.ref, i.date, i.lat])).toEqual([[SOFARA, '2016-09', null]]);
  });

  it('shows a partner only the released incident, its items and no leads', async () => {
    const profile = await partner.get<SampleProfile>(`/samples/${enc(CN_2015)}`);
    expect(profile.status).toBe(200);
    expect(profile.body.incidents.map((i) => i.ref)).toEqual([KIDAL]);
    expect(profile.body.records.map((r) => r.record.ref)).toEqual(['M-00003']);
    expect(profile.body).toMatchObject({ items: 1, quantity: 12, leads: [], actors: [] });
    expect(JSON.stringify(profile.body)).not.toContain(SEVARE);
  });

  it('answers 404 for a sample nobody documented, and refuses a key far too long to be one', async () => {
    const missing = await analyst.get<{ error: string }>(`/samples/${enc('ammo:9x19:xx:1900')}`);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toContain('ammo:9x19:xx:1900');
    // Fastify refuses path parameters over 100 characters before the route sees them.
    expect((await analyst.get(`/samples/${'x'.repeat(301)}`)).status).toBe(414);
  });

  it('suggests samples from what a person types, labelled in the reader’s language', async () => {
    const suggested = await analyst.get<SampleSuggestion[]>(
      `/samples/suggest?q=${enc('7,62 x 39 Chine 2015')}`,
    );
    expect(suggested.status).toBe(200);
    expect(suggested.body.map((s) => [s.key, s.incidents])).toEqual([[CN_2015, 2]]);
    const french = await analyst.get<SampleSuggestion[]>(`/samples/suggest?q=${enc('égypte')}&lang=fr`);
    expect(french.body.map((s) => s.label)).toEqual(['munitions 7,62 × 39 mm, usine 27 (Égypte), 2015']);
    // The partner was given Kidal only.
    const partners = await partner.get<SampleSuggestion[]>(`/samples/suggest?q=${enc('7.62x39')}`);
    expect(partners.body.map((s) => [s.key, s.incidents])).toEqual([[CN_2015, 1]]);
  });

  it('refuses a search too long to be typed, and finds nothing in hostile input', async () => {
    expect((await analyst.get(`/samples/suggest?q=${'x'.repeat(201)}`)).status).toBe(400);
    expect((await analyst.get('/samples/suggest')).status).toBe(400);
    for (const q of ['%', '_', "'; drop table items; --", '\\']) {
      const answer = await analyst.get<SampleSuggestion[]>(`/samples/suggest?q=${enc(q)}`);
      expect([answer.status, answer.body], q).toEqual([200, []]);
    }
  });
});

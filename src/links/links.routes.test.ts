import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemViewer } from '../access/policy';
import { incidentRow, itemRow, KIDAL, registerFiles, SEVARE, smallRegister } from '../test/fixtures';
import { type Client, startServer, type TestServer } from '../test/server';
import { importFiles } from '../transfer/import';
import { linkNetwork, linkQuerySchema, type LinkNetwork } from './links.queries';

const enc = encodeURIComponent;
const GAO = '160531 Complex attack, Gao';
const PANEL = 'Panel of Experts';
/** The Chinese 2015 7.62x39 of the small register, at Sévaré and Kidal, and here at Gao too. */
const CN_2015 = 'ammo:7.62x39:cn-61:2015';

/**
 * The small register with a fourth incident at Gao, by the same actor as Sévaré: Sévaré, Kidal
 * and Gao share the Chinese 2015 ammunition; Sévaré and Gao also the AKMS rifles of 2011.
 * Sofara shares nothing.
 */
function register() {
  const base = smallRegister();
  return {
    ...base,
    incidents: [
      ...base.incidents,
      incidentRow({
        ref: GAO,
        date: '2016-05',
        type: 'Complex attack',
        admin1: 'Gao',
        place: 'Gao',
        actor: 'Katibat Macina',
        attribution: 'claimed',
        classification: 'confidential',
      }),
    ],
    items: [
      ...base.items,
      itemRow({ ref: 'M-00005', incident_ref: GAO, quantity: '8' }),
      // Another of the AKMS rifles of 2011 found at Sévaré (M-00001).
      {
        ...base.items[0]!,
        ref: 'M-00006',
        incident_ref: GAO,
        serial: 'SN-11-5530',
        markings: '',
        condition: 'damaged',
      },
    ],
  };
}

describe('GET /links: incidents linked by the samples they share', () => {
  let server: TestServer;
  let analyst: Client;
  let partner: Client;
  let akms: string;

  beforeAll(async () => {
    server = await startServer();
    expect((await importFiles(server.store.db, registerFiles(register()), { user: 'test' })).errors).toEqual(
      [],
    );
    analyst = await server.signIn('analyst');
    partner = await server.signIn('partner', { partner: PANEL });
    for (const ref of [SEVARE, KIDAL])
      expect((await analyst.put(`/incidents/${enc(ref)}/releases/${enc(PANEL)}`)).status).toBe(200);
    const rifle = await server.store.db
      .selectFrom('items')
      .select('sample_key')
      .where('ref', '=', 'M-00001')
      .executeTakeFirstOrThrow();
    akms = rifle.sample_key!;
  });
  afterAll(() => server.close());

  it('links the incidents sharing samples, strongest first, with the shared samples and actor', async () => {
    const network = await analyst.get<LinkNetwork>('/links');
    expect(network.status).toBe(200);
    expect(network.body.links).toEqual([
      // Two shared samples: 1 − (1 − 0.9)(1 − 0.45); the rifle, seen at two incidents, is rarer.
      { source: SEVARE, target: GAO, samples: [akms, CN_2015], actor: 'Katibat Macina', weight: 0.945 },
      { source: SEVARE, target: KIDAL, samples: [CN_2015], actor: null, weight: 0.45 },
      { source: KIDAL, target: GAO, samples: [CN_2015], actor: null, weight: 0.45 },
    ]);
    expect(network.body.nodes.map((n) => n.ref)).toEqual([SEVARE, GAO, KIDAL]);
    expect(network.body.nodes.find((n) => n.ref === GAO)).toEqual({
      ref: GAO,
      date: '2016-05',
      type: 'complex_attack',
      country: 'ML',
      admin1: 'Gao',
      actor: 'Katibat Macina',
    });
    expect(network.body).toMatchObject({ total: 3, truncated: false, maxIncidentsPerSample: 12 });
  });

  it('keeps the strongest links up to the limit and says the rest were cut', async () => {
    const network = await analyst.get<LinkNetwork>('/links?limit=1');
    expect(network.body.links.map((l) => [l.source, l.target])).toEqual([[SEVARE, GAO]]);
    expect(network.body.nodes.map((n) => n.ref)).toEqual([SEVARE, GAO]);
    expect(network.body).toMatchObject({ total: 3, truncated: true });
  });

  it('narrows the network to a sample, an actor or a date range', async () => {
    const bySample = await analyst.get<LinkNetwork>(`/links?sample=${enc(akms)}`);
    expect(bySample.body.links.map((l) => [l.source, l.target])).toEqual([[SEVARE, GAO]]);

    const byActor = await analyst.get<LinkNetwork>(`/links?actor=${enc('katibat macina')}`);
    expect(byActor.body.links.map((l) => [l.source, l.target])).toEqual([[SEVARE, GAO]]);

    const byDate = await analyst.get<LinkNetwork>('/links?from=2021-01-01&to=2021-12-31');
    expect(byDate.body).toMatchObject({ nodes: [], links: [], total: 0, truncated: false });

    const before = await analyst.get<LinkNetwork>('/links?to=2016-12-31&country=ml');
    expect(before.body.links.map((l) => [l.source, l.target])).toEqual([[SEVARE, GAO]]);

    const byType = await analyst.get<LinkNetwork>('/links?type=ied_attack');
    expect(byType.body.nodes).toEqual([]);
  });

  it('shows a partner only released incidents, with no link to an unreleased one', async () => {
    const network = await partner.get<LinkNetwork>('/links');
    expect(network.status).toBe(200);
    expect(network.body.nodes.map((n) => n.ref)).toEqual([SEVARE, KIDAL]);
    // Rarity is counted over what the partner sees: two incidents, so the strongest weight.
    expect(network.body.links).toEqual([
      { source: SEVARE, target: KIDAL, samples: [CN_2015], actor: null, weight: 0.9 },
    ]);
    expect(JSON.stringify(network.body)).not.toContain(GAO);
    // Asking for the sample only the unreleased Gao holds with Sévaré shows nothing of it.
    const rifle = await partner.get<LinkNetwork>(`/links?sample=${enc(akms)}`);
    expect(rifle.body).toMatchObject({ nodes: [], links: [], total: 0 });
  });

  it('refuses bad query input with 400 and says what is wrong', async () => {
    for (const [query, path] of [
      ['limit=0', 'limit'],
      ['limit=2001', 'limit'],
      ['limit=ten', 'limit'],
      ['from=yesterday', 'from'],
      ['to=2021-02-30', 'to'],
      ['country=Mali', 'country'],
      [`sample=${'x'.repeat(301)}`, 'sample'],
      ['weight=1', ''],
    ] as const) {
      const response = await analyst.get<{ error: string; issues: { path: string; message: string }[] }>(
        `/links?${query}`,
      );
      expect(response.status, query).toBe(400);
      expect(response.body.error, query).toBe('invalid request');
      expect(response.body.issues.length, query).toBeGreaterThan(0);
      if (path)
        expect(
          response.body.issues.map((i) => i.path),
          query,
        ).toContain(path);
      else expect(response.body.issues[0]!.message, query).toMatch(/weight/);
    }
    // A hostile sample is only a value to compare with.
    const hostile = await analyst.get<LinkNetwork>(`/links?sample=${enc("x' OR 1=1; DROP TABLE items; --")}`);
    expect(hostile.status).toBe(200);
    expect(hostile.body.links).toEqual([]);
    expect((await analyst.get<LinkNetwork>('/links')).body.total).toBe(3);
    expect((await server.anonymous().get('/links')).status).toBe(401);
  });

  it('lets a sample too common to be distinctive link nothing, unless it is the one asked for', async () => {
    const query = (q: Record<string, string>) => linkQuerySchema.parse(q);
    // With samples at more than two incidents too common, the Chinese ammunition links nothing.
    const strict = await linkNetwork(server.store.db, systemViewer, query({}), 2);
    expect(strict.links).toEqual([
      { source: SEVARE, target: GAO, samples: [akms], actor: 'Katibat Macina', weight: 0.9 },
    ]);
    const asked = await linkNetwork(server.store.db, systemViewer, query({ sample: CN_2015 }), 2);
    expect(asked.links.map((l) => [l.source, l.target, l.samples])).toEqual([
      [SEVARE, GAO, [akms, CN_2015]],
      [SEVARE, KIDAL, [CN_2015]],
      [KIDAL, GAO, [CN_2015]],
    ]);
  });
});

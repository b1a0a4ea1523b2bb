import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFiles } from '../demo/load';
import { type Client, startServer, type TestServer } from '../test/server';
import { importFiles } from '../transfer/import';
import { refreshLeads } from './engine';
import { systemViewer } from '../access/policy';
import { listLeads } from './leads.queries';
import type { LeadBulkDecisionView, LeadView, LeadVisit } from './leads.schema';
import { settleLeads } from './queue';

/**
 * The findings inbox of an analysis cell, over the demo theatre: filters (each counted in the
 * total), what is new since a visit, decisions in bulk, and findings resting on drafts.
 */
describe('the findings inbox', () => {
  let server: TestServer;
  let analyst: Client;
  /** Every finding, strongest first, as an analyst sees them. */
  let all: LeadView[];
  /** The incidents the findings cite, by reference. */
  let incidents: Map<string, { country: string; admin1: string | null; actor: string | null }>;

  const list = async (query: string) => {
    const answer = await analyst.get<LeadView[]>(`/leads?limit=500&${query}`);
    expect(answer.status, JSON.stringify(answer.body).slice(0, 200)).toBe(200);
    return { leads: answer.body, total: Number(answer.headers.get('x-total-count')) };
  };
  const keyOf = (l: { kind: string; subject: string }) => `${l.kind} ${l.subject}`;
  const keys = (leads: LeadView[]) => leads.map(keyOf).sort();
  const snapshot = async () => ({
    decisions: await server.store.db
      .selectFrom('lead_decisions')
      .selectAll()
      .orderBy('kind')
      .orderBy('subject')
      .execute(),
    audit: Number(
      (
        await server.store.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  });

  beforeAll(async () => {
    server = await startServer();
    expect(
      (await importFiles(server.store.db, demoFiles({ incidents: 150 }), { user: 'test' })).errors,
    ).toEqual([]);
    await settleLeads(server.store.db);
    analyst = await server.signIn('analyst', { username: 'amina' });
    await server.signIn('analyst', { username: 'brice' });
    const first = await list('');
    all = first.leads;
    expect(first.total).toBe(all.length);
    expect(all.length).toBeGreaterThan(10);
    const rows = await server.store.db
      .selectFrom('live_incidents as i')
      .leftJoin('actors', 'actors.id', 'i.actor_id')
      .select(['i.ref', 'i.country', 'i.admin1', 'actors.name as actor'])
      .execute();
    incidents = new Map(rows.map((r) => [r.ref, r]));
  }, 120_000);
  afterAll(() => server?.close());

  /** The findings of `all` with an incident meeting `test`. */
  const citing = (test: (i: { country: string; admin1: string | null; actor: string | null }) => boolean) =>
    all.filter((l) => l.incidents.some((ref) => test(incidents.get(ref)!)));

  it('filters findings by the country of any of their incidents, and counts them in the total', async () => {
    const countries = [...new Set([...incidents.values()].map((i) => i.country))];
    const country = countries.find((c) => {
      const n = citing((i) => i.country === c).length;
      return n > 0 && n < all.length;
    })!;
    expect(country).toBeDefined();
    const expected = citing((i) => i.country === country);
    const got = await list(`country=${country.toLowerCase()}`);
    expect(keys(got.leads)).toEqual(keys(expected));
    expect(got.total).toBe(expected.length);
    // The total counts them all, whatever the page.
    const page = await analyst.get<LeadView[]>(`/leads?country=${country}&limit=1`);
    expect(page.body).toHaveLength(1);
    expect(Number(page.headers.get('x-total-count'))).toBe(expected.length);
  });

  it('filters by region forgiving accents and case, and a region of no finding matches none', async () => {
    const regions = [...new Set([...incidents.values()].map((i) => i.admin1).filter((r) => r !== null))];
    // A region whose name has an accent, asked for without it and in capitals.
    const region = regions.find((r) => /\p{M}/u.test(r.normalize('NFKD')))!;
    expect(region).toBeDefined();
    const expected = citing((i) => i.admin1 === region);
    expect(expected.length).toBeGreaterThan(0);
    const asked = region.normalize('NFKD').replace(/\p{M}/gu, '').toUpperCase();
    const got = await list(`region=${encodeURIComponent(asked)}`);
    expect(keys(got.leads)).toEqual(keys(expected));
    expect(got.total).toBe(expected.length);

    const none = await list('region=Atlantis');
    expect([none.leads, none.total]).toEqual([[], 0]);
  });

  it("filters by actor: the finding's own actor or that of any of its incidents, by any case", async () => {
    const attributed = all.find((l) => l.kind === 'attribution' && l.actor)?.actor;
    const actors = [...new Set([...incidents.values()].map((i) => i.actor).filter((a) => a !== null))];
    const actor = attributed ?? actors[0]!;
    const expected = all.filter(
      (l) => l.actor === actor || l.incidents.some((ref) => incidents.get(ref)!.actor === actor),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.length);
    const got = await list(`actor=${encodeURIComponent(actor.toLowerCase())}`);
    expect(keys(got.leads)).toEqual(keys(expected));
    expect(got.total).toBe(expected.length);
    if (attributed)
      expect(got.leads.some((l) => l.kind === 'attribution' && l.actor === attributed)).toBe(true);
    expect((await list('actor=Nobody%20Known')).total).toBe(0);
  });

  it("filters by a facet of a sample's story, told alone or within a cluster, and with the kind and sample filters", async () => {
    const facetsOf = (l: LeadView) =>
      Array.isArray(l.evidence.facets) ? (l.evidence.facets as string[]) : [];
    const facet = ['spread_country', 'post_embargo', 'diversion_origin', 'spread_region'].find((f) =>
      all.some((l) => facetsOf(l).includes(f)),
    )!;
    const expected = all.filter((l) => facetsOf(l).includes(facet));
    const got = await list(`facet=${facet}`);
    expect(keys(got.leads)).toEqual(keys(expected));
    expect(got.total).toBe(expected.length);
    expect(got.leads.every((l) => facetsOf(l).includes(facet))).toBe(true);

    const sample = expected[0]!.samples[0]!;
    const kind = expected[0]!.kind;
    const both = await list(`facet=${facet}&kind=${kind}&sample=${encodeURIComponent(sample)}`);
    expect(keys(both.leads)).toEqual(
      keys(expected.filter((l) => l.kind === kind && l.samples.includes(sample))),
    );
    expect((await list(`facet=${facet}&kind=new_type`)).total).toBe(0);
  });

  it('refuses a malformed filter with a clear error', async () => {
    for (const query of [
      'country=Mali',
      'facet=gossip',
      'newSince=yesterday',
      'newSince=2024-05-01T10:00:00',
      'validatedOnly=yes',
      `region=${'x'.repeat(201)}`,
      'evidence=short',
    ]) {
      const answer = await analyst.get<{ error: string }>(`/leads?${query}`);
      expect([query, answer.status]).toEqual([query, 400]);
      expect(answer.body.error).toBeTruthy();
    }
  });

  it('remembers when each finding was first found, through a recomputation of every finding', async () => {
    expect(all.every((l) => !Number.isNaN(Date.parse(l.firstSeen)))).toBe(true);
    await server.store.db.transaction().execute((trx) => refreshLeads(trx, { full: true }));
    const again = (await list('')).leads;
    expect(new Map(again.map((l) => [keyOf(l), l.firstSeen]))).toEqual(
      new Map(all.map((l) => [keyOf(l), l.firstSeen])),
    );
  });

  it("answers each user's previous visit, and lists only the findings first found after it", async () => {
    const brice = await server.signIn('analyst', { username: 'chloe' });
    const first = await analyst.post<LeadVisit>('/leads/visit');
    expect(first.status).toBe(200);
    expect(first.body.previous).toBeNull();
    const second = (await analyst.post<LeadVisit>('/leads/visit')).body;
    expect(second.previous).toBe(first.body.visitedAt);
    // Each user has their own visits.
    expect((await brice.post<LeadVisit>('/leads/visit')).body.previous).toBeNull();

    // Two findings found after the second visit; every other one long before.
    const [a, b] = [all[3]!, all[7]!];
    const after = new Date(Date.parse(second.visitedAt) + 60_000);
    await server.store.db
      .updateTable('lead_first_seen')
      .set({ first_seen: new Date('2020-01-01') })
      .execute();
    for (const lead of [a, b])
      await server.store.db
        .updateTable('lead_first_seen')
        .set({ first_seen: after })
        .where('kind', '=', lead.kind)
        .where('subject', '=', lead.subject)
        .execute();

    const fresh = await list(`newSince=${encodeURIComponent(second.visitedAt)}`);
    expect(keys(fresh.leads)).toEqual(keys([a, b]));
    expect(fresh.total).toBe(2);
    expect(fresh.leads.every((l) => l.firstSeen === after.toISOString())).toBe(true);
    expect((await list(`newSince=${encodeURIComponent(after.toISOString())}`)).total).toBe(0);
    // Combined with another filter, still counted in the total.
    expect((await list(`newSince=2019-12-31T00:00:00Z&kind=${a.kind}`)).total).toBe(
      all.filter((l) => l.kind === a.kind).length,
    );

    expect((await (await server.signIn('documenter')).post('/leads/visit')).status).toBe(403);
  });

  it('counts and names the drafts a finding rests on, and validatedOnly hides the findings resting on any', async () => {
    const none = await list('validatedOnly=true');
    const existingDrafts = all.filter((l) => l.drafts > 0);
    expect(none.total).toBe(all.length - existingDrafts.length);

    // Two incidents of one linked cluster become drafts (set directly: how an incident became a
    // draft is not what is tested here).
    const cluster = all.find((l) => l.incidents.length >= 3 && l.drafts === 0)!;
    const drafted = cluster.incidents.slice(0, 2);
    await server.store.db
      .updateTable('incidents')
      .set({ status: 'draft' })
      .where('ref', 'in', drafted)
      .execute();

    const after = (await list('')).leads;
    const byKey = new Map(after.map((l) => [keyOf(l), l]));
    expect(byKey.get(keyOf(cluster))!.drafts).toBe(2);
    expect(byKey.get(keyOf(cluster))!.draftIncidents.sort()).toEqual([...drafted].sort());
    for (const lead of after) expect(lead.draftIncidents).toHaveLength(lead.drafts);
    const resting = after.filter((l) => l.drafts > 0);
    for (const lead of after)
      expect([keyOf(lead), lead.drafts]).toEqual([
        keyOf(lead),
        lead.incidents.filter((ref) => drafted.includes(ref)).length +
          (existingDrafts.find((l) => keyOf(l) === keyOf(lead))?.drafts ?? 0),
      ]);

    const validated = await list('validatedOnly=true');
    expect(keys(validated.leads)).toEqual(keys(after.filter((l) => l.drafts === 0)));
    expect(validated.total).toBe(after.length - resting.length);
    expect((await list('validatedOnly=false')).total).toBe(after.length);
    await server.store.db
      .updateTable('incidents')
      .set({ status: 'validated' })
      .where('ref', 'in', drafted)
      .execute();
  });

  it('confirms, dismisses for one reason and assigns several findings at once, auditing each', async () => {
    const [a, b, c] = [all[0]!, all[1]!, all[2]!];
    const before = await snapshot();
    const confirmed = await analyst.post<LeadBulkDecisionView>('/leads/decisions/bulk', {
      findings: [a, b, c].map(({ kind, subject }) => ({ kind, subject })),
      status: 'confirmed',
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.map((d) => [keyOf(d), d.decision.status])).toEqual(
      [a, b, c].map((l) => [keyOf(l), 'confirmed']),
    );
    expect(keys((await list('status=confirmed')).leads)).toEqual(keys([a, b, c]));
    expect((await snapshot()).audit).toBe(before.audit + 3);

    const dismissed = await analyst.post<LeadBulkDecisionView>('/leads/decisions/bulk', {
      findings: [b, c].map(({ kind, subject }) => ({ kind, subject })),
      status: 'dismissed',
      reason: 'Training-range casings, not attacks',
    });
    expect(dismissed.status).toBe(200);
    const listed = (await list('status=dismissed')).leads;
    expect(keys(listed)).toEqual(keys([b, c]));
    expect(listed.map((l) => l.decision?.reason)).toEqual([
      'Training-range casings, not attacks',
      'Training-range casings, not attacks',
    ]);

    const assigned = await analyst.post<LeadBulkDecisionView>('/leads/decisions/bulk', {
      findings: [a, b].map(({ kind, subject }) => ({ kind, subject })),
      assignee: 'brice',
    });
    expect(assigned.status).toBe(200);
    // An assignment leaves each finding's status as it was.
    expect(assigned.body.map((d) => [d.decision.status, d.decision.assignee])).toEqual([
      ['confirmed', 'brice'],
      ['dismissed', 'brice'],
    ]);
    expect(keys((await list('assignee=brice')).leads)).toEqual(keys([a, b]));
    const audit = await server.store.db
      .selectFrom('audit_log')
      .select(['entity_key', 'action', 'actor'])
      .where('entity', '=', 'lead')
      .where('entity_key', '=', keyOf(b))
      .orderBy('id')
      .execute();
    expect(audit.map((e) => [e.action, e.actor])).toEqual([
      ['create', 'amina'],
      ['update', 'amina'],
      ['update', 'amina'],
    ]);
  });

  it('refuses each kind of bad bulk decision with a clear 400, and changes nothing', async () => {
    const finding = ({ kind, subject }: LeadView) => ({ kind, subject });
    const some = all.slice(5, 8).map(finding);
    const before = await snapshot();
    const cases: [string, unknown][] = [
      ['an empty list', { findings: [], status: 'confirmed' }],
      [
        'more than 500 findings',
        {
          findings: Array.from({ length: 501 }, (_, i) => ({ ...some[0]!, subject: `s${i}` })),
          status: 'open',
        },
      ],
      ['an unknown kind', { findings: [...some, { kind: 'rumour', subject: 'x' }], status: 'confirmed' }],
      ['a dismissal without a reason', { findings: some, status: 'dismissed' }],
      ['an unknown assignee', { findings: some, assignee: 'nobody-of-that-name' }],
      ['no change at all', { findings: some }],
      ['a field of its own', { findings: some, status: 'confirmed', decidedBy: 'someone else' }],
    ];
    for (const [what, body] of cases) {
      const answer = await analyst.post<{ error: string; issues?: { path: string }[] }>(
        '/leads/decisions/bulk',
        body,
      );
      expect([what, answer.status]).toEqual([what, 400]);
      expect(answer.body.error).toBeTruthy();
      if (what === 'a dismissal without a reason')
        expect(answer.body.issues?.map((i) => i.path)).toContain('reason');
      if (what === 'an unknown assignee') expect(answer.body.error).toContain('nobody-of-that-name');
    }
    const malformed = await analyst.request<{ error: string }>(
      'POST',
      '/leads/decisions/bulk',
      undefined,
      '{"findings":[{"kind":"sample_story","subj',
    );
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toBeTruthy();

    // All or nothing: one finding that does not exist, and the others are not decided either.
    const missing = await analyst.post<{ error: string }>('/leads/decisions/bulk', {
      findings: [...some, { kind: 'sample_story', subject: 'no-such-sample' }],
      status: 'confirmed',
    });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toContain('no-such-sample');

    expect(await snapshot()).toEqual(before);
  });

  it('describes the new filters and routes in the OpenAPI document', async () => {
    const doc = await server.anonymous().get<{
      paths: Record<string, Record<string, { description?: string; parameters?: { name: string }[] }>>;
    }>('/openapi.json');
    expect(doc.status).toBe(200);
    const leads = doc.body.paths['/api/v1/leads']!.get!;
    expect(leads.parameters!.map((p) => p.name)).toEqual(
      expect.arrayContaining(['country', 'region', 'actor', 'facet', 'newSince', 'validatedOnly']),
    );
    expect(leads.description).toContain('validatedOnly');
    expect(doc.body.paths['/api/v1/leads/decisions/bulk']!.post!.description).toContain('All or nothing');
    expect(doc.body.paths['/api/v1/leads/visit']!.post!.description).toContain('Not audited');
  });

  it('lets a reviewer read the inbox but not decide in bulk', async () => {
    const reviewer = await server.signIn('reviewer');
    const { kind, subject } = all[0]!;
    expect(
      (await reviewer.post('/leads/decisions/bulk', { findings: [{ kind, subject }], status: 'open' }))
        .status,
    ).toBe(403);
    expect((await reviewer.get('/leads?country=ML')).status).toBe(200);
  });

  it('pages findings by cursor in both orders, each once and in the order of offsets', async () => {
    for (const sort of ['score', 'date']) {
      const every = (await list(`sort=${sort}`)).leads.map(keyOf);
      const walked: string[] = [];
      let cursor: string | null = null;
      do {
        const after: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
        const page = await analyst.get<LeadView[]>(`/leads?sort=${sort}&limit=7${after}`);
        expect([sort, page.status, Number(page.headers.get('x-total-count'))]).toEqual([
          sort,
          200,
          all.length,
        ]);
        walked.push(...page.body.map(keyOf));
        cursor = page.headers.get('x-next-cursor');
      } while (cursor);
      expect([sort, walked]).toEqual([sort, every]);
      const third = await analyst.get<LeadView[]>(`/leads?sort=${sort}&limit=7&offset=14`);
      expect(third.body.map(keyOf)).toEqual(walked.slice(14, 21));
    }
    const bad = await analyst.get<{ error: string }>(
      `/leads?cursor=${encodeURIComponent('["score",2,"x"]')}`,
    );
    expect([bad.status, bad.body.error]).toEqual([
      400,
      'cursor: not a cursor of this list in this order; take `nextCursor` from the last page',
    ]);
    const first = await analyst.get('/leads?sort=date&limit=1');
    const dateCursor = first.headers.get('x-next-cursor')!;
    expect((await analyst.get(`/leads?sort=score&cursor=${encodeURIComponent(dateCursor)}`)).status).toBe(
      400,
    );
  });

  it('carries the first references of a finding in a list, counts them all, and explains it from them all', async () => {
    const widest = all.reduce((a, b) => (b.incidentCount > a.incidentCount ? b : a));
    expect(widest.incidentCount).toBeGreaterThan(2);
    // Below the cap of a list (100), everything is carried.
    expect(widest.incidents).toHaveLength(widest.incidentCount);
    expect(widest.items).toHaveLength(widest.itemCount);
    expect(widest.samples).toHaveLength(widest.sampleCount);
    const query = { kind: widest.kind, sort: 'date' as const };
    const whole = await listLeads(server.store.db, systemViewer, query, 'fr');
    const capped = await listLeads(server.store.db, systemViewer, query, 'fr', { references: 1 });
    const find = (leads: LeadView[]) => leads.find((l) => keyOf(l) === keyOf(widest))!;
    expect(find(capped)).toEqual({
      ...find(whole),
      incidents: find(whole).incidents.slice(0, 1),
      items: find(whole).items.slice(0, 1),
      samples: find(whole).samples.slice(0, 1),
    });
    expect(find(capped).incidentCount).toBe(widest.incidentCount);
  });

  it('gives of the evidence only the facets and score terms with evidence=brief, the same findings told the same way', async () => {
    const whole = await analyst.get<LeadView[]>('/leads?limit=100&lang=fr');
    const brief = await analyst.get<LeadView[]>('/leads?limit=100&lang=fr&evidence=brief');
    expect(brief.status).toBe(200);
    expect(brief.headers.get('x-total-count')).toBe(whole.headers.get('x-total-count'));
    expect(brief.body.map(keyOf)).toEqual(whole.body.map(keyOf));
    brief.body.forEach((lead, k) => {
      const full = whole.body[k]!;
      expect(lead).toEqual({
        ...full,
        evidence: {
          ...(full.evidence.facets === undefined ? {} : { facets: full.evidence.facets }),
          scoreTerms: full.evidence.scoreTerms,
        },
      });
    });
    // Clusters tell their samples' stories in the whole evidence: the brief list leaves them out.
    expect(whole.body.some((lead) => 'stories' in lead.evidence)).toBe(true);
    const evidenceSize = (leads: LeadView[]) => JSON.stringify(leads.map((lead) => lead.evidence)).length;
    expect(evidenceSize(brief.body)).toBeLessThan(evidenceSize(whole.body) / 2);
  });
});

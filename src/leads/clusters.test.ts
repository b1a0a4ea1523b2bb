import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { components, detectLinkClusters, SERIAL_SEQUENCE_SPAN, serialSequence, sizeFactor } from './clusters';
import type { IncidentFact, Lead, LinkingOccurrence } from './facts';
import { sampleGroups } from './link-groups';
import { defaultLeadSettings } from './settings';
import { links, round } from './weight';
import { byId, incident, leadContext, occurrence } from '../test/lead-facts';

const context = leadContext;

/** The occurrences of one sample at each of `at`. */
const shared = (sampleKey: string, at: IncidentFact[], options: Parameters<typeof occurrence>[3] = {}) =>
  at.map((i) => occurrence(sampleKey, i, at.length, options));
/** What the engine keeps of occurrences to link: samples whose weight reaches `linkMinWeight`. */
const linking = (list: LinkingOccurrence[]) => list.filter((o) => links(o.weight, defaultLeadSettings));

const RIFLE = 'weapon:AKMS:ro-cugir:2011';
const OLD_AMMO = 'ammo:7.62x39:su-711:1979';

describe('linked_incidents', () => {
  it('links the incidents sharing a rare lot into one cluster, named after it', () => {
    const at = [incident(), incident(), incident()];
    const leads = detectLinkClusters(shared(RIFLE, at, { marked: true }), byId(...at), context());
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({
      kind: 'linked_incidents',
      subject: `group:${RIFLE}`,
      part: 'link',
      incidentIds: at.map((i) => i.id),
      sampleKeys: [RIFLE],
    });
  });

  it('weights a shared sample by its rarity: seen at two incidents links more than at ten', () => {
    const [a, b] = [incident(), incident()];
    // Kept however weak, to compare their strengths.
    const all = context({ settings: { ...defaultLeadSettings, findingMinScore: 0 } });
    const [pair] = detectLinkClusters(
      [occurrence('ammo:9x19:x:2019', a, 2), occurrence('ammo:9x19:x:2019', b, 2)],
      byId(a, b),
      all,
    );
    const [wide] = detectLinkClusters(
      [occurrence('ammo:9x19:y:2019', a, 10), occurrence('ammo:9x19:y:2019', b, 10)],
      byId(a, b),
      all,
    );
    expect(pair!.score).toBeGreaterThan(wide!.score);
    expect(pair!.explanation).toContain('2 incidents');
  });

  it('explains a link score by its terms, and ranks a rare lot across three countries high', () => {
    const places = ['ML', 'ML', 'BF', 'CI', 'ML'].map((country) => incident({ country }));
    const [lead] = detectLinkClusters(
      shared(RIFLE, places, { firstSeen: '2015-08-07', marked: true }),
      byId(...places),
      context(),
    );
    const terms = lead!.evidence.scoreTerms as { term: string; value: number }[];
    expect(terms.map((t) => t.term)).toEqual(['tie_strength', 'incidents_linked', 'countries']);
    expect(terms.reduce((sum, t) => sum + t.value, 0)).toBeCloseTo(lead!.score, 2);
    expect(lead!.explanation).toContain('3 countries');
    const home = places.map((i) => ({ ...i, country: 'ML' }));
    const [oneCountry] = detectLinkClusters(
      shared(RIFLE, home, { firstSeen: '2015-08-07', marked: true }),
      byId(...home),
      context(),
    );
    expect(lead!.score).toBeGreaterThan(oneCountry!.score + 0.1);
  });

  it('links nothing through a sample common in the theatre: 10 of a small theatre’s 16 incidents', () => {
    const at = Array.from({ length: 10 }, () => incident());
    const common = shared(OLD_AMMO, at, { scale: 16, firstSeen: '2013-01-01' });
    expect(linking(common)).toEqual([]);
    // Even were it loaded, the tie it makes is below any finding.
    expect(detectLinkClusters(common, byId(...at), context({ theatreScale: 16 }))).toEqual([]);
    // The near miss: a marked lot of recent rifles at 13 of 400 incidents links.
    const lot = shared(RIFLE, at.concat(Array.from({ length: 3 }, () => incident())), {
      firstSeen: '2015-08-07',
      marked: true,
    });
    expect(linking(lot)).toHaveLength(13);
  });

  it('keeps no cluster weaker than findingMinScore', () => {
    const [a, b] = [incident(), incident()];
    const weak = [a, b].map((i) => ({ ...occurrence(OLD_AMMO, i, 2), weight: 0.36 }));
    expect(detectLinkClusters(weak, byId(a, b), context())).toEqual([]);
    const lenient = context({ settings: { ...defaultLeadSettings, findingMinScore: 0.15 } });
    expect(detectLinkClusters(weak, byId(a, b), lenient)).toHaveLength(1);
  });

  it('cuts two stories that share one common sample into two clusters', () => {
    const storyA = [incident(), incident(), incident()];
    const storyB = [incident(), incident(), incident()];
    const bridge = [storyA[0]!, storyA[1]!, storyB[0]!, storyB[1]!];
    const all = [
      ...shared('ammo:12.7x108:cn-41:2019', storyA, { marked: true }),
      ...shared('weapon:M16:us-colt:2018', storyB, { marked: true }),
      ...bridge.map((i) => ({ ...occurrence(OLD_AMMO, i, 4), weight: 0.4 })),
    ];
    expect(linking(all)).toHaveLength(all.length);
    // One component of the incident graph, and one supply (the common sample meets each story at
    // two incidents): only community detection tells the stories apart.
    expect(components(all)).toHaveLength(1);
    expect(sampleGroups(all, defaultLeadSettings)).toHaveLength(1);
    const clusters = detectLinkClusters(all, byId(...storyA, ...storyB), context());
    expect(clusters.map((c) => c.incidentIds)).toEqual(
      expect.arrayContaining([storyA.map((i) => i.id), storyB.map((i) => i.id)]),
    );
    expect(clusters).toHaveLength(2);
    expect(clusters.map((c) => c.subject).sort()).toEqual([
      'group:ammo:12.7x108:cn-41:2019',
      'group:weapon:M16:us-colt:2018',
    ]);
  });

  it('keeps one story whole when every incident shares its samples', () => {
    const story = [incident(), incident(), incident(), incident()];
    const all = [
      ...shared('ammo:12.7x108:cn-41:2019', story, { marked: true }),
      ...story.map((i) => ({ ...occurrence(OLD_AMMO, i, 4), weight: 0.4 })),
    ];
    const clusters = detectLinkClusters(all, byId(...story), context());
    expect(clusters.map((c) => c.incidentIds)).toEqual([story.map((i) => i.id)]);
    expect(clusters[0]!.sampleKeys).toEqual(['ammo:12.7x108:cn-41:2019', OLD_AMMO]);
  });

  it('ranks a batch firmly holding six incidents above one holding two, on the size term alone', () => {
    expect([2, 3, 4, 6, 20].map((n) => round(sizeFactor(n)))).toEqual([0, 0.431, 0.683, 1, 1]);
    const pair = [incident(), incident()];
    const six = Array.from({ length: 6 }, () => incident());
    // The same weight at both, to compare the size term alone.
    const equal = (at: IncidentFact[]) =>
      shared(RIFLE, at, { marked: true }).map((o) => ({ ...o, weight: 0.9 }));
    const [small] = detectLinkClusters(equal(pair), byId(...pair), context());
    const [large] = detectLinkClusters(equal(six), byId(...six), context());
    const size = (lead: typeof small) =>
      (lead!.evidence.scoreTerms as { term: string; value: number }[]).find(
        (t) => t.term === 'incidents_linked',
      );
    expect(size(small)).toBeUndefined();
    expect(size(large)?.value).toBe(round(0.15 * 0.9));
    expect(large!.score).toBeGreaterThan(small!.score);
  });

  it('never ranks a cluster below the strongest story it tells would rank alone', () => {
    const pair = [incident(), incident()];
    const occurrences = shared(RIFLE, pair, { marked: true });
    const story = (score: number): Lead => ({
      kind: 'sample_story',
      subject: RIFLE,
      part: `sample:${RIFLE}`,
      incidentIds: pair.map((i) => i.id),
      itemIds: [],
      sampleKeys: [RIFLE],
      actorId: null,
      score,
      date: '2020-01-01',
      explanation: '',
      evidence: { facets: ['post_embargo'], scoreTerms: [{ term: 'post_embargo', value: score }] },
    });
    const [weak] = detectLinkClusters(occurrences, byId(...pair), context(), new Map([[RIFLE, story(0.3)]]));
    const [strong] = detectLinkClusters(
      occurrences,
      byId(...pair),
      context(),
      new Map([[RIFLE, story(0.9)]]),
    );
    // A weak story adds 60% of its facets; a strong one is never lowered by being told in a cluster.
    expect(weak!.score).toBeCloseTo(0.55 * Number(weak!.evidence.meanTie) + 0.6 * 0.3, 2);
    expect(strong!.score).toBeGreaterThanOrEqual(0.9);
    expect(strong!.evidence.facets).toEqual(['post_embargo']);
  });

  it('tells a run of serial numbers across a batch’s incidents, and none when they are far apart', () => {
    const at = [incident({ country: 'ML' }), incident({ country: 'ML' }), incident({ country: 'BF' })];
    const numbered = (serials: string[]) =>
      detectLinkClusters(
        at.map((i, k) => occurrence(RIFLE, i, 3, { serialKey: serials[k]! })),
        byId(...at),
        context(),
      )[0]!;
    const inSequence = numbered(['1904711', '1904714', '1904720']);
    const apart = numbered(['1904711', '1931207', '1988410']);
    expect(inSequence.evidence.serialSequence).toEqual({
      sample: RIFLE,
      incidents: 3,
      first: '1904711',
      last: '1904720',
    });
    expect(inSequence.explanation).toContain('serial numbers in sequence (1904711 to 1904720)');
    expect(apart.evidence.serialSequence).toBeUndefined();
    expect(apart.explanation).not.toContain('in sequence');
  });

  it('counts as a run neither one weapon recorded twice, nor numbers with other letters or far apart', () => {
    const [a, b, c] = [incident(), incident(), incident()];
    const numbered = (sample: string, at: IncidentFact, serialKey: string) =>
      occurrence(sample, at, 3, { serialKey });
    // The same rifle at two incidents: a serial-number match, not a run.
    expect(serialSequence([numbered(RIFLE, a, '1904711'), numbered(RIFLE, b, '1904711')])).toBeUndefined();
    // Other letters, or more than SERIAL_SEQUENCE_SPAN apart.
    expect(serialSequence([numbered(RIFLE, a, 'AK31207'), numbered(RIFLE, b, 'KA31208')])).toBeUndefined();
    expect(
      serialSequence([
        numbered(RIFLE, a, '31207'),
        numbered(RIFLE, b, String(31207 + SERIAL_SEQUENCE_SPAN + 1)),
      ]),
    ).toBeUndefined();
    // Two rifles of one incident in sequence link nothing by themselves.
    expect(serialSequence([numbered(RIFLE, a, '31207'), numbered(RIFLE, a, '31208')])).toBeUndefined();
    // Another sample's numbers do not extend the run.
    expect(
      serialSequence([numbered(RIFLE, a, '31207'), numbered('weapon:PKM:ru-izhmash:2016', b, '31208')]),
    ).toBeUndefined();
    // The longest run wins: three incidents within the span, step by step.
    expect(
      serialSequence([
        numbered(RIFLE, a, 'AK31207'),
        numbered(RIFLE, b, 'AK31240'),
        numbered(RIFLE, c, 'AK31280'),
        numbered(RIFLE, c, 'AK99000'),
      ]),
    ).toEqual({ sample: RIFLE, incidents: 3, first: 'AK31207', last: 'AK31280' });
  });

  it('tells the same run whatever order the occurrences come in, when two runs are as long', () => {
    const [a, b] = [incident(), incident()];
    // One sample, two runs of other letters: the first by its letters is told.
    const list = [
      occurrence(RIFLE, a, 2, { serialKey: 'KM611201' }),
      occurrence(RIFLE, b, 2, { serialKey: 'KM611207' }),
      occurrence(RIFLE, a, 2, { serialKey: 'AK611201' }),
      occurrence(RIFLE, b, 2, { serialKey: 'AK611207' }),
    ];
    const run = { sample: RIFLE, incidents: 2, first: 'AK611201', last: 'AK611207' };
    expect(serialSequence(list)).toEqual(run);
    expect(serialSequence([...list].reverse())).toEqual(run);
  });

  it('does not link forces’ losses through the stock they were lost from, but links a loss to the attacks using it', () => {
    const captures = ['battlefield_capture', 'theft_loss', 'battlefield_capture'].map((type) =>
      incident({ type: type as IncidentFact['type'] }),
    );
    const attacks = [incident(), incident()];
    const lot = 'ammo:7.62x54R:eg-27:2015';
    // The same lot at three losses: the holder had it; no supply links them.
    expect(detectLinkClusters(shared(lot, captures), byId(...captures), context())).toEqual([]);
    // The same lot at a loss and two attacks after it: the story of a diversion.
    const after = [captures[0]!, ...attacks];
    const [diverted] = detectLinkClusters(shared(lot, after), byId(...after), context());
    expect(diverted?.incidentIds).toEqual(after.map((i) => i.id));
    // Attacks and losses of one lot: the attacks stay linked, however many losses share it.
    const all = [...captures, ...attacks];
    const [mixed] = detectLinkClusters(shared(lot, all), byId(...all), context());
    expect(mixed!.score).toBeLessThanOrEqual(diverted!.score);
    expect(mixed!.incidentIds).toEqual(expect.arrayContaining(attacks.map((i) => i.id)));
  });

  it('keeps separate components separate, and a sample seen once links nothing', () => {
    const [a, b, c, d, e] = [incident(), incident(), incident(), incident(), incident()];
    const marked = { marked: true };
    const all = [
      ...shared('ammo:9x19:x:2019', [a, b], marked),
      ...shared('ammo:9x19:y:2019', [c, d], marked),
    ];
    const lone = occurrence('ammo:9x19:z:2019', e, 1);
    const clusters = detectLinkClusters([...all, lone], byId(a, b, c, d, e), context());
    expect(clusters.map((l) => l.incidentIds).sort()).toEqual([
      [a.id, b.id],
      [c.id, d.id],
    ]);
  });

  it('finds one component through a sample listed latest incident first', () => {
    const [a, b, c] = [incident(), incident(), incident()];
    const rifle = shared(RIFLE, [c, b, a], { marked: true });
    expect(components(rifle)).toHaveLength(1);
    // And through two samples joined at one incident, each listed in another order.
    const [d, e] = [incident(), incident()];
    const chained = [...shared('ammo:9x19:x:2019', [e, c]), ...rifle, ...shared('ammo:9x19:y:2019', [a, d])];
    expect(components(chained).map((list) => new Set(list.map((o) => o.incidentId)).size)).toEqual([5]);
  });

  it('finds the same clusters whatever order the occurrences come in (a refresh loads them by sample, a full computation by item)', () => {
    const at = Array.from({ length: 9 }, () => incident());
    const pick = (...k: number[]) => k.map((i) => at[i]!);
    const all = [
      ...shared('ammo:12.7x108:cn-41:2019', pick(0, 1, 2, 3), { marked: true }),
      ...shared('weapon:M16:us-colt:2018', pick(4, 5, 6), { marked: true }),
      ...shared(RIFLE, pick(6, 7, 8), { marked: true }),
      ...pick(2, 3, 4, 5, 8).map((i) => ({ ...occurrence(OLD_AMMO, i, 5), weight: 0.4 })),
    ];
    const incidents = byId(...at);
    const found = (list: LinkingOccurrence[]) =>
      detectLinkClusters(list, incidents, context())
        .map((l) => ({ subject: l.subject, incidents: l.incidentIds, score: l.score }))
        .sort((x, y) => (x.subject < y.subject ? -1 : 1));
    const expected = found(all);
    expect(expected.length).toBeGreaterThan(1);
    fc.assert(
      fc.property(fc.shuffledSubarray(all, { minLength: all.length }), (shuffled) => {
        expect(found(shuffled)).toEqual(expected);
      }),
      { numRuns: 200, seed: 20261203 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import {
  detectAttribution,
  detectIncidentLeads,
  detectLinkGroup,
  detectSampleLeads,
  detectSerialLeads,
  type LinkingOccurrence,
} from './detect';
import type { EmbargoFact, IncidentFact, ItemFact, LeadContext } from './facts';
import { sampleGroups } from './link-groups';
import { defaultLeadSettings } from './settings';
import { links, sampleWeight } from './weight';

// Factories: a theatre is written as a few incidents and items; each test states only what matters.
let nextId = 1;
function incident(overrides: Partial<IncidentFact> = {}): IncidentFact {
  const id = overrides.id ?? nextId++;
  return {
    id,
    ref: `INC-${id}`,
    date: '2020-01-01',
    type: 'ied_attack',
    country: 'ML',
    admin1: 'Mopti',
    actorId: null,
    ...overrides,
  };
}
function item(at: IncidentFact, overrides: Partial<ItemFact> = {}): ItemFact {
  const id = overrides.id ?? nextId++;
  return {
    id,
    ref: `ITEM-${id}`,
    incidentId: at.id,
    category: 'ammunition',
    sampleKey: 'ammo:7.62x39:su-711:1979',
    modelKey: null,
    calibreKey: '7.62x39',
    manufacturerKey: 'su-711',
    year: 1979,
    lot: null,
    serial: null,
    serialKey: null,
    quantity: 1,
    ...overrides,
  };
}
const JNIM = 1;
const MACINA = 2;
const ISGS = 3;
function context(overrides: Partial<LeadContext> = {}): LeadContext {
  return {
    settings: defaultLeadSettings,
    theatreScale: 512,
    actors: new Map([
      [JNIM, { name: 'JNIM', parentId: null }],
      [MACINA, { name: 'Katibat Macina', parentId: JNIM }],
      [ISGS, { name: 'ISGS', parentId: null }],
    ]),
    embargoes: [],
    baselines: new Map(),
    ...overrides,
  };
}
const embargo = (overrides: Partial<EmbargoFact>): EmbargoFact => ({
  id: 1,
  regime: 'Test embargo',
  scope: 'territory',
  country: 'CI',
  actorIds: [],
  start: '2004-11-15',
  end: null,
  ...overrides,
});
const byId = (...list: IncidentFact[]) => new Map(list.map((i) => [i.id, i]));
const kinds = (leads: { kind: string }[]) => leads.map((l) => l.kind);

describe('post_embargo', () => {
  const ci = context({ embargoes: [embargo({})] });
  it('flags materiel produced after a territorial embargo began, recovered there while it is in force', () => {
    const at = incident({ country: 'CI', date: '2012-03-22' });
    const leads = detectIncidentLeads(
      at,
      [item(at, { year: 2009, sampleKey: 'ammo:7.62x39:cn-61:2009' })],
      ci,
    ).filter((l) => l.kind === 'post_embargo');
    expect(leads).toHaveLength(1);
    expect(leads[0]!.score).toBe(0.9);
    expect(leads[0]!.explanation).toContain('produced in 2009, after the Test embargo began (2004-11-15)');
  });

  it('flags production in the embargo’s first year with lower confidence', () => {
    const at = incident({ country: 'CI', date: '2012-03-22' });
    const [lead] = detectIncidentLeads(at, [item(at, { year: 2004 })], ci).filter(
      (l) => l.kind === 'post_embargo',
    );
    expect(lead?.score).toBe(0.5);
  });

  it('flags nothing before the embargo is in force, after it ends, elsewhere, or for older materiel', () => {
    const before = incident({ country: 'CI', date: '2004-06-01' });
    const after = incident({ country: 'CI', date: '2017-01-01' });
    const elsewhere = incident({ country: 'ML', date: '2012-01-01' });
    const old = incident({ country: 'CI', date: '2012-01-01' });
    const ended = context({ embargoes: [embargo({ end: '2016-04-28' })] });
    expect(kinds(detectIncidentLeads(before, [item(before, { year: 2004 })], ended))).not.toContain(
      'post_embargo',
    );
    expect(kinds(detectIncidentLeads(after, [item(after, { year: 2010 })], ended))).not.toContain(
      'post_embargo',
    );
    expect(kinds(detectIncidentLeads(elsewhere, [item(elsewhere, { year: 2010 })], ended))).not.toContain(
      'post_embargo',
    );
    expect(kinds(detectIncidentLeads(old, [item(old, { year: 1990 })], ended))).not.toContain('post_embargo');
  });

  it('covers an actor through a regime listing its parent group, but not an unlisted actor', () => {
    const listed = context({
      embargoes: [embargo({ scope: 'actors', country: null, actorIds: [JNIM], start: '2013-01-01' })],
    });
    const macina = incident({ actorId: MACINA, date: '2017-05-01' });
    const isgs = incident({ actorId: ISGS, date: '2017-05-01' });
    const [lead] = detectIncidentLeads(macina, [item(macina, { year: 2015 })], listed).filter(
      (l) => l.kind === 'post_embargo',
    );
    expect(lead?.explanation).toContain('Katibat Macina, a listed actor through its parent group');
    expect(kinds(detectIncidentLeads(isgs, [item(isgs, { year: 2015 })], listed))).not.toContain(
      'post_embargo',
    );
  });
});

describe('rapid_diversion', () => {
  it('flags materiel used within two years of production, scored by how soon', () => {
    const at = incident({ date: '2017-03-01' });
    const leads = detectIncidentLeads(
      at,
      [item(at, { year: 2016, sampleKey: 'a:1:x:2016' }), item(at, { year: 2015, sampleKey: 'a:2:x:2015' })],
      context(),
    ).filter((l) => l.kind === 'rapid_diversion');
    expect(leads.map((l) => l.evidence.years)).toEqual([1, 2]);
    expect(leads[0]!.score).toBeGreaterThan(leads[1]!.score);
  });

  it('does not flag older materiel, nor materiel at the diversion event itself', () => {
    const attack = incident({ date: '2017-03-01' });
    const theft = incident({ date: '2017-03-01', type: 'theft_loss' });
    expect(kinds(detectIncidentLeads(attack, [item(attack, { year: 2014 })], context()))).not.toContain(
      'rapid_diversion',
    );
    expect(kinds(detectIncidentLeads(theft, [item(theft, { year: 2016 })], context()))).not.toContain(
      'rapid_diversion',
    );
  });
});

describe('sample history', () => {
  const sample = 'weapon:AKMS:ro-cugir:2011';
  const rifle = (at: IncidentFact) =>
    item(at, {
      category: 'weapon',
      sampleKey: sample,
      modelKey: 'AKMS',
      manufacturerKey: 'ro-cugir',
      year: 2011,
      calibreKey: '7.62x39',
    });

  it('reports the first appearance of a sample once, at its earliest incident', () => {
    const a = incident({ date: '2015-08-07', ref: 'Sévaré' });
    const b = incident({ date: '2016-01-15', ref: 'Ouagadougou' });
    const leads = detectSampleLeads(sample, [rifle(b), rifle(a)], byId(a, b), context()).filter(
      (l) => l.kind === 'new_sample',
    );
    expect(leads).toHaveLength(1);
    expect(leads[0]!.incidentIds).toEqual([a.id]);
    expect(leads[0]!.explanation).toContain('Sévaré (2015-08-07); seen at 1 later incident(s)');
  });

  it('flags a sample missing from the national baseline, but not one the forces hold', () => {
    const a = incident({ country: 'ML' });
    const held = context({
      baselines: new Map([
        [
          'ML',
          [
            {
              holder: 'FAMa',
              category: 'weapon',
              modelKey: 'AKMS',
              calibreKey: null,
              manufacturerKey: 'ro-cugir',
              year: null,
            },
          ],
        ],
      ]),
    });
    const other = context({
      baselines: new Map([
        [
          'ML',
          [
            {
              holder: 'FAMa',
              category: 'weapon',
              modelKey: 'AKM',
              calibreKey: null,
              manufacturerKey: 'su-izhmash',
              year: 1976,
            },
          ],
        ],
      ]),
    });
    expect(kinds(detectSampleLeads(sample, [rifle(a)], byId(a), held))).not.toContain('not_in_baseline');
    const [lead] = detectSampleLeads(sample, [rifle(a)], byId(a), other).filter(
      (l) => l.kind === 'not_in_baseline',
    );
    expect(lead?.explanation).toContain('not among the weapon known to be held by FAMa');
  });

  it('says nothing about the baseline where a country has none for that category', () => {
    const a = incident({ country: 'ML' });
    const ammoOnly = context({
      baselines: new Map([
        [
          'ML',
          [
            {
              holder: 'FAMa',
              category: 'ammunition',
              modelKey: null,
              calibreKey: '7.62x39',
              manufacturerKey: null,
              year: null,
            },
          ],
        ],
      ]),
    });
    expect(kinds(detectSampleLeads(sample, [rifle(a)], byId(a), ammoOnly))).not.toContain('not_in_baseline');
    expect(kinds(detectSampleLeads(sample, [rifle(a)], byId(a), context()))).not.toContain('not_in_baseline');
  });

  it('matches a sample to a diversion event documented before its later use', () => {
    const capture = incident({ date: '2016-08-11', type: 'battlefield_capture', ref: 'Youwarou' });
    const killing = incident({ date: '2016-09-18', type: 'assassination', ref: 'Sofara' });
    const [lead] = detectSampleLeads(
      sample,
      [rifle(capture), rifle(killing)],
      byId(capture, killing),
      context(),
    ).filter((l) => l.kind === 'diversion_match');
    expect(lead?.incidentIds).toEqual([capture.id, killing.id]);
    expect(lead?.explanation).toContain('diversion event Youwarou (battlefield capture, 2016-08-11)');
  });

  it('does not match a diversion event that came after every use', () => {
    const killing = incident({ date: '2016-01-01', type: 'assassination' });
    const capture = incident({ date: '2016-08-11', type: 'battlefield_capture' });
    const leads = detectSampleLeads(
      sample,
      [rifle(capture), rifle(killing)],
      byId(capture, killing),
      context(),
    );
    expect(kinds(leads)).not.toContain('diversion_match');
  });

  it('calls spread when a sample confined to its area for six months reaches a new region', () => {
    const south = [
      incident({ date: '2017-01-10', admin1: 'Mopti' }),
      incident({ date: '2017-05-10', admin1: 'Ségou' }),
      incident({ date: '2018-02-01', admin1: 'Mopti' }),
    ];
    const north = incident({ date: '2018-03-01', admin1: 'Tombouctou', ref: 'Goundam' });
    const leads = detectSampleLeads(
      sample,
      [...south, north].map(rifle),
      byId(...south, north),
      context(),
    ).filter((l) => l.kind === 'spread');
    expect(leads).toHaveLength(1);
    expect(leads[0]!.incidentIds).toEqual([north.id]);
    expect(leads[0]!.evidence).toMatchObject({
      previousArea: ['ML/Mopti', 'ML/Ségou'],
      months: 9,
      newCountry: false,
    });
  });

  it('does not call spread when the area grew less than six months before', () => {
    const a = incident({ date: '2017-01-10', admin1: 'Mopti' });
    const b = incident({ date: '2017-02-10', admin1: 'Mopti' });
    const c = incident({ date: '2017-03-10', admin1: 'Ségou' });
    const leads = detectSampleLeads(sample, [a, b, c].map(rifle), byId(a, b, c), context());
    expect(kinds(leads)).not.toContain('spread');
  });

  it('scores a new country above a new region', () => {
    const a = incident({ date: '2017-01-10', admin1: 'Mopti' });
    const b = incident({ date: '2017-02-10', admin1: 'Mopti' });
    const c = incident({ date: '2018-03-10', country: 'BF', admin1: 'Sahel' });
    const [lead] = detectSampleLeads(sample, [a, b, c].map(rifle), byId(a, b, c), context()).filter(
      (l) => l.kind === 'spread',
    );
    expect(lead?.explanation).toContain('a new country, BF');
    const d = incident({ date: '2018-03-10', admin1: 'Ségou' });
    const [region] = detectSampleLeads(sample, [a, b, d].map(rifle), byId(a, b, d), context()).filter(
      (l) => l.kind === 'spread',
    );
    expect(lead!.score).toBeGreaterThan(region!.score);
    expect(lead?.evidence.scoreTerms).toContainEqual({ term: 'new country', value: 0.45 });
  });
});

describe('diversion_match by serial number', () => {
  it('matches a weapon lost at a theft to the same serial used later', () => {
    const theft = incident({ date: '2013-04-01', type: 'theft_loss', ref: 'Ber' });
    const attack = incident({ date: '2015-01-01', type: 'small_arms_fire' });
    const lost = item(theft, { category: 'weapon', modelKey: 'AKM', serial: 'TA 1637', serialKey: 'TA1637' });
    const found = item(attack, {
      category: 'weapon',
      modelKey: 'AKM',
      serial: 'TA-1637',
      serialKey: 'TA1637',
    });
    const [lead] = detectSerialLeads('TA1637', [found, lost], byId(theft, attack));
    expect(lead?.score).toBe(0.95);
    expect(lead?.itemIds).toEqual([lost.id, found.id]);
  });

  it('does not match the same serial on different models', () => {
    const theft = incident({ date: '2013-04-01', type: 'theft_loss' });
    const attack = incident({ date: '2015-01-01' });
    const lost = item(theft, { category: 'weapon', modelKey: 'AKM', serialKey: '12345' });
    const found = item(attack, { category: 'weapon', modelKey: 'G3', serialKey: '12345' });
    expect(detectSerialLeads('12345', [lost, found], byId(theft, attack))).toEqual([]);
  });
});

describe('links and attribution', () => {
  /** An occurrence of a sample at `incidents` incidents, weighed as the engine does. */
  const occurrence = (
    sampleKey: string,
    at: IncidentFact,
    incidents: number,
    { scale = 512, firstSeen = '2020-01-01', marked = false } = {},
  ): LinkingOccurrence => ({
    sampleKey,
    incidentId: at.id,
    itemId: nextId++,
    incidents,
    weight: sampleWeight({ sampleKey, incidents, firstSeen, marked }, scale, defaultLeadSettings).weight,
  });
  /** What the engine keeps of occurrences to link: samples whose weight reaches `linkMinWeight`. */
  const linking = (list: LinkingOccurrence[]) => list.filter((o) => links(o.weight, defaultLeadSettings));

  it('weights a shared sample by its rarity: seen at two incidents links more than at ten', () => {
    const [a, b] = [incident(), incident()];
    const pair = detectLinkGroup(
      [occurrence('s:rare', a, 2), occurrence('s:rare', b, 2)],
      byId(a, b),
      context(),
    );
    const wide = detectLinkGroup(
      [occurrence('s:wide', a, 10), occurrence('s:wide', b, 10)],
      byId(a, b),
      context(),
    );
    expect(pair.score).toBeGreaterThan(wide.score);
    expect(pair.explanation).toContain('2 incidents');
  });

  it('explains a link score by its terms, and ranks a rare lot across three countries high', () => {
    const places = ['ML', 'ML', 'BF', 'CI', 'ML'].map((country) => incident({ country }));
    const rifle = 'weapon:AKMS:ro-cugir:2011';
    const lead = detectLinkGroup(
      places.map((i) => occurrence(rifle, i, 5, { firstSeen: '2015-08-07', marked: true })),
      byId(...places),
      context(),
    );
    const terms = lead.evidence.scoreTerms as { term: string; value: number }[];
    expect(terms.map((t) => t.term)).toEqual(['tie strength', 'incidents linked', 'countries']);
    expect(terms.reduce((sum, t) => sum + t.value, 0)).toBeCloseTo(lead.score, 2);
    expect(lead.score).toBeGreaterThan(0.75);
    expect(lead.explanation).toContain('3 countries');
  });

  it('links nothing through a sample seen at most incidents, nor at 10 of a small theatre’s 16', () => {
    const common = { sampleKey: 'ammo:7.62x39:su-711:1979', firstSeen: '2013-01-01', marked: false };
    expect(sampleWeight({ ...common, incidents: 300 }, 512, defaultLeadSettings).weight).toBeLessThan(0.1);
    expect(
      links(sampleWeight({ ...common, incidents: 10 }, 16, defaultLeadSettings).weight, defaultLeadSettings),
    ).toBe(false);
    const [a, b] = [incident(), incident()];
    expect(
      linking([occurrence('s:common', a, 10, { scale: 16 }), occurrence('s:common', b, 10, { scale: 16 })]),
    ).toEqual([]);
  });

  it('links a marked lot of recent rifles seen at 13 of 400 incidents', () => {
    const lot = {
      sampleKey: 'weapon:AKMS:ro-cugir:2011',
      incidents: 13,
      firstSeen: '2015-08-07',
      marked: true,
    };
    expect(links(sampleWeight(lot, 512, defaultLeadSettings).weight, defaultLeadSettings)).toBe(true);
  });

  it('does not merge an unrelated story into a cluster through a sample common in the theatre', () => {
    const storyA = [incident(), incident(), incident()];
    const storyB = [incident(), incident(), incident()];
    const elsewhere = Array.from({ length: 8 }, () => incident());
    const small = { scale: 16 };
    const all = [
      ...storyA.map((i) => occurrence('ammo:12.7x108:cn-41:2019', i, 3, small)),
      ...storyB.map((i) => occurrence('weapon:M16:us-colt:2018', i, 3, small)),
      ...[storyA[0]!, storyA[1]!, storyB[0]!, storyB[1]!, ...elsewhere].map((i) =>
        occurrence('ammo:7.62x39:su-711:1979', i, 12, small),
      ),
    ];
    // Under the old fixed count (≤ 12 incidents) the common ammunition joined both stories.
    expect(sampleGroups(all, { ...defaultLeadSettings, groupMinOverlap: 0.01 })).toHaveLength(1);
    const groups = sampleGroups(linking(all), defaultLeadSettings);
    expect(groups.map((g) => new Set(g.map((o) => o.incidentId)).size)).toEqual([3, 3]);
  });

  it('suggests the one actor of the incidents sharing an unattributed incident’s samples', () => {
    const unknown = incident({ ref: 'Bandiagara', type: 'assassination' });
    const known = [incident({ actorId: MACINA }), incident({ actorId: MACINA }), incident({ actorId: JNIM })];
    const occurrences = [unknown, ...known].map((i) => occurrence('ammo:7.62x39:sd-mic:2015', i, 4));
    const lead = detectAttribution(unknown, occurrences, byId(unknown, ...known), context());
    expect(lead?.actorId).toBe(MACINA);
    expect(lead?.explanation).toContain('3 incidents all attributed to Katibat Macina');
  });

  it('suggests nobody when the sharing incidents are attributed to different groups', () => {
    const unknown = incident();
    const known = [incident({ actorId: MACINA }), incident({ actorId: ISGS })];
    const occurrences = [unknown, ...known].map((i) => occurrence('s:x', i, 3));
    expect(detectAttribution(unknown, occurrences, byId(unknown, ...known), context())).toBeUndefined();
  });

  it('needs at least two attributed incidents before suggesting an actor', () => {
    const unknown = incident();
    const known = incident({ actorId: ISGS });
    const occurrences = [unknown, known].map((i) => occurrence('s:x', i, 2));
    expect(detectAttribution(unknown, occurrences, byId(unknown, known), context())).toBeUndefined();
  });

  it('attributes through a rare rifle lot shared with one group, despite common ammunition shared with others', () => {
    const unknown = incident({ ref: 'Ménaka', date: '2016-03-01' });
    const macina = Array.from({ length: 4 }, () => incident({ actorId: MACINA }));
    const isgs = Array.from({ length: 10 }, () => incident({ actorId: ISGS }));
    const rifle = 'weapon:AKMS:ro-cugir:2011';
    const ammo = 'ammo:7.62x39:su-711:1979';
    const occurrences = linking([
      ...[unknown, ...macina].map((i) => occurrence(rifle, i, 5, { firstSeen: '2015-08-07', marked: true })),
      ...[unknown, macina[0]!, ...isgs].map((i) => occurrence(ammo, i, 12, { firstSeen: '2013-01-01' })),
    ]);
    expect(new Set(occurrences.map((o) => o.sampleKey))).toEqual(new Set([rifle, ammo]));
    const lead = detectAttribution(unknown, occurrences, byId(unknown, ...macina, ...isgs), context());
    expect(lead?.actorId).toBe(MACINA);
    expect(lead?.incidentIds).toEqual([unknown.id, ...macina.map((i) => i.id)]);
    expect(lead?.explanation).toContain('next: ISGS');
    expect(lead?.evidence.evidenceShare).toBeGreaterThan(0.5);
  });

  it('does not attribute an attack to a group through that group’s common supply', () => {
    const unknown = incident();
    const staple = Array.from({ length: 9 }, () => incident({ actorId: ISGS }));
    const occurrences = [unknown, ...staple].map((i) =>
      occurrence('ammo:7.62x39:su-711:1979', i, 10, { scale: 16 }),
    );
    expect(linking(occurrences)).toEqual([]);
    expect(
      detectAttribution(unknown, linking(occurrences), byId(unknown, ...staple), context()),
    ).toBeUndefined();
  });

  it('suggests nobody when the leading actor carries less than twice the next one’s weight', () => {
    const unknown = incident();
    const macina = [incident({ actorId: MACINA }), incident({ actorId: MACINA })];
    const isgs = [incident({ actorId: ISGS }), incident({ actorId: ISGS })];
    const occurrences = [
      ...[unknown, ...macina].map((i) => occurrence('s:a', i, 3)),
      ...[unknown, ...isgs].map((i) => occurrence('s:b', i, 4)),
    ];
    expect(
      detectAttribution(unknown, occurrences, byId(unknown, ...macina, ...isgs), context()),
    ).toBeUndefined();
  });
});

describe('scores across kinds', () => {
  it('ranks a first-seen ordinary old ammunition sample below a recent marked rifle', () => {
    const a = incident({ date: '2015-08-07' });
    const ordinary = detectSampleLeads('ammo:7.62x39:su-711:1979', [item(a)], byId(a), context()).find(
      (l) => l.kind === 'new_sample',
    )!;
    const rifle = detectSampleLeads(
      'weapon:AKMS:ro-cugir:2011',
      [item(a, { category: 'weapon', sampleKey: 'weapon:AKMS:ro-cugir:2011', year: 2011, serialKey: 'X1' })],
      byId(a),
      context(),
    ).find((l) => l.kind === 'new_sample')!;
    expect(ordinary.score).toBeLessThanOrEqual(0.25);
    expect(rifle.score).toBeGreaterThan(ordinary.score + 0.3);
    expect(ordinary.evidence.scoreTerms).toEqual([{ term: 'first appearance', value: 0.2 }]);
  });

  it('ranks post-embargo production and serial matches above routine sample leads', () => {
    const at = incident({ country: 'CI', date: '2012-03-22' });
    const [embargoLead] = detectIncidentLeads(
      at,
      [item(at, { year: 2009, sampleKey: 'ammo:7.62x39:cn-61:2009' })],
      context({ embargoes: [embargo({})] }),
    ).filter((l) => l.kind === 'post_embargo');
    const [sampleLead] = detectSampleLeads(
      'ammo:7.62x39:su-711:1979',
      [item(at)],
      byId(at),
      context(),
    ).filter((l) => l.kind === 'new_sample');
    expect(embargoLead!.score).toBeGreaterThan(sampleLead!.score);
    expect(embargoLead!.evidence.scoreTerms).toEqual([
      { term: 'produced after the embargo began', value: 0.9 },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import type { BaselineFact, EmbargoFact, IncidentFact, ItemFact, Lead, LeadContext } from './facts';
import { detectStory, FACET_VALUE, storyCeiling } from './story';
import { materielFactor, round } from './weight';
import { byId, incident, ISGS, item as fact, JNIM, leadContext, MACINA } from '../test/lead-facts';

/** An item of 7.62x39 ammunition from factory 711, 1979, unless `overrides` say otherwise. */
const item = (at: IncidentFact, overrides: Partial<ItemFact> = {}) =>
  fact(at, {
    category: 'ammunition',
    sampleKey: 'ammo:7.62x39:su-711:1979',
    calibreKey: '7.62x39',
    manufacturerKey: 'su-711',
    year: 1979,
    ...overrides,
  });
const context = leadContext;
const embargo = (overrides: Partial<EmbargoFact> = {}): EmbargoFact => ({
  id: 1,
  regime: 'Test embargo',
  scope: 'territory',
  country: 'CI',
  actorIds: [],
  start: '2004-11-15',
  end: null,
  ...overrides,
});
const baseline = (overrides: Partial<BaselineFact>): BaselineFact => ({
  holder: 'FAMa',
  category: 'weapon',
  modelKey: null,
  calibreKey: null,
  manufacturerKey: null,
  year: null,
  ...overrides,
});

/** The story of one sample documented by `items`, each at one of `incidents`. */
function story(items: ItemFact[], incidents: IncidentFact[], ctx = context()): Lead | undefined {
  return detectStory(items[0]!.sampleKey ?? `item:${items[0]!.id}`, items, byId(...incidents), ctx);
}
const facets = (lead: Lead | undefined) => (lead?.evidence.facets as string[] | undefined) ?? [];
const term = (lead: Lead | undefined, name: string) =>
  (lead?.evidence.scoreTerms as { term: string; value: number }[] | undefined)?.find((t) => t.term === name)
    ?.value;

/** One recent rifle lot: old enough at its use not to count as rapid diversion. */
const RIFLE = 'weapon:AKMS:ro-cugir:2011';
const rifle = (at: IncidentFact) =>
  item(at, {
    category: 'weapon',
    sampleKey: RIFLE,
    modelKey: 'AKMS',
    manufacturerKey: 'ro-cugir',
    year: 2011,
    calibreKey: '7.62x39',
  });
const rifles = (...at: IncidentFact[]) => story(at.map(rifle), at);

describe('a sample story', () => {
  it('is no finding when a sample seen once has nothing beyond its first appearance', () => {
    const at = incident({ date: '2017-03-01' });
    expect(story([rifle(at)], [at])).toBeUndefined();
  });

  it('is no finding when a sample seen again in its own area has nothing beyond its first appearance', () => {
    const a = incident({ date: '2017-03-01' });
    const b = incident({ date: '2017-04-01' });
    expect(rifles(a, b)).toBeUndefined();
  });

  it('tells every facet in one finding, its score the sum of their terms', () => {
    const theft = incident({ date: '2012-05-01', type: 'theft_loss', country: 'CI', admin1: 'Abidjan' });
    const use = incident({ date: '2012-09-01', country: 'CI', admin1: 'Abidjan' });
    const lead = story(
      [theft, use].map((at) => item(at, { sampleKey: 'ammo:7.62x39:cn-61:2011', year: 2011 })),
      [theft, use],
      context({ embargoes: [embargo()] }),
    );
    expect(lead).toMatchObject({ kind: 'sample_story', subject: 'ammo:7.62x39:cn-61:2011' });
    expect(lead!.part).toBe('sample:ammo:7.62x39:cn-61:2011');
    expect(facets(lead)).toEqual(['post_embargo', 'diversion_origin', 'rapid_diversion']);
    const terms = lead!.evidence.scoreTerms as { value: number }[];
    expect(lead!.score).toBeCloseTo(
      Math.min(
        1,
        terms.reduce((s, t) => s + t.value, 0),
      ),
      2,
    );
    expect(lead!.incidentIds).toEqual([theft.id, use.id].sort((x, y) => x - y));
  });

  it('tells the story of an item too vaguely described to have a sample key, from its incident alone', () => {
    const at = incident({ country: 'CI', date: '2012-03-22' });
    const vague = item(at, { sampleKey: null, year: 2009 });
    const lead = detectStory(`item:${vague.id}`, [vague], byId(at), context({ embargoes: [embargo()] }));
    expect(lead).toMatchObject({ subject: `item:${vague.id}`, part: `incident:${at.id}`, sampleKeys: [] });
    expect(facets(lead)).toEqual(['post_embargo']);
  });
});

describe('post_embargo', () => {
  const ci = context({ embargoes: [embargo()] });
  const recovered = (at: IncidentFact, made: number, ctx = ci) =>
    story([item(at, { year: made, sampleKey: `ammo:7.62x39:cn-61:${made}` })], [at], ctx);

  it('flags materiel produced after a territorial embargo began, recovered there while it is in force', () => {
    const lead = recovered(incident({ country: 'CI', date: '2012-03-22' }), 2009);
    expect(facets(lead)).toEqual(['post_embargo']);
    // Loose rounds with no lot number: the breach is weighed by what can be traced of it.
    expect(term(lead, 'post_embargo')).toBe(round(FACET_VALUE.post_embargo * materielFactor('ammo:', false)));
    expect(lead!.explanation).toContain('produced in 2009, after the Test embargo began (2004-11-15)');
  });

  it('weighs a breach by a rifle with its serial number above one by loose rounds', () => {
    const at = incident({ country: 'CI', date: '2012-03-22' });
    const rifle = story(
      [
        item(at, {
          category: 'weapon',
          year: 2009,
          sampleKey: 'weapon:TYPE56:cn-norinco:2009',
          serialKey: '09123',
        }),
      ],
      [at],
      ci,
    );
    expect(term(rifle, 'post_embargo')).toBe(FACET_VALUE.post_embargo);
    expect(rifle!.score).toBeGreaterThan(recovered(at, 2009)!.score);
  });

  it('flags production in the embargo’s first year with lower confidence', () => {
    const after = recovered(incident({ country: 'CI', date: '2012-03-22' }), 2009);
    const sameYear = recovered(incident({ country: 'CI', date: '2012-03-22' }), 2004);
    expect(facets(sameYear)).toEqual(['post_embargo']);
    expect(sameYear!.evidence.post_embargo).toMatchObject({ sameYear: true });
    expect(sameYear!.score).toBeLessThan(after!.score);
    expect(sameYear!.explanation).toContain('the year the Test embargo began');
  });

  it('flags nothing before the embargo is in force, after it ends, elsewhere, or for older materiel', () => {
    const ended = context({ embargoes: [embargo({ end: '2016-04-28' })] });
    expect(facets(recovered(incident({ country: 'CI', date: '2004-06-01' }), 2004, ended))).not.toContain(
      'post_embargo',
    );
    expect(facets(recovered(incident({ country: 'CI', date: '2017-01-01' }), 2010, ended))).not.toContain(
      'post_embargo',
    );
    expect(facets(recovered(incident({ country: 'ML', date: '2012-01-01' }), 2010, ended))).not.toContain(
      'post_embargo',
    );
    expect(recovered(incident({ country: 'CI', date: '2012-01-01' }), 1990, ended)).toBeUndefined();
    // The near miss: the same materiel, in the same place, while the embargo is in force.
    expect(facets(recovered(incident({ country: 'CI', date: '2012-01-01' }), 2010, ended))).toContain(
      'post_embargo',
    );
  });

  it('covers an actor through a regime listing its parent group, but not an unlisted actor', () => {
    const listed = context({
      embargoes: [embargo({ scope: 'actors', country: null, actorIds: [JNIM], start: '2013-01-01' })],
    });
    const macina = recovered(incident({ actorId: MACINA, date: '2017-05-01' }), 2014, listed);
    expect(facets(macina)).toEqual(['post_embargo']);
    expect(macina!.evidence.post_embargo).toMatchObject({ scope: 'actors', regime: 'Test embargo' });
    expect(recovered(incident({ actorId: ISGS, date: '2017-05-01' }), 2014, listed)).toBeUndefined();
    expect(recovered(incident({ actorId: null, date: '2017-05-01' }), 2014, listed)).toBeUndefined();
  });

  it('keeps its full value however common the sample, where other facets weaken', () => {
    const at = Array.from({ length: 6 }, (_, i) =>
      incident({ country: 'CI', admin1: 'Abidjan', date: `2012-0${i + 1}-10` }),
    );
    const lead = story(
      at.map((i) => item(i, { year: 2011, sampleKey: 'ammo:7.62x39:cn-61:2011' })),
      at,
      context({ embargoes: [embargo()], theatreScale: 16 }),
    );
    expect(term(lead, 'post_embargo')).toBe(round(FACET_VALUE.post_embargo * materielFactor('ammo:', false)));
    expect(term(lead, 'rapid_diversion')).toBeLessThan(FACET_VALUE.rapid_diversion * 0.5);
  });
});

describe('rapid_diversion', () => {
  it('flags materiel used within two years of production', () => {
    const at = incident({ date: '2017-03-01' });
    const lead = story([item(at, { year: 2015, sampleKey: 'ammo:7.62x39:x:2015' })], [at]);
    expect(facets(lead)).toEqual(['rapid_diversion']);
    expect(lead!.evidence.rapid_diversion).toMatchObject({ produced: 2015, years: 2 });
    expect(lead!.explanation).toContain('in use 2 years later');
  });

  it('does not flag older materiel, nor materiel at the diversion event itself', () => {
    const attack = incident({ date: '2017-03-01' });
    const theft = incident({ date: '2017-03-01', type: 'theft_loss' });
    expect(story([item(attack, { year: 2014, sampleKey: 'ammo:7.62x39:x:2014' })], [attack])).toBeUndefined();
    expect(story([item(theft, { year: 2016, sampleKey: 'ammo:7.62x39:x:2016' })], [theft])).toBeUndefined();
  });
});

describe('not_in_baseline', () => {
  const fama = (row: Partial<BaselineFact>) => context({ baselines: new Map([['ML', [baseline(row)]]]) });

  it('flags a sample missing from the national baseline, but not one the forces hold', () => {
    const at = incident({ country: 'ML', date: '2017-03-01' });
    const held = fama({ modelKey: 'AKMS', manufacturerKey: 'ro-cugir' });
    const other = fama({ modelKey: 'AKM', manufacturerKey: 'su-izhmash', year: 1976 });
    expect(story([rifle(at)], [at], held)).toBeUndefined();
    const lead = story([rifle(at)], [at], other);
    expect(facets(lead)).toEqual(['not_in_baseline']);
    expect(lead!.explanation).toContain('not among the weapon known to be held by FAMa (ML)');
  });

  it('says nothing where a country has no baseline for that category, or none at all', () => {
    const at = incident({ country: 'ML', date: '2017-03-01' });
    expect(story([rifle(at)], [at], fama({ category: 'ammunition', calibreKey: '7.62x39' }))).toBeUndefined();
    expect(story([rifle(at)], [at], context())).toBeUndefined();
    // The near miss: a baseline of weapons that does not list this rifle.
    expect(facets(story([rifle(at)], [at], fama({ modelKey: 'G3' })))).toEqual(['not_in_baseline']);
  });

  it('names only the countries whose baseline lacks the sample', () => {
    const ml = incident({ country: 'ML', date: '2017-03-01' });
    const bf = incident({ country: 'BF', date: '2017-04-01', admin1: 'Sahel' });
    const ctx = context({
      baselines: new Map([
        ['ML', [baseline({ modelKey: 'AKMS' })]],
        ['BF', [baseline({ holder: 'FABF', modelKey: 'G3' })]],
      ]),
    });
    const lead = story([rifle(ml), rifle(bf)], [ml, bf], ctx);
    expect(lead!.evidence.not_in_baseline).toEqual({
      countries: [{ country: 'BF', holders: ['FABF'], incidents: 1 }],
    });
  });
});

describe('diversion_origin', () => {
  it('traces a sample to a diversion event documented before its later use', () => {
    const capture = incident({ date: '2016-08-11', type: 'battlefield_capture', ref: 'Youwarou' });
    const killing = incident({ date: '2016-09-18', type: 'assassination', ref: 'Sofara' });
    const lead = rifles(capture, killing);
    expect(facets(lead)).toEqual(['diversion_origin']);
    expect(lead!.incidentIds).toEqual([capture.id, killing.id]);
    expect(lead!.explanation).toContain('diversion event Youwarou (2016-08-11) before 1 later incident');
  });

  it('does not trace a sample to a diversion event that came after every use', () => {
    const killing = incident({ date: '2016-01-01', type: 'assassination' });
    const capture = incident({ date: '2016-08-11', type: 'battlefield_capture' });
    expect(facets(rifles(killing, capture))).not.toContain('diversion_origin');
  });

  it('gives no diversion_origin to a sample already circulating before the capture', () => {
    const earlier = incident({ date: '2016-01-01', type: 'assassination' });
    const capture = incident({ date: '2016-08-11', type: 'battlefield_capture' });
    const later = incident({ date: '2016-09-18', type: 'assassination' });
    expect(facets(rifles(earlier, capture, later))).not.toContain('diversion_origin');
    // The near miss: without the earlier use, the capture is the sample's likely origin.
    expect(facets(rifles(capture, later))).toEqual(['diversion_origin']);
  });

  it('needs a use after the event: a sample seen only at diversion events has no origin story', () => {
    const theft = incident({ date: '2016-01-01', type: 'theft_loss' });
    const capture = incident({ date: '2016-08-11', type: 'battlefield_capture' });
    expect(rifles(theft, capture)).toBeUndefined();
  });
});

describe('spread', () => {
  it('calls spread when a sample confined to its area for six months reaches a new region', () => {
    const south = [
      incident({ date: '2017-01-10', admin1: 'Mopti' }),
      incident({ date: '2017-05-10', admin1: 'Ségou' }),
      incident({ date: '2018-02-01', admin1: 'Mopti' }),
    ];
    const north = incident({ date: '2018-03-01', admin1: 'Tombouctou', ref: 'Goundam' });
    const lead = rifles(...south, north);
    expect(facets(lead)).toEqual(['spread_region']);
    expect(lead!.evidence.spread_region).toEqual({
      // Three incidents over nine months: √((2/4) × (9/24)).
      confinement: 0.433,
      moves: [
        {
          incident: 'Goundam',
          date: '2018-03-01',
          country: 'ML',
          admin1: 'Tombouctou',
          months: 9,
          priorIncidents: 3,
          previousArea: ['ML/Mopti', 'ML/Ségou'],
        },
      ],
    });
  });

  it('weighs a spread by how long and how often the sample stayed in its area', () => {
    const newCountry = (lead: Lead | undefined) => term(lead, 'spread_country');
    const away = (date: string) => incident({ date, country: 'NE', admin1: 'Tillabéri' });
    // Two incidents six months apart, then across the border: barely moved.
    const brief = rifles(
      incident({ date: '2017-01-10', admin1: 'Gao' }),
      incident({ date: '2017-07-10', admin1: 'Gao' }),
      away('2017-08-01'),
    );
    // Six incidents over two years in one region, then across the border: a supply line spreading.
    const held = rifles(
      ...['2017-01-10', '2017-05-10', '2017-09-10', '2018-01-10', '2018-05-10', '2019-01-10'].map((date) =>
        incident({ date, admin1: 'Gao' }),
      ),
      away('2019-02-01'),
    );
    expect(newCountry(held)).toBeGreaterThan(2 * newCountry(brief)!);
    expect(held!.evidence.spread_country).toMatchObject({ confinement: 1 });
  });

  it('does not call spread when the area grew less than six months before', () => {
    const a = incident({ date: '2017-01-10', admin1: 'Mopti' });
    const b = incident({ date: '2017-02-10', admin1: 'Mopti' });
    const c = incident({ date: '2017-03-10', admin1: 'Ségou' });
    expect(rifles(a, b, c)).toBeUndefined();
    // The near miss: the same move seven months later.
    const d = incident({ date: '2017-08-10', admin1: 'Ségou' });
    expect(facets(rifles(a, b, d))).toEqual(['spread_region']);
  });

  it('does not call spread from a single prior incident, however long ago', () => {
    const a = incident({ date: '2015-01-10', admin1: 'Mopti' });
    const b = incident({ date: '2018-03-10', country: 'BF', admin1: 'Sahel' });
    expect(rifles(a, b)).toBeUndefined();
  });

  it('scores a new country above a new region', () => {
    const a = incident({ date: '2017-01-10', admin1: 'Mopti' });
    const b = incident({ date: '2017-02-10', admin1: 'Mopti' });
    const c = incident({ date: '2018-03-10', country: 'BF', admin1: 'Sahel' });
    const d = incident({ date: '2018-03-10', admin1: 'Ségou' });
    const country = rifles(a, b, c);
    const region = rifles(a, b, d);
    expect(facets(country)).toEqual(['spread_country']);
    expect(country!.explanation).toContain('a new country, BF');
    expect(facets(region)).toEqual(['spread_region']);
    expect(country!.score).toBeGreaterThan(region!.score);
  });
});

describe('specificity', () => {
  /** Seven uses of materiel within a year of its production. */
  const recentUses = (ctx: LeadContext) => {
    const at = Array.from({ length: 7 }, (_, i) => incident({ date: `2017-0${i + 1}-01` }));
    return story(
      at.map((i) => item(i, { year: 2016, sampleKey: 'ammo:7.62x39:x:2016' })),
      at,
      ctx,
    );
  };

  it('weighs a facet by how rare the sample is in the theatre', () => {
    const large = recentUses(context({ theatreScale: 512 }));
    const crowded = recentUses(context({ theatreScale: 16 }));
    expect(term(large, 'rapid_diversion')).toBe(
      round(FACET_VALUE.rapid_diversion * (large!.evidence.weight as number)),
    );
    expect(term(crowded, 'rapid_diversion')).toBeLessThan(term(large, 'rapid_diversion')! * 0.75);
  });

  it('weighs a facet of a sample seen once at 0.3 times what the materiel is', () => {
    const once = incident({ date: '2012-06-01' });
    const single = story([item(once, { year: 2012, sampleKey: 'ammo:7.62x39:x:2012' })], [once]);
    const loose = 0.3 * materielFactor('ammo:', false);
    expect(single!.evidence.specificity).toBe(round(loose));
    expect(term(single, 'rapid_diversion')).toBe(round(FACET_VALUE.rapid_diversion * loose));
  });

  it('keeps at least half a diversion origin’s value however common the sample', () => {
    const capture = incident({ date: '2016-08-11', type: 'theft_loss' });
    const later = Array.from({ length: 6 }, (_, i) => incident({ date: `2017-0${i + 1}-01` }));
    const large = rifles(capture, ...later);
    const small = story([capture, ...later].map(rifle), [capture, ...later], context({ theatreScale: 16 }));
    expect(term(small, 'diversion_origin')).toBeGreaterThanOrEqual(FACET_VALUE.diversion_origin * 0.5);
    expect(term(small, 'diversion_origin')).toBeLessThan(term(large, 'diversion_origin')!);
  });
});

describe('the ceiling of a story', () => {
  /** A history drawn at random: dates, places, kinds of incident, actors, lots, embargoes, baselines. */
  function randomHistory(random: () => number) {
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const made = 1995 + Math.floor(random() * 30);
    const sampleKey = `ammo:7.62x39:su-711:${made}`;
    const at = Array.from({ length: 1 + Math.floor(random() * 10) }, () =>
      incident({
        date: `${2008 + Math.floor(random() * 17)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-15`,
        country: pick(['ML', 'BF', 'NE', 'CI']),
        admin1: pick(['Mopti', 'Gao', 'Kidal', null]),
        type: pick(['ied_attack', 'seizure', 'battlefield_capture', 'theft_loss'] as const),
        actorId: pick([null, JNIM, MACINA, ISGS]),
      }),
    );
    const items = at.map((i) => item(i, { sampleKey, year: made, lot: random() < 0.3 ? 'L-1' : null }));
    const ctx = context({
      theatreScale: pick([16, 512, 8192]),
      embargoes:
        random() < 0.6
          ? [
              embargo({
                country: pick(['ML', 'CI']),
                start: `${2000 + Math.floor(random() * 25)}-06-01`,
                scope: pick(['territory', 'actors'] as const),
                actorIds: [JNIM],
              }),
            ]
          : [],
      baselines: new Map([['ML', [baseline({ category: 'ammunition', calibreKey: '12.7x108' })]]]),
    });
    const firstSeen = at.map((i) => i.date).sort()[0]!;
    const standing = {
      sampleKey,
      incidents: at.length,
      firstSeen,
      marked: items.some((i) => i.lot !== null),
    };
    const firstAtDiversion = at.some(
      (i) => i.date === firstSeen && (i.type === 'battlefield_capture' || i.type === 'theft_loss'),
    );
    return { items, at, ctx, standing, firstAtDiversion };
  }

  it('is never below the score of the story, over a thousand random histories', () => {
    let state = 20_240_917;
    const random = () => (state = (state * 48_271) % 2_147_483_647) / 2_147_483_647;
    let findings = 0;
    for (let run = 0; run < 1000; run++) {
      const { items, at, ctx, standing, firstAtDiversion } = randomHistory(random);
      const score = story(items, at, ctx)?.score ?? 0;
      if (score >= ctx.settings.findingMinScore) findings++;
      expect(score).toBeLessThanOrEqual(storyCeiling(standing, firstAtDiversion, ctx));
    }
    // The histories tell findings often enough for the bound to be tested where it matters.
    expect(findings).toBeGreaterThan(100);
  });

  it('rules out the story of a cartridge seen across the theatre, produced long before it and any embargo', () => {
    const ctx = context({ theatreScale: 8192, embargoes: [embargo({ start: '2004-11-15' })] });
    const common = {
      sampleKey: 'ammo:7.62x39:su-711:1979',
      incidents: 5000,
      firstSeen: '2012-01-01',
      marked: false,
    };
    expect(storyCeiling(common, false, ctx)).toBeLessThan(ctx.settings.findingMinScore);
    // First seen at a diversion event, or produced once the embargo had begun, it may be one.
    expect(storyCeiling({ ...common, incidents: 300 }, true, ctx)).toBeGreaterThanOrEqual(
      ctx.settings.findingMinScore,
    );
    expect(
      storyCeiling({ ...common, sampleKey: 'ammo:7.62x39:su-711:2006' }, false, ctx),
    ).toBeGreaterThanOrEqual(ctx.settings.findingMinScore);
  });
});

import { describe, expect, it } from 'vitest';
import type { Language } from '../core/vocabulary';
import { calibres } from '../reference/data/calibres';
import { manufacturers } from '../reference/data/manufacturers';
import { models } from '../reference/data/models';
import {
  explainFinding,
  findingTitle,
  noNames,
  sampleLabel,
  type ExplainableFinding,
  type ExplainNames,
} from './explain';
import { storyFacets, type StoryFacet } from './facts';
import { FACET_VALUE } from './story';

// The names the server reads from the store are those of the built-in reference lists.
const names: ExplainNames = {
  manufacturers: new Map(manufacturers.map((m) => [m.key, { name: m.name, country: m.country }])),
  calibres: new Map(calibres.map((c) => [c.key, c.label])),
  models: new Map(models.map((m) => [m.key, m.label])),
};

const SOVIET = 'ammo:7.62x39:su-539:1975';
const CUGIR = 'weapon:AKMS:ro-cugir:2011';
const UNKNOWN_MAKER = 'ammo:7.62x39:~hu-22:1980';

/** Each facet's evidence as the engine records it (story.ts). */
const facetEvidence: Record<StoryFacet, Record<string, unknown>> = {
  post_embargo: {
    regime: 'Mali sanctions regime',
    scope: 'territory',
    start: '2017-09-05',
    sameYear: false,
    incidents: ['M-7', 'M-9'],
  },
  diversion_origin: { event: 'M-1', type: 'battlefield_capture', date: '2016-08-11', later: 3 },
  spread_country: {
    moves: [
      {
        incident: 'M-5',
        date: '2018-03-03',
        country: 'BF',
        admin1: 'Nord',
        months: 8,
        priorIncidents: 3,
        previousArea: ['ML/Mopti'],
      },
    ],
  },
  spread_region: {
    moves: [
      {
        incident: 'M-4',
        date: '2017-11-08',
        country: 'ML',
        admin1: 'Ségou',
        months: 14,
        priorIncidents: 1,
        previousArea: ['ML/Mopti'],
      },
      { incident: 'M-6', date: '2018-05-01', country: 'ML', admin1: 'Gao', months: 6, priorIncidents: 4 },
    ],
  },
  not_in_baseline: { countries: [{ country: 'ML', holders: ['FAMa'], incidents: 4 }] },
  rapid_diversion: { produced: 2016, years: 1, incidents: 2 },
};

function story(facets: StoryFacet[], sample = SOVIET): ExplainableFinding {
  return {
    kind: 'sample_story',
    subject: sample,
    incidents: ['M-1', 'M-4', 'M-5', 'M-7'],
    items: ['M-1-1'],
    samples: [sample],
    date: '2016-08-11',
    evidence: {
      facets,
      firstSeen: '2016-08-11',
      firstIncident: 'M-1',
      incidents: 6,
      countries: ['BF', 'ML'],
      produced: 2016,
      scoreTerms: facets.map((f) => ({ term: f, value: FACET_VALUE[f] })),
      ...Object.fromEntries(facets.map((f) => [f, facetEvidence[f]])),
    },
  };
}

const cluster: ExplainableFinding = {
  kind: 'linked_incidents',
  subject: `group:${CUGIR}`,
  incidents: ['M-1', 'M-2', 'M-3', 'M-4', 'M-5'],
  samples: [CUGIR, SOVIET],
  date: '2017-01-18',
  evidence: {
    samples: [
      { sample: CUGIR, incidents: 5, weight: 0.835 },
      { sample: SOVIET, incidents: 12, weight: 0.362 },
    ],
    meanTie: 0.835,
    actors: ['Katibat Macina'],
    countries: ['BF', 'CI', 'ML'],
    firstSeen: '2015-08-07',
  },
};

const attribution: ExplainableFinding = {
  kind: 'attribution',
  subject: 'incident:9',
  incidents: ['M-9', 'M-1', 'M-2'],
  samples: [CUGIR, SOVIET],
  actor: 'Katibat Macina',
  date: '2020-01-01',
  evidence: {
    suggestedActor: 'Katibat Macina',
    confidence: 0.73,
    attributedIncidents: 2,
    samples: [
      { sample: CUGIR, incidents: 5, weight: 0.835 },
      { sample: SOVIET, incidents: 12, weight: 0.362 },
    ],
    otherActors: [{ actor: 'ISGS', confidence: 0.12 }],
  },
};

const newModel: ExplainableFinding = {
  kind: 'new_type',
  subject: 'model:DSHK',
  incidents: ['M-3'],
  samples: [],
  date: '2016-06-01',
  evidence: {
    model: 'DSHK',
    firstSeen: '2016-06-01',
    theatreStart: '2015-01-01',
    incidents: 4,
    scoreTerms: [
      { term: 'first_model', value: 0.25 },
      { term: 'light_weapon', value: 0.4 },
      { term: 'seen_again', value: 0.2 },
    ],
  },
};

const newCalibre: ExplainableFinding = {
  kind: 'new_type',
  subject: 'calibre:5.56x45',
  incidents: ['M-3', 'M-4'],
  samples: ['ammo:5.56x45:us-lake-city:2010'],
  date: '2016-06-01',
  evidence: { calibre: '5.56x45', firstSeen: '2016-06-01', theatreStart: '2015-01-01', incidents: 2 },
};

const serial: ExplainableFinding = {
  kind: 'diversion_match',
  subject: 'serial:AB1234:1:2',
  incidents: ['M-1', 'M-8'],
  samples: [CUGIR],
  date: '2019-02-03',
  evidence: {
    serial: 'AB1234',
    diversionEvent: 'M-1',
    diversionDate: '2016-08-11',
    lostItem: 'M-1-1',
    foundItem: 'M-8-2',
  },
};

const every: [string, ExplainableFinding][] = [
  ...storyFacets.map((f): [string, ExplainableFinding] => [`sample_story ${f}`, story([f])]),
  ['sample_story, every facet', story([...storyFacets])],
  ['sample_story of an unrecognised producer', story(['not_in_baseline'], UNKNOWN_MAKER)],
  ['linked_incidents', cluster],
  ['attribution', attribution],
  ['new_type of a model', newModel],
  ['new_type of a calibre', newCalibre],
  ['diversion_match', serial],
];

/** English words that give away an untranslated sentence. */
const ENGLISH = [
  ' and ',
  ' at ',
  'incidents in all',
  ' the ',
  ' of ',
  ' after ',
  ' with ',
  'produced',
  'sample',
];
/** A regime is named as it was recorded, in whatever language: left out of the word check. */
const unquoted = (text: string) => text.replace(/«[^»]*»/g, '');

describe('explaining a finding', () => {
  it('names a sample as people say it, in English and in French', () => {
    expect(sampleLabel(SOVIET, 'en', names)).toBe(
      '7.62 × 39 mm ammunition, Factory 539 (Soviet Union), 1975',
    );
    expect(sampleLabel(SOVIET, 'fr', names)).toBe(
      'munitions 7,62 × 39 mm, usine 539 (Union soviétique), 1975',
    );
    expect(sampleLabel(CUGIR, 'fr', names)).toBe('armes AKMS, Uzina Mecanica Cugir (Roumanie), 2011');
  });

  it('says in the reader’s language the country a producer’s listed name ends with', () => {
    expect(sampleLabel('ammo:7.62x39:sd-mic:2015', 'en', names)).toBe(
      '7.62 × 39 mm ammunition, Military Industry Corporation (MIC), Sudan, 2015',
    );
    expect(sampleLabel('ammo:7.62x39:sd-mic:2015', 'fr', names)).toBe(
      'munitions 7,62 × 39 mm, Military Industry Corporation (MIC), Soudan, 2015',
    );
  });

  it('shows an unrecognised producer as written and says so, without guessing its country', () => {
    expect(sampleLabel(UNKNOWN_MAKER, 'en', names)).toBe(
      '7.62 × 39 mm ammunition, ~hu-22 (not in the reference list), 1980',
    );
    expect(sampleLabel(UNKNOWN_MAKER, 'fr', names)).toBe(
      'munitions 7,62 × 39 mm, ~hu-22 (absent de la liste de référence), 1980',
    );
  });

  it('tells a sample story with its strongest facet first, in both languages', () => {
    const finding = story(['diversion_origin', 'post_embargo']);
    expect(explainFinding(finding, 'en', names)).toBe(
      '7.62 × 39 mm ammunition, Factory 539 (Soviet Union), 1975 (6 incidents since M-1, Aug 11, 2016): ' +
        'produced in 2016, after the Mali sanctions regime began (Sep 5, 2017), and recovered at M-7 and M-9 ' +
        'while it was in force. Also: first documented at the diversion event M-1 (battlefield capture, ' +
        'Aug 11, 2016), then at 3 later incidents: that diversion is its likely origin.',
    );
    expect(explainFinding(finding, 'fr', names)).toBe(
      'Munitions 7,62 × 39 mm, usine 539 (Union soviétique), 1975 (6 incidents depuis M-1, 11 août 2016) : ' +
        'produites en 2016, après l’entrée en vigueur de l’embargo « Mali sanctions regime » (5 sept. 2017), ' +
        'et retrouvées lors des incidents M-7 et M-9 pendant qu’il était en vigueur. Par ailleurs : ' +
        'documentées d’abord lors du détournement M-1 (prise sur le champ de bataille, 11 août 2016), ' +
        'puis lors de 3 incidents ultérieurs : ce détournement en est l’origine probable.',
    );
  });

  it('tells after a cluster the strongest story of its samples, in both languages', () => {
    const embargo = story(['post_embargo']);
    const baseline = story(['not_in_baseline'], CUGIR);
    const telling: ExplainableFinding = {
      ...cluster,
      evidence: {
        ...(cluster.evidence as Record<string, unknown>),
        facets: ['post_embargo', 'not_in_baseline'],
        stories: [
          { sample: CUGIR, ...(baseline.evidence as Record<string, unknown>) },
          { sample: SOVIET, ...(embargo.evidence as Record<string, unknown>) },
        ],
      },
    };
    const english = explainFinding(telling, 'en', names);
    expect(english.startsWith(explainFinding(cluster, 'en', names))).toBe(true);
    expect(english).toContain('Factory 539 (Soviet Union), 1975 (6 incidents since M-1');
    expect(english).toContain('after the Mali sanctions regime began');
    expect(english).not.toContain('known to be held');
    expect(explainFinding(telling, 'fr', names)).toContain('après l’entrée en vigueur de l’embargo');
  });

  it('agrees French words with the materiel: weapons are feminine, an item is masculine and singular', () => {
    expect(explainFinding(story(['not_in_baseline'], CUGIR), 'fr', names)).toBe(
      'Armes AKMS, Uzina Mecanica Cugir (Roumanie), 2011 (6 incidents depuis M-1, 11 août 2016) : ' +
        'absentes des armes connues de FAMa (Mali) : probablement issues d’un trafic plutôt que ' +
        'détournées de stocks nationaux.',
    );
    const item = { ...story(['rapid_diversion']), samples: [], items: ['M-1-1'] };
    expect(
      explainFinding({ ...item, evidence: { ...(item.evidence as object), incidents: 1 } }, 'fr', names),
    ).toBe(
      'L’objet M-1-1 (un incident, M-1, 11 août 2016) : produit en 2016 et utilisé un an plus tard ' +
        'lors de 2 incidents : détourné peu après sa production.',
    );
  });

  it('tells spread with the area it left and the places it reached next', () => {
    expect(explainFinding(story(['spread_region']), 'en', names)).toContain(
      'reached a new region, Ségou (Mali), at M-4 (Nov 8, 2017), after 14 months and one incident in one area (Mopti, Mali), then one more region.',
    );
    expect(explainFinding(story(['spread_country']), 'fr', names)).toContain(
      'parvenues dans un nouveau pays, Burkina Faso, lors de l’incident M-5 (3 mars 2018), après 8 mois et 3 incidents dans une même zone (Mopti, Mali).',
    );
  });

  it('counts the incidents a page left out of an attribution’s list, and names those it carries', () => {
    // A list capped to one reference keeps the first and last incident with holes between.
    const incidents = ['M-9', ...Array<string>(13), 'M-20'];
    const capped = {
      ...attribution,
      incidents,
      evidence: { ...(attribution.evidence as Record<string, unknown>), attributedIncidents: 14 },
    };
    expect(explainFinding(capped, 'en', names)).toContain(
      'M-9 shares materiel with 14 incidents attributed to it (M-20 and 13 more)',
    );
  });

  it('says when the weapons of a cluster bear serial numbers in sequence, in both languages', () => {
    const numbered: ExplainableFinding = {
      ...cluster,
      evidence: {
        ...(cluster.evidence as Record<string, unknown>),
        serialSequence: { sample: CUGIR, incidents: 3, first: '1104711', last: '1104720' },
      },
    };
    expect(explainFinding(numbered, 'en', names)).toBe(
      `${explainFinding(cluster, 'en', names)} Serial numbers in sequence (1104711 to 1104720) on AKMS weapons, ` +
        'Uzina Mecanica Cugir (Romania), 2011, at 3 of these incidents: these weapons most likely left their maker ' +
        'or depot together.',
    );
    expect(explainFinding(numbered, 'fr', names)).toBe(
      `${explainFinding(cluster, 'fr', names)} Numéros de série qui se suivent (1104711 à 1104720) sur des armes ` +
        'AKMS, Uzina Mecanica Cugir (Roumanie), 2011, dans 3 de ces incidents : ces armes ont très probablement ' +
        'quitté ensemble leur fabricant ou leur dépôt.',
    );
  });

  it('tells linked incidents, an attribution, a new type and a diversion match in both languages', () => {
    expect(explainFinding(cluster, 'en', names)).toBe(
      '5 incidents in 3 countries (Burkina Faso, Côte d’Ivoire, and Mali), from M-1 (Aug 7, 2015) to M-5 ' +
        '(Jan 18, 2017), share 2 distinctive samples: AKMS weapons, Uzina Mecanica Cugir (Romania), 2011 ' +
        '(5 incidents); 7.62 × 39 mm ammunition, Factory 539 (Soviet Union), 1975 (12 incidents). Actor: Katibat Macina.',
    );
    expect(explainFinding(cluster, 'fr', names)).toBe(
      '5 incidents dans 3 pays (Burkina Faso, Côte d’Ivoire et Mali), de M-1 (7 août 2015) à M-5 ' +
        '(18 janv. 2017), ont en commun 2 échantillons distinctifs : armes AKMS, Uzina Mecanica Cugir ' +
        '(Roumanie), 2011 (5 incidents) ; munitions 7,62 × 39 mm, usine 539 (Union soviétique), 1975 ' +
        '(12 incidents). Acteur : Katibat Macina.',
    );
    // Intl puts a no-break space before the per cent sign (narrow or not, by ICU version).
    expect(explainFinding(attribution, 'fr', names).replace(/[\u00a0\u202f]%/g, ' %')).toBe(
      'M-9 (1er janv. 2020) n’a pas d’acteur connu ; Katibat Macina est suggéré avec une confiance de 73 % : ' +
        'M-9 partage du matériel avec 2 incidents qui lui sont attribués (M-1 et M-2), avant tout armes AKMS, ' +
        'Uzina Mecanica Cugir (Roumanie), 2011 (et un autre échantillon). Ensuite : ISGS (12 %).',
    );
    const series = {
      ...attribution,
      subject: 'series:2:weapon:AKMS:ro-cugir:2011',
      incidents: ['M-7', 'M-9', 'M-1', 'M-2'],
      evidence: { ...(attribution.evidence as Record<string, unknown>), unattributed: ['M-7', 'M-9'] },
    };
    expect(explainFinding(series, 'en', names)).toContain(
      '2 incidents with no known actor (M-7 and M-9, the last on Jan 1, 2020): Katibat Macina is suggested ' +
        'with 73% confidence; they share materiel with 2 incidents attributed to it (M-1 and M-2)',
    );
    expect(explainFinding(series, 'fr', names).replace(/[\u00a0\u202f]%/g, ' %')).toContain(
      '2 incidents sans acteur connu (M-7 et M-9, le dernier le 1er janv. 2020) : Katibat Macina est suggéré ' +
        'avec une confiance de 73 % ; ils partagent du matériel avec 2 incidents qui lui sont attribués (M-1 et M-2)',
    );
    expect(explainFinding(newModel, 'en', names)).toBe(
      'The DShK model (a light weapon) is new in the theatre: first documented at M-3 (Jun 1, 2016), while ' +
        'the register goes back to Jan 1, 2015. Seen again at 3 later incidents.',
    );
    expect(explainFinding(newCalibre, 'fr', names)).toBe(
      'Le calibre 5,56 × 45 mm est nouveau sur le théâtre : documenté pour la première fois lors des incidents ' +
        'M-3 et M-4 (1er juin 2016), alors que le registre remonte au 1er janv. 2015.',
    );
    const event = {
      ...serial,
      subject: 'event:1',
      incidents: ['M-1', 'M-8', 'M-9'],
      evidence: {
        ...(serial.evidence as Record<string, unknown>),
        recoveries: [
          { serial: 'AB 1234', incident: 'M-8', date: '2019-02-03' },
          { serial: 'AB1240', incident: 'M-9', date: '2019-05-01' },
        ],
      },
    };
    expect(explainFinding(event, 'en', names)).toBe(
      '2 serial numbers recorded at the diversion event M-1 (Aug 11, 2016) were found again: AB 1234 at M-8 ' +
        '(Feb 3, 2019); AB1240 at M-9 (May 1, 2019). The same items, diverted.',
    );
    expect(explainFinding(event, 'fr', names)).toContain(
      '2 numéros de série relevés lors du détournement M-1 (11 août 2016) ont été retrouvés : AB 1234 lors de ' +
        'l’incident M-8 (3 févr. 2019)',
    );
    expect(explainFinding(serial, 'en', names)).toBe(
      'Serial number AB1234 (AKMS) was recorded at the diversion event M-1 (Aug 11, 2016) and again at M-8 ' +
        '(Feb 3, 2019): the same item, diverted.',
    );
    expect(explainFinding(serial, 'fr', names)).toBe(
      'Le numéro de série AB1234 (AKMS) a été relevé lors du détournement M-1 (11 août 2016) puis lors de ' +
        'l’incident M-8 (3 févr. 2019) : le même objet, détourné.',
    );
  });

  describe.each(['en', 'fr'] as Language[])('in %s, every kind and facet', (language) => {
    it.each(every)('%s: names, no raw key, no stray marks', (_name, finding) => {
      const text = explainFinding(finding, language, names);
      expect(text.length).toBeGreaterThan(30);
      for (const key of finding.samples) expect(text).not.toContain(key);
      expect(text).not.toContain('(s)');
      expect(text).not.toMatch(/\bundefined\b|\bnull\b|NaN|\[object/);
      if (!finding.samples.includes(UNKNOWN_MAKER)) expect(text).not.toContain('~');
      expect(text).toMatch(/[.]$/);
      if (language === 'fr') for (const word of ENGLISH) expect(unquoted(text)).not.toContain(word);
      else expect(text).not.toMatch(/ lors | d’(?!Ivoire)| incidents ultérieurs/);
    });
  });

  describe.each(['en', 'fr'] as Language[])('in %s, from an older store', (language) => {
    const hostile: unknown[] = [{}, null, 'text', [], { facets: 'post_embargo', samples: 3, moves: {} }];
    const damaged = every.flatMap(([name, finding]) =>
      hostile.map((evidence, i): [string, ExplainableFinding] => [`${name} #${i}`, { ...finding, evidence }]),
    );
    it.each(damaged)('%s: tells something sensible rather than failing', (_name, finding) => {
      const text = explainFinding(finding, language, names);
      expect(text.length).toBeGreaterThan(10);
      expect(text).not.toMatch(/\bundefined\b|\bnull\b|NaN|\[object|\(\)/);
    });

    it('tells facets whose details are missing, and a cluster with no start date', () => {
      const bare = story([...storyFacets]);
      const evidence = { facets: [...storyFacets], incidents: 2 };
      const text = explainFinding({ ...bare, evidence }, language, names);
      expect(text).not.toMatch(/\bundefined\b|NaN|\(\)/);
      const older: Record<string, unknown> = { ...(cluster.evidence as Record<string, unknown>) };
      delete older.firstSeen;
      expect(explainFinding({ ...cluster, evidence: older }, language, names)).toContain('M-1');
    });

    it('shows keys as written when the reference lists are not at hand', () => {
      expect(explainFinding(story(['post_embargo']), language, noNames)).toContain('su-539');
    });
  });

  it('names each kind of finding by what it is about and where, never by the engine’s key', () => {
    const titles = (language: Language) =>
      [story([]), cluster, attribution, newModel, newCalibre, serial].map((f) =>
        findingTitle(f, language, names),
      );
    expect(titles('en')).toEqual([
      '7.62 × 39 mm ammunition, Factory 539 (Soviet Union), 1975 — M-1, M-4, M-5, and 1 more',
      'AKMS weapons, Uzina Mecanica Cugir (Romania), 2011 — M-1, M-2, M-3, and 2 more',
      'Katibat Macina, AKMS weapons, Uzina Mecanica Cugir (Romania), 2011 — M-9, M-1, and M-2',
      'DShK model — M-3',
      '5.56 × 45 mm calibre — M-3 and M-4',
      'AKMS weapons, Uzina Mecanica Cugir (Romania), 2011 — M-1 and M-8',
    ]);
    expect(titles('fr')[4]).toBe('calibre 5,56 × 45 mm — M-3 et M-4');
    const series = { ...attribution, subject: `series:2:${SOVIET}`, samples: [CUGIR, SOVIET] };
    expect(findingTitle(series, 'en', names)).toContain('Katibat Macina, 7.62 × 39 mm ammunition');
    for (const title of [...titles('en'), ...titles('fr')])
      expect(title).not.toMatch(/group:|incident:|serial:|~/);
  });

  it('tells a kind it does not know by the engine’s own sentence', () => {
    expect(
      explainFinding(
        {
          kind: 'future_kind',
          incidents: ['M-1'],
          samples: [],
          date: '2020-01-01',
          evidence: {},
          explanation: 'As stored.',
        },
        'fr',
        names,
      ),
    ).toBe('As stored.');
  });
});

import type { Attribution, Classification, IncidentType } from '../../incidents/vocabulary';
import type { ItemCondition } from '../../items/vocabulary';
import { ROCKET_122, ROCKET_57, type Sample } from './materiel';
import {
  AKMS_2011,
  AT_GRENADE_32,
  BG_2015_54R,
  CI_POST_EMBARGO,
  CI_PRE_EMBARGO,
  CN_2016,
  DETONATOR_2016,
  DSHK_2019,
  EGYPT_2015,
  MACINA_2015,
  MINING_2016,
} from './planted-materiel';

// PLANTED incidents: the patterns of the domain brief that the leads engine must find.

export interface Materiel {
  sample: Sample;
  /** Rows; serial items (weapons) are one row each. */
  rows?: number;
  quantity?: readonly [number, number];
  condition: ItemCondition;
  lot?: boolean;
  notes?: string;
}

export interface Plant {
  date: string;
  type: IncidentType;
  place: string;
  actor?: string;
  attribution?: Attribution;
  target?: string;
  /** killed, injured, peacekeepers killed, peacekeepers injured */
  casualties?: readonly [number, number, number, number];
  summary?: string;
  classification?: Classification;
  materiel: readonly Materiel[];
  /** Add the usual background materiel of the type (default true). */
  kit?: boolean;
}

const casings = (sample: Sample, notes?: string): Materiel => ({
  sample,
  quantity: [3, 40],
  condition: 'fired',
  ...(notes ? { notes } : {}),
});

/** Planted incidents alike but for their date, place and actor (one row each). */
const alike = (
  shared: Omit<Plant, 'date' | 'place' | 'actor'>,
  rows: readonly (readonly [date: string, place: string, actor: string])[],
): Plant[] => rows.map(([date, place, actor]) => ({ ...shared, date, place, actor }));

/** PLANTED (linked attacks): the AKMS-2011 rifles of one transfer to Al-Mourabitoun, 2015–2017. */
const AKMS_ATTACKS: readonly Plant[] = (
  [
    {
      date: '2015-08-07',
      type: 'small_arms_fire',
      place: 'Sévaré',
      target: 'MINUSMA contractors',
      casualties: [13, 7, 0, 0],
      summary:
        'Attack on a hotel housing MINUSMA contractors; one assailant killed, his AKMS-pattern rifle recovered.',
      materiel: [
        {
          sample: AKMS_2011,
          rows: 1,
          condition: 'serviceable',
          notes: 'model, producer and year not held by FAMa',
        },
      ],
    },
    {
      date: '2015-11-20',
      type: 'complex_attack',
      place: 'Bamako',
      target: 'civilians (hotel)',
      casualties: [22, 7, 0, 0],
      summary: 'Attack and hostage-taking at a hotel in Bamako; rifles recovered from the assailants.',
      classification: 'public',
      materiel: [{ sample: AKMS_2011, rows: 2, condition: 'serviceable' }],
    },
    {
      date: '2016-01-15',
      type: 'complex_attack',
      place: 'Ouagadougou',
      target: 'civilians (hotel and café)',
      casualties: [33, 56, 0, 0],
      summary:
        'Attack on a hotel and a café in Ouagadougou; rifles documented with the Burkinabè authorities.',
      classification: 'public',
      materiel: [{ sample: AKMS_2011, rows: 3, condition: 'damaged' }],
    },
    {
      date: '2016-03-13',
      type: 'small_arms_fire',
      place: 'Grand-Bassam',
      target: 'civilians (beach hotels)',
      casualties: [22, 33, 0, 0],
      summary: 'Attack on beach hotels at Grand-Bassam; rifles documented with the Ivorian authorities.',
      classification: 'public',
      materiel: [{ sample: AKMS_2011, rows: 3, condition: 'serviceable' }],
    },
    {
      date: '2016-05-31',
      type: 'complex_attack',
      place: 'Gao',
      target: 'MINUSMA',
      casualties: [3, 13, 1, 12],
      summary: 'Vehicle-borne IED and small arms attack on the MINUSMA camp in Gao.',
      materiel: [{ sample: AKMS_2011, rows: 1, condition: 'damaged' }],
    },
    {
      date: '2017-01-18',
      type: 'vehicle_ied',
      place: 'Gao',
      target: 'MOC (FAMa, CMA, Plateforme)',
      casualties: [77, 115, 0, 0],
      summary: 'Suicide vehicle-borne IED against the joint patrol camp (MOC) in Gao.',
      classification: 'public',
      materiel: [{ sample: AKMS_2011, rows: 1, condition: 'damaged' }],
    },
  ] satisfies Plant[]
).map((p): Plant => ({ ...p, actor: 'Al-Mourabitoun', attribution: 'claimed' }));

/**
 * PLANTED (attribution): the Sudanese-made 2015 7.62x39 sample appears only at attacks in
 * central Mali attributed to Katibat Macina, and at killings there nobody claimed.
 */
const macinaAttack = (
  date: string,
  type: IncidentType,
  place: string,
  target: string,
  attribution: Attribution,
  casualties?: readonly [number, number, number, number],
): Plant => ({
  date,
  type,
  place,
  target,
  actor: 'Katibat Macina',
  attribution,
  ...(casualties ? { casualties } : {}),
  materiel: [casings(MACINA_2015)],
});

const MACINA_ATTACKS: readonly Plant[] = [
  macinaAttack('2016-02-05', 'small_arms_fire', 'Ténenkou', 'FAMa', 'presumed'),
  macinaAttack('2016-07-19', 'complex_attack', 'Nampala', 'FAMa', 'claimed', [17, 35, 0, 0]),
  macinaAttack('2016-11-06', 'small_arms_fire', 'Macina', 'FAMa', 'presumed'),
  macinaAttack('2017-05-02', 'small_arms_fire', 'Diabaly', 'FAMa', 'confirmed'),
  macinaAttack('2017-10-14', 'small_arms_fire', 'Niono', 'civilians', 'presumed'),
  macinaAttack('2018-06-23', 'small_arms_fire', 'Bandiagara', 'Dozo militia', 'presumed'),
  macinaAttack('2019-03-17', 'complex_attack', 'Ténenkou', 'FAMa', 'claimed', [26, 9, 0, 0]),
];

const MACINA_KILLINGS: readonly Plant[] = [
  { date: '2016-04-11', place: 'Djenné', target: 'village chief' },
  { date: '2016-10-02', place: 'Macina', target: 'imam' },
  { date: '2017-02-20', place: 'Djenné', target: 'local official' },
  { date: '2017-08-09', place: 'Bandiagara', target: 'religious leader' },
  { date: '2018-01-27', place: 'Niono', target: 'village chief' },
].map((p) => ({
  ...p,
  type: 'assassination' as const,
  casualties: [1, 0, 0, 0] as const,
  summary: `Unclaimed killing of a ${p.target} at ${p.place}; 7.62x39 casings collected.`,
  materiel: [casings(MACINA_2015)],
}));

/**
 * PLANTED (diversion event, spread): Egyptian 2015 7.62x39 taken from national forces near
 * Youwarou in August 2016, first used at a killing in Sofara in September 2016, then met only
 * south of the Niger (Mopti, Ségou) until 2021 and north of it (Tombouctou, Gao) from 2021.
 */
const EGYPT_TRAIL: readonly Plant[] = [
  {
    date: '2016-08-11',
    type: 'battlefield_capture',
    place: 'Youwarou',
    actor: 'Katibat Macina',
    attribution: 'presumed',
    target: 'FAMa',
    summary:
      'FAMa post near Youwarou overrun; ammunition and weapons taken by the assailants (lots from FAMa issue records).',
    classification: 'confidential',
    materiel: [
      {
        sample: EGYPT_2015,
        rows: 2,
        quantity: [700, 1500],
        condition: 'new',
        lot: true,
        notes: 'lost to the assailants; lot from FAMa issue records',
      },
    ],
  },
  {
    date: '2016-09-18',
    type: 'assassination',
    place: 'Sofara',
    target: 'village official',
    casualties: [1, 0, 0, 0],
    summary:
      'Unclaimed killing at Sofara; Egyptian 2015 7.62x39 casings, the first of this sample seen in use.',
    materiel: [casings(EGYPT_2015)],
  },
  ...alike(
    { type: 'small_arms_fire', attribution: 'presumed', target: 'FAMa', materiel: [casings(EGYPT_2015)] },
    [
      ['2017-03-24', 'Djenné', 'Katibat Macina'],
      ['2017-11-08', 'Macina', 'Katibat Macina'],
      ['2018-05-19', 'Ténenkou', 'Katibat Macina'],
      ['2019-01-30', 'Niono', 'JNIM'],
      ['2019-09-12', 'Mopti', 'Katibat Macina'],
      ['2020-06-04', 'Diabaly', 'JNIM'],
      // From 2021 the sample crosses the river.
      ['2021-02-16', 'Goundam', 'JNIM'],
      ['2021-07-03', 'Ber', 'JNIM'],
      ['2022-01-22', 'Tombouctou', 'JNIM'],
      ['2022-09-07', 'Bourem', 'JNIM'],
      ['2023-04-15', 'Niafunké', 'JNIM'],
    ],
  ),
];

/** PLANTED (new in theatre): the 32 mm anti-tank grenade, first seen in Kidal in August 2021. */
const AT_GRENADE_TRAIL: readonly Plant[] = [
  {
    date: '2021-08-21',
    type: 'complex_attack',
    place: 'Kidal',
    actor: 'JNIM',
    attribution: 'presumed',
    target: 'MINUSMA',
    summary:
      'Attack on a MINUSMA position in Kidal; an unexploded 32 mm anti-tank grenade recovered, a type not documented in theatre before.',
    classification: 'confidential',
    materiel: [
      {
        sample: AT_GRENADE_32,
        quantity: [1, 1],
        condition: 'live',
        notes: 'new type: not previously documented in theatre',
      },
    ],
  },
  {
    date: '2021-12-02',
    type: 'complex_attack',
    place: 'Aguelhok',
    actor: 'JNIM',
    attribution: 'claimed',
    target: 'MINUSMA',
    materiel: [{ sample: AT_GRENADE_32, quantity: [2, 3], condition: 'destroyed' }],
  },
  {
    date: '2022-05-14',
    type: 'arms_cache',
    place: 'Tessalit',
    actor: 'JNIM',
    attribution: 'presumed',
    materiel: [{ sample: AT_GRENADE_32, quantity: [4, 8], condition: 'live' }],
  },
  {
    date: '2023-01-09',
    type: 'seizure',
    place: 'Kidal',
    materiel: [{ sample: AT_GRENADE_32, quantity: [2, 4], condition: 'live' }],
  },
];

/** PLANTED (specificity): indirect fire with the only 57 mm and 122 mm sources in theatre. */
const ROCKET_ATTACKS: readonly Plant[] = (
  [
    ['2014-03-22', 'Kidal', ROCKET_122, 'Ansar Dine'],
    ['2016-02-12', 'Kidal', ROCKET_57, 'Ansar Dine'],
    ['2016-09-27', 'Tombouctou', ROCKET_122, 'AQIM'],
    ['2017-06-08', 'Tessalit', ROCKET_57, 'JNIM'],
    ['2018-04-14', 'Tombouctou', ROCKET_122, 'JNIM'],
    ['2018-10-30', 'Aguelhok', ROCKET_57, 'JNIM'],
    ['2019-04-05', 'Gao', ROCKET_57, 'JNIM'],
  ] as const
).map(([date, place, sample, actor]): Plant => ({
  date,
  type: 'indirect_fire',
  place,
  actor,
  attribution: 'claimed',
  target: 'MINUSMA',
  materiel: [{ sample, rows: 1, quantity: [2, 8], condition: 'fired' }],
}));

/** PLANTED (rapid diversion): recent production in extremist use within a year or two. */
const RAPID_DIVERSION: readonly Plant[] = [
  ...alike(
    {
      type: 'small_arms_fire',
      attribution: 'presumed',
      target: 'MINUSMA',
      materiel: [casings(CN_2016, '2016 production in use within a year')],
    },
    [
      ['2016-10-03', 'Kidal', 'Ansar Dine'],
      ['2017-02-11', 'Aguelhok', 'Ansar Dine'],
      ['2017-06-25', 'Gao', 'JNIM'],
      ['2017-09-16', 'Ber', 'JNIM'],
    ],
  ),
  {
    date: '2016-06-20',
    type: 'small_arms_fire',
    place: 'Tessalit',
    actor: 'Ansar Dine',
    attribution: 'presumed',
    target: 'MINUSMA',
    materiel: [casings(BG_2015_54R)],
  },
  {
    date: '2017-04-29',
    type: 'complex_attack',
    place: 'Kidal',
    actor: 'JNIM',
    attribution: 'claimed',
    target: 'MINUSMA',
    materiel: [casings(BG_2015_54R)],
  },
  {
    date: '2021-05-08',
    type: 'seizure',
    place: 'Ménaka',
    actor: 'ISGS',
    attribution: 'presumed',
    summary: 'Pick-up with a mounted heavy machine gun seized by FAMa north of Ménaka.',
    materiel: [{ sample: DSHK_2019, rows: 1, condition: 'serviceable', notes: 'produced 2019, seized 2021' }],
  },
  {
    date: '2017-04',
    type: 'arms_cache',
    place: 'Bourem',
    actor: 'JNIM',
    attribution: 'presumed',
    summary: 'Cache with commercial mining explosives and detonators near Bourem.',
    materiel: [
      {
        sample: MINING_2016,
        quantity: [80, 160],
        condition: 'new',
        lot: true,
        notes: 'commercial export, Nov. 2016: tracing request sent',
      },
      { sample: DETONATOR_2016, quantity: [40, 100], condition: 'new', lot: true },
    ],
  },
];

/** `count` entries of a list, from `start` in steps of `step`, wrapping round. */
function every<T>(list: readonly T[], start: number, step: number, count: number): T[] {
  return Array.from({ length: count }, (_, k) => list[(start + k * step) % list.length]).filter(
    (x): x is T => x !== undefined,
  );
}

/**
 * PLANTED (post-embargo production): UNOCI screening in Côte d'Ivoire, 2011–2015, with some
 * materiel produced after the November 2004 embargo and some produced before it.
 */
const IVOIRE_SCREENINGS: readonly Plant[] = (
  [
    ['2011-06-14', 'weapons_collection', 'Abidjan'],
    ['2012-03-22', 'weapons_collection', 'Bouaké'],
    ['2012-09', 'seizure', 'Abidjan'],
    ['2013-07-10', 'weapons_collection', 'Korhogo'],
    ['2014-02-26', 'seizure', 'Duékoué'],
    ['2015-05-19', 'weapons_collection', 'Man'],
  ] as const
).map(([date, type, place], i): Plant => ({
  date,
  type,
  place,
  kit: false,
  materiel: [...every(CI_POST_EMBARGO, i, 2, 3), ...every(CI_PRE_EMBARGO, i, 2, 4)].map((sample): Materiel =>
    sample.category === 'weapon'
      ? { sample, rows: 2, condition: 'serviceable' }
      : { sample, quantity: [30, 500], condition: 'live', lot: true },
  ),
}));

export const PLANTS: readonly Plant[] = [
  ...AKMS_ATTACKS,
  ...MACINA_ATTACKS,
  ...MACINA_KILLINGS,
  ...EGYPT_TRAIL,
  ...AT_GRENADE_TRAIL,
  ...ROCKET_ATTACKS,
  ...RAPID_DIVERSION,
  ...IVOIRE_SCREENINGS,
];

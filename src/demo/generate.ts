// Default import: mgrs ships a UMD bundle, whose named exports Node's ESM loader cannot see
// (`import { forward } from 'mgrs'` works under vitest but fails under tsx/node).
import mgrs from 'mgrs';
import {
  incidentTypes,
  type Attribution,
  type Classification,
  type IncidentType,
} from '../incidents/vocabulary';
import type { ItemCategory, ItemCondition } from '../items/vocabulary';
import type { EntityKind, RawRow } from '../records/entity';

/**
 * A synthetic but plausible register for a Sahel theatre, 2013–2024 (Mali mainly, with
 * Burkina Faso, Niger and Côte d'Ivoire), as an analysis cell would have typed it: real place
 * names, headstamp codes and calibres spelled in the many ways field teams write them.
 *
 * On top of background noise it plants the patterns of the domain brief (domain.md) that the leads engine
 * must find; each is marked `PLANTED:` below. Producers chosen for planted samples are
 * illustrative: the data is invented and no row is a finding about any state or company.
 *
 * Deterministic: everything random comes from one seeded PRNG, so the same options always
 * give the same rows.
 */

export interface DemoOptions {
  seed?: number;
  /** Total incidents; the planted ones are always included, background fills up the rest. */
  incidents?: number;
}

const DEFAULT_SEED = 20150807;
const DEFAULT_INCIDENTS = 400;

// ---------------------------------------------------------------------------------------------
// Randomness
// ---------------------------------------------------------------------------------------------

/** mulberry32: a small seeded generator, so the same seed gives the same sequence on every run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  readonly #next: () => number;
  constructor(seed: number) {
    this.#next = mulberry32(seed);
  }
  float(): number {
    return this.#next();
  }
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.#next() * (max - min + 1));
  }
  /** An integer in [min, max] that favours the low end, as victim counts and quantities do. */
  skewed(min: number, max: number): number {
    return min + Math.floor(this.#next() ** 2 * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.#next() < p;
  }
  pick<T>(list: readonly T[]): T {
    const item = list[Math.floor(this.#next() * list.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  weighted<T>(list: readonly T[], weight: (item: T) => number): T {
    const total = list.reduce((sum, item) => sum + weight(item), 0);
    let r = this.#next() * total;
    for (const item of list) {
      r -= weight(item);
      if (r < 0) return item;
    }
    const last = list.at(-1);
    if (last === undefined) throw new Error('weighted pick from an empty list');
    return last;
  }
  /** A key of `weights`, drawn in proportion to its weight (a key weighing 0 never comes out). */
  weightedKey<K extends string>(weights: Partial<Record<K, number>>): K {
    const entries = (Object.entries(weights) as [K, number][]).filter(([, w]) => w > 0);
    return this.weighted(entries, ([, w]) => w)[0];
  }
  jitter(value: number, spread: number): number {
    return value + (this.#next() * 2 - 1) * spread;
  }
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

/** `date` is ISO `YYYY-MM-DD`; for month precision it is the first of the month. */
interface When {
  date: string;
  precision: 'day' | 'month';
}

const DAY_MS = 86_400_000;
const yearOf = (when: When) => Number(when.date.slice(0, 4));

function when(text: string): When {
  return text.length === 7 ? { date: `${text}-01`, precision: 'month' } : { date: text, precision: 'day' };
}

function randomDay(rng: Random, year: number): string {
  const start = Date.UTC(year, 0, 1);
  const days = (Date.UTC(year + 1, 0, 1) - start) / DAY_MS;
  return new Date(start + rng.int(0, days - 1) * DAY_MS).toISOString().slice(0, 10);
}

/** Case-file prefix: YYMMDD, or YYMM00 when only the month is known. */
const refDate = (w: When) =>
  w.date.slice(2, 4) + w.date.slice(5, 7) + (w.precision === 'day' ? w.date.slice(8, 10) : '00');
const cellDate = (w: When) => (w.precision === 'day' ? w.date : w.date.slice(0, 7));

// ---------------------------------------------------------------------------------------------
// Places: real localities, approximate real coordinates
// ---------------------------------------------------------------------------------------------

type Zone = 'north' | 'centre' | 'bamako' | 'burkina' | 'niger' | 'ivoire';

interface Place {
  name: string;
  admin1: string;
  country: string;
  lat: number;
  lon: number;
  zone: Zone;
  /** Weight in the background draw; 0 keeps a place for planted incidents only. */
  weight: number;
  /** First year background incidents happen there. */
  from: number;
}

const place = (
  name: string,
  admin1: string,
  country: string,
  lat: number,
  lon: number,
  zone: Zone,
  weight: number,
  from = 2013,
): Place => ({
  name,
  admin1,
  country,
  lat,
  lon,
  zone,
  weight,
  from,
});

const PLACES: readonly Place[] = [
  // Mali, north of the Niger
  place('Kidal', 'Kidal', 'ML', 18.4411, 1.4078, 'north', 6),
  place('Aguelhok', 'Kidal', 'ML', 19.4614, 0.856, 'north', 5),
  place('Tessalit', 'Kidal', 'ML', 20.202, 1.011, 'north', 4),
  place('Anéfis', 'Kidal', 'ML', 18.05, 0.6, 'north', 2),
  place('Abeïbara', 'Kidal', 'ML', 19.117, 1.752, 'north', 1),
  place('Gao', 'Gao', 'ML', 16.2717, -0.0447, 'north', 7),
  place('Ansongo', 'Gao', 'ML', 15.6597, 0.5022, 'north', 3),
  place('Bourem', 'Gao', 'ML', 16.9564, -0.3458, 'north', 2),
  place('Ménaka', 'Ménaka', 'ML', 15.9182, 2.4022, 'north', 4),
  place('Anderamboukane', 'Ménaka', 'ML', 15.4247, 3.0297, 'north', 2),
  place('Inékar', 'Ménaka', 'ML', 15.955, 3.16, 'north', 1),
  place('Tombouctou', 'Tombouctou', 'ML', 16.7666, -3.0026, 'north', 6),
  place('Ber', 'Tombouctou', 'ML', 16.88, -2.42, 'north', 3),
  place('Goundam', 'Tombouctou', 'ML', 16.4145, -3.6708, 'north', 2),
  place('Niafunké', 'Tombouctou', 'ML', 15.9322, -3.9906, 'north', 1),
  place('Léré', 'Tombouctou', 'ML', 15.715, -4.915, 'north', 2),
  place('Gossi', 'Tombouctou', 'ML', 15.8206, -1.3006, 'north', 2),
  place('Gourma-Rharous', 'Tombouctou', 'ML', 16.878, -1.927, 'north', 1),
  // Mali, centre (south of the Niger)
  place('Mopti', 'Mopti', 'ML', 14.4843, -4.1827, 'centre', 2, 2015),
  place('Sévaré', 'Mopti', 'ML', 14.527, -4.096, 'centre', 2, 2015),
  place('Douentza', 'Mopti', 'ML', 15.0025, -2.9497, 'centre', 3, 2015),
  place('Boni', 'Mopti', 'ML', 15.066, -2.21, 'centre', 2, 2015),
  place('Hombori', 'Mopti', 'ML', 15.283, -1.7, 'centre', 1, 2015),
  place('Ténenkou', 'Mopti', 'ML', 14.457, -4.917, 'centre', 2, 2015),
  place('Djenné', 'Mopti', 'ML', 13.906, -4.553, 'centre', 1, 2015),
  place('Bandiagara', 'Mopti', 'ML', 14.35, -3.61, 'centre', 2, 2015),
  place('Koro', 'Mopti', 'ML', 14.065, -3.08, 'centre', 2, 2015),
  place('Youwarou', 'Mopti', 'ML', 15.386, -4.261, 'centre', 1, 2015),
  place('Sofara', 'Mopti', 'ML', 14.01, -4.24, 'centre', 1, 2015),
  place('Ségou', 'Ségou', 'ML', 13.4317, -6.2157, 'centre', 1, 2015),
  place('Niono', 'Ségou', 'ML', 14.2526, -5.9931, 'centre', 2, 2015),
  place('Macina', 'Ségou', 'ML', 13.9614, -5.3572, 'centre', 1, 2015),
  place('Diabaly', 'Ségou', 'ML', 14.688, -6.019, 'centre', 1, 2015),
  place('Nampala', 'Ségou', 'ML', 15.283, -5.55, 'centre', 1, 2015),
  place('Bamako', 'Bamako', 'ML', 12.6392, -8.0029, 'bamako', 1, 2015),
  // Burkina Faso
  place('Djibo', 'Sahel', 'BF', 14.101, -1.627, 'burkina', 2, 2016),
  place('Dori', 'Sahel', 'BF', 14.035, -0.034, 'burkina', 1, 2016),
  place('Gorom-Gorom', 'Sahel', 'BF', 14.444, -0.236, 'burkina', 1, 2016),
  place('Arbinda', 'Sahel', 'BF', 14.229, -0.866, 'burkina', 1, 2016),
  place('Ouahigouya', 'Nord', 'BF', 13.582, -2.421, 'burkina', 1, 2016),
  place('Titao', 'Nord', 'BF', 13.766, -2.074, 'burkina', 1, 2016),
  place('Dédougou', 'Boucle du Mouhoun', 'BF', 12.463, -3.46, 'burkina', 1, 2016),
  place('Tougan', 'Boucle du Mouhoun', 'BF', 13.072, -3.07, 'burkina', 1, 2016),
  place('Nouna', 'Boucle du Mouhoun', 'BF', 12.73, -3.864, 'burkina', 1, 2016),
  place('Ouagadougou', 'Centre', 'BF', 12.3714, -1.5197, 'burkina', 0),
  // Niger
  place('Tillabéri', 'Tillabéri', 'NE', 14.212, 1.453, 'niger', 1, 2017),
  place('Ayorou', 'Tillabéri', 'NE', 14.731, 0.918, 'niger', 1, 2017),
  place('Ouallam', 'Tillabéri', 'NE', 14.319, 2.086, 'niger', 1, 2017),
  place('Tongo Tongo', 'Tillabéri', 'NE', 14.88, 1.83, 'niger', 1, 2017),
  place('Tahoua', 'Tahoua', 'NE', 14.889, 5.269, 'niger', 1, 2017),
  place('Tillia', 'Tahoua', 'NE', 16.137, 4.792, 'niger', 1, 2017),
  // Côte d'Ivoire (planted incidents only)
  place('Abidjan', 'Abidjan', 'CI', 5.36, -4.0083, 'ivoire', 0),
  place('Grand-Bassam', 'Sud-Comoé', 'CI', 5.2118, -3.7388, 'ivoire', 0),
  place('Bouaké', 'Gbêkê', 'CI', 7.69, -5.03, 'ivoire', 0),
  place('Korhogo', 'Poro', 'CI', 9.458, -5.6296, 'ivoire', 0),
  place('Duékoué', 'Guémon', 'CI', 6.74, -7.349, 'ivoire', 0),
  place('Man', 'Tonkpi', 'CI', 7.4125, -7.5538, 'ivoire', 0),
];

function placeNamed(name: string): Place {
  const found = PLACES.find((p) => p.name === name);
  if (!found) throw new Error(`demo: no place named ${name}`);
  return found;
}

// ---------------------------------------------------------------------------------------------
// Actors
// ---------------------------------------------------------------------------------------------

type ActorRow = { name: string; aliases: string; parent: string; from: string; to: string };

const ACTORS: readonly ActorRow[] = [
  {
    name: 'JNIM',
    aliases: "GSIM; Jama'at Nusrat al-Islam wal-Muslimin; Groupe de soutien à l'islam et aux musulmans",
    parent: '',
    from: '2017-03',
    to: '',
  },
  { name: 'Ansar Dine', aliases: 'Ansar Eddine; Ançar Dine', parent: 'JNIM', from: '2012-01', to: '2017-03' },
  {
    name: 'Katibat Macina',
    aliases: 'Katiba Macina; Katibat Massina; Front de libération du Macina; FLM; Macina Liberation Front',
    parent: 'JNIM',
    from: '2015-01',
    to: '',
  },
  {
    name: 'Al-Mourabitoun',
    aliases: 'Al Murabitun; Al-Mourabitoune; Al-Murabitoun',
    parent: 'JNIM',
    from: '2013-08',
    to: '2017-03',
  },
  // The record stands for AQIM's Sahara branch as met in theatre, merged into JNIM in March 2017.
  {
    name: 'AQIM',
    aliases:
      'AQMI; Al-Qaida in the Islamic Maghreb; Al-Qaïda au Maghreb islamique; Sahara Emirate; Émirat du Sahara',
    parent: 'JNIM',
    from: '2007-01',
    to: '2017-03',
  },
  {
    name: 'MUJAO',
    aliases:
      "MUJWA; Mouvement pour l'unicité et le jihad en Afrique de l'Ouest; Movement for Oneness and Jihad in West Africa",
    parent: 'Al-Mourabitoun',
    from: '2011-10',
    to: '2013-08',
  },
  {
    name: 'ISGS',
    aliases:
      'Islamic State in the Greater Sahara; EIGS; État islamique au Grand Sahara; Islamic State Sahel Province; ISSP',
    parent: '',
    from: '2015-05',
    to: '',
  },
  { name: 'Ansarul Islam', aliases: 'Ansaroul Islam; Ansar ul Islam', parent: '', from: '2016-12', to: '' },
  {
    name: 'MNLA',
    aliases:
      "Mouvement national pour la libération de l'Azawad; National Movement for the Liberation of Azawad",
    parent: 'CMA',
    from: '2011-10',
    to: '',
  },
  {
    name: 'CMA',
    aliases: "Coordination des mouvements de l'Azawad; Coordination of Azawad Movements",
    parent: '',
    from: '2014-06',
    to: '',
  },
  {
    name: 'Bandits',
    aliases: 'Armed bandits; Bandits armés; Coupeurs de route',
    parent: '',
    from: '',
    to: '',
  },
];

/** Groups active in a zone at a date, weighted by how often the cell attributes incidents to them. */
function groupsFor(p: Place, date: string): Record<string, number> {
  const eastNorth = p.admin1 === 'Gao' || p.admin1 === 'Ménaka';
  const gourma = ['Boni', 'Hombori', 'Douentza', 'Gossi'].includes(p.name);
  const beforeJnim = date < '2017-03-02';
  switch (p.zone) {
    case 'north':
      if (date < '2013-08-20') return { MUJAO: eastNorth ? 5 : 1, 'Ansar Dine': 3, AQIM: 2, MNLA: 1 };
      if (beforeJnim) {
        return {
          'Ansar Dine': 4,
          AQIM: 2,
          'Al-Mourabitoun': 3,
          ISGS: date >= '2016-01-01' && eastNorth ? 3 : 0,
          MNLA: date < '2014-06-01' ? 1 : 0,
          CMA: date >= '2014-06-01' && date < '2015-06-20' ? 1 : 0,
        };
      }
      return { JNIM: 7, ISGS: eastNorth || gourma ? 5 : 0.5 };
    case 'centre':
      if (beforeJnim) return { 'Katibat Macina': 5, 'Ansar Dine': 2 };
      return { 'Katibat Macina': 4, JNIM: 4, ISGS: gourma ? 3 : 0.3 };
    case 'bamako':
      return beforeJnim ? { 'Al-Mourabitoun': 1, AQIM: 1 } : { JNIM: 1 };
    case 'burkina':
      if (date < '2016-12-15') return { 'Al-Mourabitoun': 1, AQIM: 1 };
      return { 'Ansarul Islam': date < '2020-01-01' ? 4 : 1, JNIM: 4, ISGS: p.admin1 === 'Sahel' ? 3 : 0.5 };
    case 'niger':
      return { ISGS: 5, JNIM: 1 };
    case 'ivoire':
      return {};
  }
}

// ---------------------------------------------------------------------------------------------
// Samples: what materiel is written like, and which producers and years it comes from
// ---------------------------------------------------------------------------------------------

interface Sample {
  category: ItemCategory;
  type: string;
  /** Spellings; one is chosen per row. '' means left empty. */
  models?: readonly string[];
  calibres?: readonly string[];
  makers?: readonly string[];
  country?: string;
  /** Years of production; none means the year is never known (improvised or commercial items). */
  years?: readonly [number, number];
  /** Headstamp or stamp as read; `{yy}` and `{yyyy}` take the year. */
  marking?: string;
  /** Serial number pattern: `#` a digit, `@` a letter. Serial items are one row each. */
  serial?: string;
  weight?: number;
  /** Only met between these dates (ISO), e.g. a shipment wave. */
  window?: readonly [string, string];
  /** Only met in these zones. */
  zones?: readonly Zone[];
}

// Calibres in the ways field teams type them, so that normalisation is exercised.
const C762X39 = ['7.62x39', '7,62 × 39 mm', '7.62X39MM', '7.62 x 39', '7.62x39mm', '7,62x39'];
const C762X54R = ['7.62x54R', '7.62 x 54 mm R', '7,62x54R', '7.62x54'];
const C127 = ['12.7x108', '12.7 x 108', '12,7x108mm', '12.7X108'];
const C145 = ['14.5x114', '14,5x114', '14.5 x 114 mm'];
const C556 = ['5.56x45', '5.56 NATO', '5,56x45 mm'];
const C9 = ['9x19', '9 x 19 mm', '9mm Para'];
const C762X51 = ['7.62x51', '7.62 NATO', '7,62x51'];

const cartridge = (
  calibres: readonly string[],
  makers: readonly string[],
  country: string,
  years: readonly [number, number],
  weight: number,
  marking?: string,
  extra: Partial<Sample> = {},
): Sample => ({
  category: 'ammunition',
  type: 'cartridge',
  calibres,
  makers,
  country,
  years,
  weight,
  ...(marking ? { marking } : {}),
  ...extra,
});

const NORTH_MALI: readonly Zone[] = ['north'];

/** Small-arms and machine-gun ammunition met everywhere; the weights set the calibre mix. */
const CARTRIDGES: readonly Sample[] = [
  // PLANTED (common background): Soviet Tula 539 7.62x39 of the 1980s, at many incidents everywhere.
  cartridge(C762X39, ['539', '539', '539', 'Tula'], 'SU', [1978, 1991], 22, '539 {yy}'),
  cartridge(C762X39, ['3', 'Ulyanovsk'], 'SU', [1972, 1990], 4, '3 {yy}'),
  cartridge(C762X39, ['17', 'Barnaul'], 'SU', [1980, 1991], 3, '17 {yy}'),
  cartridge(C762X39, ['60'], 'SU', [1975, 1990], 3, '60 {yy}'),
  cartridge(C762X39, ['270', 'Lugansk'], 'SU', [1970, 1990], 3, '270 {yy}'),
  cartridge(C762X39, ['31', 'Factory 31'], 'CN', [1966, 2012], 8, '31 {yy}'),
  cartridge(C762X39, ['61'], 'CN', [1970, 1998], 5, '61 {yy}'),
  cartridge(C762X39, ['71', 'Factory 71'], 'CN', [1975, 2010], 5, '71 {yy}'),
  cartridge(C762X39, ['10', 'Arsenal'], 'BG', [1968, 1992], 5, '10 {yy}'),
  cartridge(C762X39, ['bxn', 'BXN', 'Sellier & Bellot'], 'CS', [1956, 1976], 3, 'bxn {yy}'),
  cartridge(C762X39, ['PPU', 'Prvi Partizan'], 'RS', [1996, 2012], 2, 'PPU {yy}'),
  // Codes not in the reference list: kept as written, flagged as unlisted producers.
  cartridge(C762X39, ['21'], 'PL', [1970, 1985], 2, '21 {yy}'),
  cartridge(C762X39, ['22'], 'HU', [1965, 1982], 1, '22 {yy}'),
  cartridge(C762X39, ['Norinco'], 'CN', [1985, 2008], 2),
  cartridge(C762X54R, ['711', 'Klimovsk'], 'SU', [1968, 1990], 6, '711 {yy}'),
  cartridge(C762X54R, ['188', 'Novosibirsk'], 'SU', [1970, 1991], 4, '188 {yy}'),
  cartridge(C762X54R, ['539'], 'SU', [1975, 1990], 3, '539 {yy}'),
  cartridge(C762X54R, ['bxn'], 'CS', [1955, 1975], 1, 'bxn {yy}'),
  cartridge(C127, ['41'], 'CN', [1975, 2005], 4, '41 {yy}'),
  cartridge(C127, ['188'], 'SU', [1970, 1990], 3, '188 {yy}'),
  cartridge(C127, ['17', 'Barnaul'], 'SU', [1965, 1990], 2, '17 {yy}'),
  cartridge(C127, ['10'], 'BG', [1980, 1995], 1, '10 {yy}'),
  cartridge(C145, ['3'], 'SU', [1970, 1990], 1.5, '3 {yy}'),
  cartridge(C145, ['41'], 'CN', [1975, 1995], 1, '41 {yy}'),
  cartridge(C556, ['LC'], 'US', [1995, 2012], 1, 'L C {yy}'),
  cartridge(C556, ['PMP'], 'ZA', [1990, 2010], 1, 'PMP {yy}'),
  cartridge(C9, ['MKE'], 'TR', [1995, 2015], 0.8, 'MKE {yy}'),
  cartridge(C9, ['S&B'], 'CZ', [2000, 2015], 0.5, 'S&B 9mm Luger'),
  cartridge(C762X51, ['FN'], 'BE', [1970, 1990], 1, 'FN {yy}'),
  cartridge(C762X51, ['POF'], 'PK', [1980, 2005], 0.7, 'POF {yy}'),
  cartridge(C762X51, ['MKE'], 'TR', [1975, 1995], 0.5, 'MKE {yy}'),
  // PLANTED (waves): Libyan shipments, each met for a few months in northern Mali and then
  // replaced by the next. These producer/year pairs occur nowhere else.
  cartridge(C762X39, ['IK'], 'YU', [1986, 1986], 40, 'IK 86', {
    window: ['2014-04-01', '2014-08-31'],
    zones: NORTH_MALI,
  }),
  cartridge(C762X39, ['311'], 'CN', [1975, 1975], 40, '311 75', {
    window: ['2015-01-01', '2015-05-31'],
    zones: NORTH_MALI,
  }),
  cartridge(C762X54R, ['945'], 'CN', [1989, 1989], 40, '945 89', {
    window: ['2015-09-01', '2016-01-31'],
    zones: NORTH_MALI,
  }),
];

/** Calibre of a weapon model as field teams note it ('' when they did not). */
const WEAPON_CALIBRES: Record<string, readonly string[]> = {
  AKM: ['7.62x39', '7.62 x 39', ''],
  'AK-47': ['7.62x39', ''],
  'Type 56': ['7.62x39', '7,62x39', ''],
  'Type 56-1': ['7.62x39', ''],
  'AMD-65': ['7.62x39'],
  M70: ['7.62x39', ''],
  'vz. 58': ['7.62x39'],
  SKS: ['7.62x39'],
  PKM: ['7.62x54R', '7.62x54', ''],
  DShKM: ['12.7x108', '12.7 x 108'],
  'Type 54 HMG': ['12.7x108'],
  'FN FAL': ['7.62x51', '7.62 NATO', ''],
  G3: ['7.62x51', ''],
  'MAS 49/56': ['7.5x54', '7.5 MAS'],
  Makarov: ['9x18', '9mm Makarov'],
  'TT-33': ['7.62x25', '7.62 Tokarev'],
};

const weapon = (
  type: string,
  models: readonly string[],
  makers: readonly string[],
  country: string,
  years: readonly [number, number],
  weight: number,
  serial: string,
  extra: Partial<Sample> = {},
): Sample => {
  const calibres = WEAPON_CALIBRES[models[0] ?? ''];
  return {
    category: 'weapon',
    type,
    models,
    makers,
    country,
    years,
    weight,
    serial,
    marking: '{yyyy}',
    ...(calibres ? { calibres } : {}),
    ...extra,
  };
};

const WEAPONS: readonly Sample[] = [
  weapon(
    'assault rifle',
    ['AKM', 'AKM', 'AK-M', 'AKM-pattern'],
    ['Izhmash', 'Izhevsk', ''],
    'SU',
    [1959, 1985],
    10,
    '@@ ####',
  ),
  weapon('assault rifle', ['AKM'], ['Tula Arms Plant', 'TOZ'], 'SU', [1959, 1980], 4, '@@ ####'),
  weapon('assault rifle', ['AK-47', 'Kalashnikov'], ['Izhmash'], 'SU', [1951, 1959], 2, '@@ ####'),
  weapon('assault rifle', ['Type 56', 'T56'], ['Norinco', '66'], 'CN', [1964, 1992], 6, '########'),
  weapon('assault rifle', ['Type 56-1', 'T56-1'], ['Norinco', '66'], 'CN', [1968, 1995], 5, '########'),
  weapon('assault rifle', ['AKM'], ['Arsenal', '10'], 'BG', [1968, 1992], 3, '@@ #####'),
  weapon('assault rifle', ['AMD-65'], ['FÉG', 'FEG'], 'HU', [1967, 1980], 1.5, '@@ ####'),
  weapon('assault rifle', ['M70', 'M70AB2'], ['Zastava'], 'YU', [1972, 1991], 2, '######'),
  weapon('assault rifle', ['vz. 58', 'Sa vz. 58'], ['Ceska zbrojovka'], 'CS', [1959, 1975], 1, '@ #####'),
  weapon('carbine', ['SKS'], ['Tula Arms Plant'], 'SU', [1949, 1956], 1, '@@ ###'),
  weapon('machine gun', ['PKM', 'PK-M'], [''], 'SU', [1969, 1990], 4, '@@ ####'),
  weapon('heavy machine gun', ['DShKM', 'DShK', 'Douchka'], [''], 'SU', [1946, 1962], 1.5, '@@ ###'),
  weapon('heavy machine gun', ['Type 54 HMG'], ['Norinco'], 'CN', [1960, 1990], 1, '######'),
  weapon('rocket launcher', ['RPG-7', 'RPG-7V', 'RPG 7'], [''], 'SU', [1965, 1990], 3, '@@ ####'),
  weapon('rocket launcher', ['RPG-7'], ['Arsenal'], 'BG', [1975, 1995], 1, '#####'),
  weapon('rocket launcher', ['Type 69'], ['Norinco'], 'CN', [1970, 1995], 1, '######'),
  weapon('battle rifle', ['FN FAL', 'FAL'], ['FN', 'FN Herstal'], 'BE', [1958, 1982], 2, '######'),
  weapon('battle rifle', ['G3', 'HK G3'], ['Heckler & Koch', 'HK'], 'DE', [1961, 1985], 1.5, 'A######'),
  weapon('battle rifle', ['G3', 'G3A3'], ['POF'], 'PK', [1970, 1998], 1, '######'),
  weapon('rifle', ['MAS 49/56', 'MAS-49'], ['MAS'], 'FR', [1957, 1966], 1, '@ #####'),
];

const PISTOLS: readonly Sample[] = [
  weapon('pistol', ['Makarov', 'PM'], [''], 'SU', [1955, 1990], 2, '@@ ###'),
  weapon('pistol', ['TT-33', 'Type 54 pistol'], ['Norinco'], 'CN', [1955, 1990], 2, '#######'),
];

/** Rounds of one kind (rockets, mortar rounds, RPG grenades), marked with a lot and year. */
const heavy =
  (type: string) =>
  (
    models: readonly string[],
    calibres: readonly string[],
    makers: readonly string[],
    country: string,
    years: readonly [number, number],
    weight: number,
  ): Sample => ({
    category: 'ammunition',
    type,
    models,
    calibres,
    makers,
    country,
    years,
    weight,
    marking: 'lot {yy}',
  });
const rocket = heavy('rocket');
const mortar = heavy('mortar round');
const rpgRound = heavy('rocket-propelled grenade');

// PLANTED (specificity): 122 mm rockets are all Soviet, 1970s–80s.
const ROCKET_122 = rocket(['9M22', 'Grad', '9M22U'], ['122 mm', '122mm'], [''], 'SU', [1972, 1989], 3);
// PLANTED (specificity): 57 mm rockets are all Bulgarian, produced 2011.
const ROCKET_57 = rocket(
  ['S-5', 'S-5K', 'S-5M'],
  ['57mm', '57 mm'],
  ['VMZ', 'VMZ Sopot'],
  'BG',
  [2011, 2011],
  2,
);

/** Rockets and mortar rounds, for indirect fire and caches. */
const HEAVY: readonly Sample[] = [
  rocket(['Type 63', '107 mm Type 63', ''], ['107mm', '107 mm'], ['Norinco', ''], 'CN', [1975, 2008], 5),
  ROCKET_122,
  ROCKET_57,
  mortar(['60 mm mortar round', '60mm mortar'], ['60mm', '60 mm'], ['Krusik', ''], 'YU', [1978, 1991], 2),
  mortar(['60 mm mortar round'], ['60mm'], ['Norinco'], 'CN', [1980, 2005], 1),
  mortar(
    ['81 mm mortar round', '81mm mortar'],
    ['81 mm', '81mm'],
    ['Krušik', 'Krusik'],
    'YU',
    [1978, 1990],
    1.5,
  ),
  mortar(['O-832D', '82 mm mortar round', '82mm mortar'], ['82 mm', '82mm'], [''], 'SU', [1965, 1990], 4),
  mortar(['82 mm mortar round'], ['82mm'], ['Arsenal'], 'BG', [1980, 1995], 1.5),
  mortar(
    ['OF-843B', '120mm mortar', '120 mm mortar round'],
    ['120mm', '120 mm'],
    [''],
    'SU',
    [1970, 1990],
    2,
  ),
];

const RPG_AMMO: readonly Sample[] = [
  rpgRound(['PG-7V', 'PG-7'], ['40 mm', ''], [''], 'SU', [1968, 1990], 3),
  rpgRound(['PG-7V'], ['40mm'], ['Arsenal'], 'BG', [1980, 2005], 2),
  rpgRound(['OG-7V', 'OG-7'], [''], [''], 'SU', [1970, 1990], 1),
];

/** Military ordnance with a model, or bulk charges known only by type (no producer, no year). */
const ordnance = (
  type: string,
  models: readonly string[],
  years: readonly [number, number],
  weight: number,
): Sample => ({
  category: 'explosive',
  type,
  models,
  makers: [''],
  country: 'SU',
  years,
  weight,
});
const charge = (type: string, weight: number): Sample => ({ category: 'explosive', type, weight });

const EXPLOSIVES: readonly Sample[] = [
  ordnance('anti-vehicle mine', ['TM-57', 'TM 57', 'mine TM-57'], [1960, 1982], 3),
  ordnance('anti-vehicle mine', ['TM-62M', 'TM-62'], [1965, 1988], 1.5),
  ordnance('hand grenade', ['F1', 'F-1'], [1960, 1990], 1.5),
  ordnance('hand grenade', ['RGD-5'], [1960, 1990], 1),
  charge('ammonium nitrate (HME)', 3),
  charge('ANFO', 1.5),
  charge('plastic explosive', 0.5),
  charge('detonating cord', 1),
];

const COMPONENTS: readonly Sample[] = [
  { category: 'ied_component', type: 'pressure plate (improvised)', weight: 4 },
  { category: 'ied_component', type: 'electric detonator', weight: 3 },
  { category: 'ied_component', type: 'battery (9 V)', weight: 3 },
  { category: 'ied_component', type: 'mobile phone (initiator)', weight: 1 },
  { category: 'ied_component', type: 'PMR radio (initiator)', weight: 1 },
  { category: 'ied_component', type: 'command wire', weight: 2 },
  { category: 'ied_component', type: 'crush-wire switch', weight: 1 },
  { category: 'ied_component', type: 'remote-control receiver', weight: 1 },
];

const vehicle = (
  type: string,
  models: readonly string[],
  makers: readonly string[],
  country: string,
  years: readonly [number, number],
  serial: string,
  weight: number,
): Sample => ({
  category: 'vehicle',
  type,
  models,
  makers,
  country,
  years,
  serial,
  weight,
});

/** Serials are VINs or frame numbers. */
const VEHICLES: readonly Sample[] = [
  vehicle('pick-up', ['Toyota Land Cruiser 79'], ['Toyota'], 'JP', [2000, 2015], 'JTE@@##@#0#######', 3),
  vehicle('pick-up', ['Toyota Hilux'], ['Toyota'], 'JP', [2005, 2016], 'AHT@@##@#0#######', 2),
  vehicle('motorcycle', ['Sanili', 'Haojue'], [''], 'CN', [2008, 2020], 'L@@@##@##########', 3),
];

// ---------------------------------------------------------------------------------------------
// PLANTED samples: each exists only in the incidents listed under "Planted incidents"
// ---------------------------------------------------------------------------------------------

/** PLANTED (linked attacks): AKMS-pattern rifles, one producer, 2011, not held by FAMa. */
const AKMS_2011: Sample = {
  category: 'weapon',
  type: 'assault rifle',
  models: ['AKMS-pattern', 'AKMS', 'AKM-S'],
  calibres: C762X39,
  makers: ['Cugir', 'UM Cugir'],
  country: 'RO',
  years: [2011, 2011],
  marking: '{yyyy}; folding stock; no secondary marks',
  serial: '11#####',
};

/** PLANTED (attribution): 7.62x39 of 2015 used only by Katibat Macina in central Mali. */
const MACINA_2015 = cartridge(
  C762X39,
  ['MIC', 'Military Industry Corporation'],
  'SD',
  [2015, 2015],
  0,
  'MIC 15',
);

/** PLANTED (diversion event, spread): Egyptian 7.62x39 of 2015, captured from FAMa. */
const EGYPT_2015 = cartridge(
  C762X39,
  ['27', 'Egyptian Factory 27', 'Factory 27'],
  'EG',
  [2015, 2015],
  0,
  '٢٧ ١٥',
);

/** PLANTED (new in theatre): a 32 mm anti-tank grenade, never seen before August 2021. */
const AT_GRENADE_32: Sample = {
  category: 'ammunition',
  type: 'anti-tank rifle grenade',
  calibres: ['32 mm', '32mm'],
};

/** PLANTED (rapid diversion): recent ammunition in use within a year or two. */
const CN_2016 = cartridge(C762X39, ['31', 'Factory 31'], 'CN', [2016, 2016], 0, '31 16');
const BG_2015_54R = cartridge(C762X54R, ['10', 'Arsenal'], 'BG', [2015, 2015], 0, '10 15');
const DSHK_2019 = weapon('heavy machine gun', ['DShKM'], ['POF'], 'PK', [2019, 2019], 0, '19####');
const MINING_2016: Sample = {
  category: 'explosive',
  type: 'mining explosive (emulsion cartridge)',
  years: [2016, 2016],
  marking: 'export packaging, {yyyy}',
};
const DETONATOR_2016: Sample = {
  category: 'ied_component',
  type: 'electric detonator (commercial)',
  years: [2016, 2016],
  marking: 'batch marked {yyyy}',
};

/** PLANTED (post-embargo production): Côte d'Ivoire materiel produced after the 2004 embargo... */
const CI_POST_EMBARGO: readonly Sample[] = [
  weapon('assault rifle', ['Type 56-1'], ['Norinco'], 'CN', [2006, 2006], 1, '########'),
  weapon('assault rifle', ['AKM'], ['Arsenal'], 'BG', [2008, 2008], 1, '@@ #####'),
  cartridge(C762X39, ['61'], 'CN', [2009, 2009], 1, '61 09'),
  cartridge(C127, ['41'], 'CN', [2007, 2007], 1, '41 07'),
  rpgRound(['PG-7V'], ['40mm'], ['Arsenal'], 'BG', [2009, 2009], 1),
  cartridge(C9, ['MKE'], 'TR', [2010, 2010], 1, 'MKE 10'),
];
/** ...and materiel produced before it, which is no lead. */
const CI_PRE_EMBARGO: readonly Sample[] = [
  weapon('assault rifle', ['AKM'], ['Izhmash'], 'SU', [1979, 1979], 1, '@@ ####'),
  weapon('battle rifle', ['FN FAL'], ['FN'], 'BE', [1968, 1968], 1, '######'),
  weapon('rifle', ['MAS 49/56'], ['MAS'], 'FR', [1958, 1958], 1, '@ #####'),
  weapon('battle rifle', ['G3'], ['Heckler & Koch'], 'DE', [1976, 1976], 1, 'A######'),
  weapon('assault rifle', ['Type 56'], ['Norinco'], 'CN', [1974, 1974], 1, '########'),
  cartridge(C762X39, ['539'], 'SU', [1984, 1984], 1, '539 84'),
  cartridge(C762X51, ['FN'], 'BE', [1979, 1979], 1, 'FN 79'),
];

// ---------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------

type IncidentRow = {
  ref: string;
  date: string;
  type: string;
  country: string;
  admin1: string;
  place: string;
  lat: string;
  lon: string;
  mgrs: string;
  target: string;
  actor: string;
  attribution: string;
  killed: string;
  injured: string;
  peacekeepers_killed: string;
  peacekeepers_injured: string;
  summary: string;
  source: string;
  classification: string;
};

type ItemRow = {
  ref: string;
  incident_ref: string;
  category: string;
  type: string;
  model: string;
  calibre: string;
  manufacturer: string;
  country_of_manufacture: string;
  year: string;
  lot: string;
  serial: string;
  markings: string;
  quantity: string;
  condition: string;
  notes: string;
};

type ItemDraft = Omit<ItemRow, 'ref' | 'incident_ref'>;

type BaselineRow = {
  holder: string;
  country: string;
  category: string;
  model: string;
  calibre: string;
  manufacturer: string;
  country_of_manufacture: string;
  year: string;
  lot: string;
  source: string;
};

type EmbargoRow = {
  regime: string;
  scope: string;
  country: string;
  actors: string;
  start: string;
  end: string;
};

// ---------------------------------------------------------------------------------------------
// Items from samples
// ---------------------------------------------------------------------------------------------

/** Fills a pattern: `#` a digit, `@` a letter (no I or O, as on stamps). */
function fill(rng: Random, pattern: string): string {
  const letters = 'ABCDEFGHJKLMNPRSTUVWXYZ';
  return pattern.replace(/[#@]/g, (c) =>
    c === '#' ? String(rng.int(0, 9)) : letters.charAt(rng.int(0, letters.length - 1)),
  );
}

const stamp = (template: string, year: number | undefined) =>
  year === undefined
    ? template.replace(/\s*\{yyyy\}|\s*\{yy\}/g, '')
    : template.replace('{yyyy}', String(year)).replace('{yy}', String(year % 100).padStart(2, '0'));

function available(sample: Sample, at: When, zone: Zone): boolean {
  if (sample.years && sample.years[0] > yearOf(at)) return false;
  if (sample.window && (at.date < sample.window[0] || at.date > sample.window[1])) return false;
  return !sample.zones || sample.zones.includes(zone);
}

/** One row of a sample as a field team would write it; the year is never after the incident's. */
function describe(rng: Random, sample: Sample, at: When, background = true): ItemDraft {
  const year = sample.years ? rng.int(sample.years[0], Math.min(sample.years[1], yearOf(at))) : undefined;
  // Now and then a field team writes the headstamp's two digits rather than four.
  const yearText =
    year === undefined
      ? ''
      : background && rng.chance(0.03)
        ? String(year % 100).padStart(2, '0')
        : String(year);
  return {
    category: sample.category,
    type: sample.type,
    model: sample.models ? rng.pick(sample.models) : '',
    calibre: sample.calibres ? rng.pick(sample.calibres) : '',
    manufacturer: sample.makers ? rng.pick(sample.makers) : '',
    country_of_manufacture: sample.country ?? '',
    year: yearText,
    lot: '',
    serial: sample.serial ? fill(rng, sample.serial) : '',
    markings: sample.marking ? stamp(sample.marking, year) : '',
    quantity: '1',
    condition: '',
    notes: '',
  };
}

const lotFor = (rng: Random, item: ItemDraft) =>
  item.year ? `${rng.int(1, 60)}-${item.year.slice(-2)}` : fill(rng, '@##-###');

/** Background materiel typical of an incident type, drawn from the sample tables. */
class Kit {
  readonly items: ItemDraft[] = [];
  constructor(
    private readonly rng: Random,
    private readonly at: When,
    private readonly zone: Zone,
  ) {}

  #draw(table: readonly Sample[]): ItemDraft | undefined {
    const open = table.filter((s) => available(s, this.at, this.zone));
    if (open.length === 0) return undefined;
    return describe(
      this.rng,
      this.rng.weighted(open, (s) => s.weight ?? 1),
      this.at,
    );
  }

  #add(table: readonly Sample[], n: number, finish: (item: ItemDraft) => void) {
    for (let i = 0; i < n; i++) {
      const item = this.#draw(table);
      if (!item) continue;
      finish(item);
      this.items.push(item);
    }
  }

  /** Spent casings: one row per sample with the count collected. */
  casings(n: number) {
    this.#add(CARTRIDGES, n, (item) => {
      item.type = 'cartridge case';
      item.condition = 'fired';
      item.quantity = String(this.rng.skewed(1, 60));
    });
  }

  liveAmmo(n: number) {
    this.#add(CARTRIDGES, n, (item) => {
      item.condition = 'live';
      item.quantity = String(this.rng.pick([20, 30, 60, 120, 250, 440, 880]));
      if (this.rng.chance(0.5)) item.lot = lotFor(this.rng, item);
    });
  }

  weapons(n: number, table: readonly Sample[] = WEAPONS) {
    this.#add(table, n, (item) => {
      item.condition = this.rng.weightedKey({ serviceable: 6, damaged: 2, unserviceable: 1 });
      if (this.rng.chance(0.08)) item.year = '';
      if (this.rng.chance(0.12) && item.type.includes('rifle'))
        item.markings = `${item.markings}; secondary mark FAMa`.replace(/^; /, '');
    });
  }

  heavy(n: number, condition: ItemCondition, table: readonly Sample[] = HEAVY) {
    this.#add(table, n, (item) => {
      item.condition = condition;
      item.quantity = String(condition === 'live' ? this.rng.skewed(1, 12) : this.rng.skewed(1, 6));
      if (condition === 'live' && this.rng.chance(0.4)) item.lot = lotFor(this.rng, item);
    });
  }

  explosives(n: number) {
    this.#add(EXPLOSIVES, n, (item) => {
      item.condition = this.rng.chance(0.8) ? 'live' : 'destroyed';
      item.quantity = String(this.rng.skewed(1, 4));
      if (item.type.includes('nitrate') || item.type === 'ANFO')
        item.notes = `about ${this.rng.int(5, 40)} kg`;
    });
  }

  components(n: number, condition: ItemCondition) {
    this.#add(COMPONENTS, n, (item) => {
      item.condition = condition;
      item.quantity = String(this.rng.skewed(1, 3));
    });
  }

  vehicle(condition: ItemCondition) {
    this.#add(VEHICLES, 1, (item) => {
      item.condition = condition;
    });
  }
}

/** The materiel documented at an incident of each type, before any planted items. */
function backgroundKit(rng: Random, type: IncidentType, at: When, zone: Zone): ItemDraft[] {
  const k = new Kit(rng, at, zone);
  switch (type) {
    case 'ied_attack':
      k.components(rng.int(2, 5), 'destroyed');
      if (rng.chance(0.5)) k.explosives(1);
      if (rng.chance(0.5)) k.casings(rng.int(2, 6));
      if (rng.chance(0.15)) k.heavy(1, 'destroyed');
      break;
    case 'ied_find':
      k.components(rng.int(2, 4), 'live');
      k.explosives(rng.int(1, 2));
      if (rng.chance(0.25)) k.heavy(1, 'live');
      break;
    case 'indirect_fire':
      k.heavy(rng.int(2, 5), rng.chance(0.7) ? 'fired' : 'live');
      if (rng.chance(0.3)) k.casings(rng.int(1, 4));
      break;
    case 'small_arms_fire':
      k.casings(rng.int(6, 14));
      if (rng.chance(0.2)) k.weapons(1);
      break;
    case 'complex_attack':
      k.casings(rng.int(8, 16));
      k.weapons(rng.int(1, 4));
      if (rng.chance(0.5)) k.heavy(rng.int(1, 2), 'fired', RPG_AMMO);
      if (rng.chance(0.3)) k.explosives(1);
      if (rng.chance(0.3)) k.vehicle('destroyed');
      break;
    case 'vehicle_ied':
      k.vehicle('destroyed');
      k.explosives(rng.int(1, 2));
      k.components(rng.int(2, 3), 'destroyed');
      k.casings(rng.int(0, 5));
      break;
    case 'arms_cache':
      k.weapons(rng.int(2, 8));
      k.liveAmmo(rng.int(4, 10));
      k.heavy(rng.int(0, 3), 'live');
      k.heavy(rng.int(0, 2), 'live', RPG_AMMO);
      k.explosives(rng.int(0, 3));
      k.components(rng.int(0, 2), 'new');
      break;
    case 'seizure':
      k.weapons(rng.int(1, 5));
      k.liveAmmo(rng.int(2, 8));
      if (rng.chance(0.25)) k.explosives(rng.int(1, 2));
      if (rng.chance(0.2)) k.vehicle('serviceable');
      break;
    case 'weapons_collection':
    case 'surrender':
      k.weapons(rng.int(6, 15));
      k.liveAmmo(rng.int(1, 4));
      break;
    case 'battlefield_capture':
      k.weapons(rng.int(2, 6));
      k.liveAmmo(rng.int(2, 5));
      if (rng.chance(0.3)) k.vehicle('damaged');
      break;
    case 'theft_loss':
      k.weapons(rng.int(1, 3));
      k.liveAmmo(rng.int(1, 3));
      break;
    case 'banditry':
      k.casings(rng.int(1, 4));
      if (rng.chance(0.4)) k.weapons(1);
      break;
    case 'assassination':
      k.casings(rng.int(2, 4));
      if (rng.chance(0.2)) k.weapons(1, PISTOLS);
      break;
    case 'other':
      break;
  }
  return k.items;
}

// ---------------------------------------------------------------------------------------------
// Incidents
// ---------------------------------------------------------------------------------------------

interface Casualties {
  killed: number;
  injured: number;
  pkKilled: number;
  pkInjured: number;
}

interface IncidentDraft {
  at: When;
  type: IncidentType;
  place: Place;
  actor: string;
  attribution: Attribution | '';
  target: string;
  casualties: Casualties | undefined;
  summary: string;
  source: string;
  classification: Classification;
  /** Located by an MGRS grid reference rather than lat/lon. */
  grid: boolean;
  items: ItemDraft[];
}

const ATTACKS: readonly IncidentType[] = [
  'ied_attack',
  'indirect_fire',
  'small_arms_fire',
  'complex_attack',
  'vehicle_ied',
];

/**
 * Background mix: with the planted incidents (mostly small arms and complex attacks) the attacks
 * come out near the published mix for Mali (IED 50%, indirect fire 25%, small arms 17%, complex 8%).
 */
const TYPE_WEIGHTS: Partial<Record<IncidentType, number>> = {
  ied_attack: 34,
  indirect_fire: 16,
  small_arms_fire: 7,
  complex_attack: 2.5,
  vehicle_ied: 1.5,
  ied_find: 11,
  arms_cache: 6,
  seizure: 7,
  weapons_collection: 2,
  battlefield_capture: 3.5,
  theft_loss: 2,
  banditry: 3,
  assassination: 4,
};

/** Incidents per year: few in 2013, most in 2017–2021, fewer after MINUSMA's drawdown. */
const YEAR_WEIGHTS: Record<string, number> = {
  2013: 5,
  2014: 7,
  2015: 8,
  2016: 9,
  2017: 11,
  2018: 11,
  2019: 12,
  2020: 11,
  2021: 11,
  2022: 8,
  2023: 5,
  2024: 2,
};

const BAMAKO_TYPES: readonly IncidentType[] = [
  'seizure',
  'small_arms_fire',
  'assassination',
  'arms_cache',
  'banditry',
];

function typesFor(zone: Zone): Partial<Record<IncidentType, number>> {
  const keep = (ok: (t: IncidentType) => boolean) =>
    Object.fromEntries(Object.entries(TYPE_WEIGHTS).filter(([t]) => ok(t as IncidentType)));
  if (zone === 'bamako') return keep((t) => BAMAKO_TYPES.includes(t));
  if (zone === 'burkina' || zone === 'niger')
    return keep((t) => t !== 'indirect_fire' && t !== 'weapons_collection');
  return TYPE_WEIGHTS;
}

function targetFor(rng: Random, p: Place, date: string, type: IncidentType): string {
  if (type === 'assassination')
    return rng.pick(['village chief', 'imam', 'local official', 'former combatant', 'off-duty soldier']);
  if (!ATTACKS.includes(type) && type !== 'banditry') return '';
  if (type === 'banditry') return rng.pick(['civilians', 'traders', 'humanitarian convoy']);
  const french = date < '2014-08-01' ? 'Serval' : 'Barkhane';
  const frenchActive = date < '2022-08-16' ? 1 : 0;
  const g5 = date >= '2017-07-01' && date < '2022-05-15' ? 1 : 0;
  const movements = date >= '2014-06-01' ? 1 : 0;
  const options: Record<string, number> =
    p.zone === 'north'
      ? {
          MINUSMA: 45,
          FAMa: 20,
          [french]: 12 * frenchActive,
          civilians: 10,
          CMA: 4 * movements,
          Plateforme: 3 * movements,
          'G5 Sahel Joint Force': 3 * g5,
          'MINUSMA contractors': 2,
        }
      : p.zone === 'centre'
        ? {
            FAMa: 40,
            civilians: 25,
            MINUSMA: 20,
            'Dozo militia': 5,
            [french]: 5 * frenchActive,
            'G5 Sahel Joint Force': 5 * g5,
          }
        : p.zone === 'burkina'
          ? { 'Burkinabè defence and security forces': 50, civilians: 35, VDP: date >= '2020-01-21' ? 15 : 0 }
          : p.zone === 'niger'
            ? { 'Nigerien armed forces': 50, civilians: 35 }
            : { civilians: 3, FAMa: 1, 'EUTM Mali': date < '2022-01-01' ? 1 : 0 };
  return rng.weightedKey(options);
}

function casualtiesFor(rng: Random, type: IncidentType, target: string): Casualties | undefined {
  const ranges: Partial<Record<IncidentType, [number, number, number, number]>> = {
    ied_attack: [0, 4, 0, 8],
    indirect_fire: [0, 2, 0, 6],
    small_arms_fire: [0, 8, 0, 6],
    complex_attack: [2, 25, 3, 30],
    vehicle_ied: [2, 20, 5, 40],
    assassination: [1, 2, 0, 1],
    banditry: [0, 2, 0, 2],
  };
  const range = ranges[type];
  if (!range) return undefined;
  const killed = rng.skewed(range[0], range[1]);
  const injured = rng.skewed(range[2], range[3]);
  const mission = target === 'MINUSMA';
  return {
    killed,
    injured,
    pkKilled: mission ? rng.skewed(0, killed) : 0,
    pkInjured: mission ? rng.skewed(0, injured) : 0,
  };
}

/** Who did it: about one attack in five stays unattributed. */
function actorFor(
  rng: Random,
  p: Place,
  date: string,
  type: IncidentType,
): { actor: string; attribution: Attribution | '' } {
  const none = { actor: '', attribution: '' as const };
  if (type === 'banditry') return rng.chance(0.7) ? { actor: 'Bandits', attribution: 'presumed' } : none;
  if (type === 'theft_loss') return none;
  if (type === 'weapons_collection' || type === 'surrender') {
    if (p.zone !== 'north' || rng.chance(0.3)) return none;
    return { actor: date < '2014-06-01' ? 'MNLA' : 'CMA', attribution: 'confirmed' };
  }
  const attack = ATTACKS.includes(type) || type === 'assassination';
  if (rng.chance(attack ? (type === 'assassination' ? 0.45 : 0.2) : 0.5)) return none;
  const groups = groupsFor(p, date);
  if (!Object.values(groups).some((w) => w > 0)) return none;
  const actor = rng.weightedKey(groups);
  if (!attack) return { actor, attribution: 'presumed' };
  const attribution = rng.weightedKey<Attribution>({ claimed: 30, presumed: 55, confirmed: 15 });
  return { actor, attribution };
}

const SUMMARIES: Record<IncidentType, string> = {
  ied_attack: 'IED strike against a {target} convoy near {place}.',
  ied_find: 'IED found and neutralised before detonation near {place}.',
  indirect_fire: 'Rockets and mortar rounds fired at the {target} camp at {place}.',
  small_arms_fire: 'Small arms fire against {target} at {place}; casings collected on site.',
  complex_attack: 'Complex attack (small arms, RPG and IED) against {target} at {place}.',
  vehicle_ied: 'Suicide vehicle-borne IED against {target} at {place}.',
  arms_cache: 'Arms cache discovered near {place}.',
  seizure: 'Materiel seized by national forces near {place}.',
  weapons_collection: 'Weapons handed in during a collection/DDR operation at {place}.',
  surrender: 'Materiel handed over by surrendering fighters at {place}.',
  battlefield_capture: 'Materiel recovered after a clash near {place}.',
  theft_loss: 'Materiel reported stolen from a depot at {place}.',
  banditry: 'Armed robbery of {target} on the road near {place}.',
  assassination: 'Targeted killing of a {target} at {place}.',
  other: 'Incident at {place}.',
};

const summaryFor = (type: IncidentType, target: string, p: Place) =>
  SUMMARIES[type].replace('{target}', target || 'unknown').replace('{place}', p.name);

function sourceFor(rng: Random, type: IncidentType, p: Place): string {
  if (p.zone === 'ivoire') return 'UNOCI Integrated Embargo Monitoring Unit';
  if (p.zone === 'burkina') return 'Burkinabè authorities, shared with MINUSMA';
  if (p.zone === 'niger') return 'Nigerien authorities, shared with MINUSMA';
  if (type === 'ied_attack' || type === 'ied_find' || type === 'vehicle_ied')
    return rng.pick(['MINUSMA EOD (UNMAS)', 'Weapons intelligence team']);
  if (type === 'weapons_collection') return 'MINUSMA DDR section';
  if (type === 'seizure') return rng.pick(['FAMa', 'UNPOL']);
  return rng.pick(['JMAC', 'UNPOL forensics', 'Weapons intelligence team']);
}

const classificationFor = (rng: Random): Classification =>
  rng.weightedKey<Classification>({ internal: 80, confidential: 15, public: 5 });

function backgroundIncident(rng: Random): IncidentDraft {
  const year = Number(rng.weightedKey(YEAR_WEIGHTS));
  const p = rng.weighted(
    PLACES.filter((x) => x.from <= year),
    (x) => x.weight,
  );
  const type = rng.weightedKey(typesFor(p.zone));
  const monthOnly = !ATTACKS.includes(type) && type !== 'assassination' && rng.chance(0.08);
  const day = randomDay(rng, year);
  const at: When = monthOnly ? when(day.slice(0, 7)) : when(day);
  const target = targetFor(rng, p, at.date, type);
  return {
    at,
    type,
    place: p,
    ...actorFor(rng, p, at.date, type),
    target,
    casualties: casualtiesFor(rng, type, target),
    summary: summaryFor(type, target, p),
    source: sourceFor(rng, type, p),
    classification: classificationFor(rng),
    grid: rng.chance(0.04),
    items: backgroundKit(rng, type, at, p.zone),
  };
}

// ---------------------------------------------------------------------------------------------
// Planted incidents
// ---------------------------------------------------------------------------------------------

interface Materiel {
  sample: Sample;
  /** Rows; serial items (weapons) are one row each. */
  rows?: number;
  quantity?: readonly [number, number];
  condition: ItemCondition;
  lot?: boolean;
  notes?: string;
}

interface Plant {
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
  ...(
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
    ] as const
  ).map(([date, place, actor]): Plant => ({
    date,
    type: 'small_arms_fire',
    place,
    actor,
    attribution: 'presumed',
    target: 'FAMa',
    materiel: [casings(EGYPT_2015)],
  })),
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
  ...(
    [
      ['2016-10-03', 'Kidal', 'Ansar Dine'],
      ['2017-02-11', 'Aguelhok', 'Ansar Dine'],
      ['2017-06-25', 'Gao', 'JNIM'],
      ['2017-09-16', 'Ber', 'JNIM'],
    ] as const
  ).map(([date, place, actor]): Plant => ({
    date,
    type: 'small_arms_fire',
    place,
    actor,
    attribution: 'presumed',
    target: 'MINUSMA',
    materiel: [casings(CN_2016, '2016 production in use within a year')],
  })),
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

const PLANTS: readonly Plant[] = [
  ...AKMS_ATTACKS,
  ...MACINA_ATTACKS,
  ...MACINA_KILLINGS,
  ...EGYPT_TRAIL,
  ...AT_GRENADE_TRAIL,
  ...ROCKET_ATTACKS,
  ...RAPID_DIVERSION,
  ...IVOIRE_SCREENINGS,
];

function plantedItems(rng: Random, materiel: readonly Materiel[], at: When): ItemDraft[] {
  const items: ItemDraft[] = [];
  for (const m of materiel) {
    const rows = m.rows ?? 1;
    for (let i = 0; i < rows; i++) {
      const item = describe(rng, m.sample, at, false);
      item.condition = m.condition;
      if (item.category === 'ammunition' && m.condition === 'fired') item.type = 'cartridge case';
      if (!item.serial && m.quantity) item.quantity = String(rng.int(m.quantity[0], m.quantity[1]));
      if (m.lot) item.lot = lotFor(rng, item);
      if (m.notes) item.notes = m.notes;
      items.push(item);
    }
  }
  return items;
}

function plantedIncident(rng: Random, plant: Plant): IncidentDraft {
  const at = when(plant.date);
  const p = placeNamed(plant.place);
  const target = plant.target ?? '';
  const c = plant.casualties;
  return {
    at,
    type: plant.type,
    place: p,
    actor: plant.actor ?? '',
    attribution: plant.attribution ?? '',
    target,
    casualties: c
      ? { killed: c[0], injured: c[1], pkKilled: c[2], pkInjured: c[3] }
      : casualtiesFor(rng, plant.type, target),
    summary: plant.summary ?? summaryFor(plant.type, target, p),
    source: sourceFor(rng, plant.type, p),
    classification: plant.classification ?? classificationFor(rng),
    grid: false,
    items: [
      ...plantedItems(rng, plant.materiel, at),
      ...(plant.kit === false ? [] : backgroundKit(rng, plant.type, at, p.zone)),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Baselines and embargoes
// ---------------------------------------------------------------------------------------------

const fama = (
  category: ItemCategory,
  model: string,
  calibre: string,
  manufacturer: string,
  made: string,
  year: number | '',
  source: string,
): BaselineRow => ({
  holder: 'FAMa',
  country: 'ML',
  category,
  model,
  calibre,
  manufacturer,
  country_of_manufacture: made,
  year: String(year),
  lot: '',
  source,
});

const INSPECTION = 'FAMa stockpile documentation, with the Malian authorities (2014)';
const UPDATE = 'FAMa stockpile update (2017)';

/**
 * What Malian forces hold. Deliberately absent: the AKMS-2011 rifles and the Katibat Macina
 * 2015 sample (trafficked). Deliberately present: the Egyptian 2015 7.62x39, the one sample in
 * the story that came from national stocks (captured near Youwarou).
 */
const BASELINES: readonly BaselineRow[] = [
  fama('weapon', 'AKM', '7.62x39', 'Izhmash', 'SU', 1976, INSPECTION),
  fama('weapon', 'AKM', '7.62x39', 'Izhmash', 'SU', 1981, INSPECTION),
  fama('weapon', 'AKM', '7.62x39', 'Tula Arms Plant', 'SU', 1978, INSPECTION),
  fama('weapon', 'AK-47', '7.62x39', 'Izhmash', 'SU', 1956, INSPECTION),
  fama('weapon', 'Type 56', '7.62x39', 'Norinco', 'CN', 1972, INSPECTION),
  fama('weapon', 'Type 56-1', '7.62x39', 'Norinco', 'CN', 1984, INSPECTION),
  fama('weapon', 'Type 56-1', '7.62x39', 'Norinco', 'CN', 1990, INSPECTION),
  fama('weapon', 'PKM', '7.62x54R', '', 'SU', 1980, INSPECTION),
  fama('weapon', 'DShK', '12.7x108', '', 'SU', 1953, INSPECTION),
  fama('weapon', 'RPG-7', '', '', 'SU', 1979, INSPECTION),
  fama('weapon', 'FN FAL', '7.62x51', 'FN Herstal', 'BE', 1972, INSPECTION),
  fama('weapon', 'MAS 49/56', '7.5x54', 'MAS', 'FR', 1958, INSPECTION),
  fama('weapon', 'SKS', '7.62x39', 'Tula Arms Plant', 'SU', 1953, INSPECTION),
  fama('ammunition', '', '7.62x39', '539', 'SU', 1979, INSPECTION),
  fama('ammunition', '', '7.62x39', '539', 'SU', 1982, INSPECTION),
  fama('ammunition', '', '7.62x39', '539', 'SU', 1984, INSPECTION),
  fama('ammunition', '', '7.62x39', '539', 'SU', 1986, INSPECTION),
  fama('ammunition', '', '7.62x39', '539', 'SU', 1987, INSPECTION),
  fama('ammunition', '', '7.62x39', '539', 'SU', 1989, INSPECTION),
  fama('ammunition', '', '7.62x39', '31', 'CN', 1975, INSPECTION),
  fama('ammunition', '', '7.62x39', '31', 'CN', 1981, INSPECTION),
  fama('ammunition', '', '7.62x39', '71', 'CN', 1988, INSPECTION),
  fama('ammunition', '', '7.62x39', 'bxn', 'CS', 1968, INSPECTION),
  fama('ammunition', '', '7.62x54R', '711', 'SU', 1981, INSPECTION),
  fama('ammunition', '', '7.62x54R', '188', 'SU', 1976, INSPECTION),
  fama('ammunition', '', '12.7x108', '41', 'CN', 1979, INSPECTION),
  fama('ammunition', '', '12.7x108', '41', 'CN', 1985, INSPECTION),
  fama('ammunition', '', '14.5x114', '3', 'SU', 1976, INSPECTION),
  fama('ammunition', '82 mm mortar round', '82mm', '', 'SU', 1981, INSPECTION),
  // PLANTED (diversion event): the Egyptian 2015 ammunition was issued to FAMa before its capture.
  fama('ammunition', '', '7.62x39', 'Factory 27', 'EG', 2015, UPDATE),
];

const EMBARGOES: readonly EmbargoRow[] = [
  {
    regime: "Côte d'Ivoire arms embargo (UNSC 1572)",
    scope: 'territory',
    country: 'CI',
    actors: '',
    start: '2004-11-15',
    end: '2016-04-28',
  },
  // One row per regime (the regime is the key), so one start for all listed actors: the
  // theatre's start rather than each listing date (Ansar Dine 2013, Al-Mourabitoun 2014, JNIM 2018).
  {
    regime: "ISIL (Da'esh) and Al-Qaida sanctions",
    scope: 'actors',
    country: '',
    actors: 'AQIM; Al-Mourabitoun; Ansar Dine; JNIM',
    start: '2013-01-01',
    end: '',
  },
];

// ---------------------------------------------------------------------------------------------
// Assembly
// ---------------------------------------------------------------------------------------------

function location(rng: Random, draft: IncidentDraft): Pick<IncidentRow, 'lat' | 'lon' | 'mgrs'> {
  const spread =
    draft.place.zone === 'ivoire' || draft.place.name === 'Bamako' || draft.place.name === 'Ouagadougou'
      ? 0.02
      : 0.08;
  const lat = rng.jitter(draft.place.lat, spread);
  const lon = rng.jitter(draft.place.lon, spread);
  if (draft.grid) return { lat: '', lon: '', mgrs: mgrs.forward([lon, lat], 4) };
  return { lat: lat.toFixed(4), lon: lon.toFixed(4), mgrs: '' };
}

const count = (n: number | undefined) => (n === undefined ? '' : String(n));

function incidentRow(rng: Random, draft: IncidentDraft, ref: string): IncidentRow {
  const c = draft.casualties;
  return {
    ref,
    date: cellDate(draft.at),
    type: draft.type,
    country: draft.place.country,
    admin1: draft.place.admin1,
    place: draft.place.name,
    ...location(rng, draft),
    target: draft.target,
    actor: draft.actor,
    attribution: draft.attribution,
    killed: count(c?.killed),
    injured: count(c?.injured),
    peacekeepers_killed: count(c?.pkKilled),
    peacekeepers_injured: count(c?.pkInjured),
    summary: draft.summary,
    source: draft.source,
    classification: draft.classification,
  };
}

/** `YYMMDD <Type label>, <place>`, with ` (2)`, ` (3)`… when two case files would clash. */
function uniqueRef(draft: IncidentDraft, taken: Set<string>): string {
  const base = `${refDate(draft.at)} ${incidentTypes.label(draft.type, 'en')}, ${draft.place.name}`;
  let ref = base;
  for (let n = 2; taken.has(ref); n++) ref = `${base} (${n})`;
  taken.add(ref);
  return ref;
}

export function generateDemo(options: DemoOptions = {}): Record<EntityKind, RawRow[]> {
  const rng = new Random(options.seed ?? DEFAULT_SEED);
  const total = options.incidents ?? DEFAULT_INCIDENTS;
  const drafts = PLANTS.map((plant) => plantedIncident(rng, plant));
  for (let i = drafts.length; i < total; i++) drafts.push(backgroundIncident(rng));
  const ordered = drafts
    .map((draft, i) => ({ draft, i }))
    .sort((a, b) => a.draft.at.date.localeCompare(b.draft.at.date) || a.i - b.i)
    .map(({ draft }) => draft);

  const taken = new Set<string>();
  const incidents: IncidentRow[] = [];
  const items: ItemRow[] = [];
  for (const draft of ordered) {
    const ref = uniqueRef(draft, taken);
    incidents.push(incidentRow(rng, draft, ref));
    for (const item of draft.items)
      items.push({ ref: `M-${String(items.length + 1).padStart(5, '0')}`, incident_ref: ref, ...item });
  }

  return {
    actors: ACTORS.map((a) => ({ ...a })),
    incidents,
    items,
    baselines: BASELINES.map((b) => ({ ...b })),
    embargoes: EMBARGOES.map((e) => ({ ...e })),
  };
}

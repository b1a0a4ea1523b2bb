import type { ItemCategory } from '../../items/vocabulary';
import type { Zone } from './places';

// Samples: what materiel is written like, and which producers and years it comes from.

export interface Sample {
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
export const C762X39 = ['7.62x39', '7,62 × 39 mm', '7.62X39MM', '7.62 x 39', '7.62x39mm', '7,62x39'];
export const C762X54R = ['7.62x54R', '7.62 x 54 mm R', '7,62x54R', '7.62x54'];
export const C127 = ['12.7x108', '12.7 x 108', '12,7x108mm', '12.7X108'];
const C145 = ['14.5x114', '14,5x114', '14.5 x 114 mm'];
const C556 = ['5.56x45', '5.56 NATO', '5,56x45 mm'];
export const C9 = ['9x19', '9 x 19 mm', '9mm Para'];
export const C762X51 = ['7.62x51', '7.62 NATO', '7,62x51'];

export const cartridge = (
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
export const CARTRIDGES: readonly Sample[] = [
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

export const weapon = (
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

export const WEAPONS: readonly Sample[] = [
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

export const PISTOLS: readonly Sample[] = [
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
export const rpgRound = heavy('rocket-propelled grenade');

// PLANTED (specificity): 122 mm rockets are all Soviet, 1970s–80s.
export const ROCKET_122 = rocket(['9M22', 'Grad', '9M22U'], ['122 mm', '122mm'], [''], 'SU', [1972, 1989], 3);
// PLANTED (specificity): 57 mm rockets are all Bulgarian, produced 2011.
export const ROCKET_57 = rocket(
  ['S-5', 'S-5K', 'S-5M'],
  ['57mm', '57 mm'],
  ['VMZ', 'VMZ Sopot'],
  'BG',
  [2011, 2011],
  2,
);

/** Rockets and mortar rounds, for indirect fire and caches. */
export const HEAVY: readonly Sample[] = [
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

export const RPG_AMMO: readonly Sample[] = [
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

export const EXPLOSIVES: readonly Sample[] = [
  ordnance('anti-vehicle mine', ['TM-57', 'TM 57', 'mine TM-57'], [1960, 1982], 3),
  ordnance('anti-vehicle mine', ['TM-62M', 'TM-62'], [1965, 1988], 1.5),
  ordnance('hand grenade', ['F1', 'F-1'], [1960, 1990], 1.5),
  ordnance('hand grenade', ['RGD-5'], [1960, 1990], 1),
  charge('ammonium nitrate (HME)', 3),
  charge('ANFO', 1.5),
  charge('plastic explosive', 0.5),
  charge('detonating cord', 1),
];

export const COMPONENTS: readonly Sample[] = [
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
export const VEHICLES: readonly Sample[] = [
  vehicle('pick-up', ['Toyota Land Cruiser 79'], ['Toyota'], 'JP', [2000, 2015], 'JTE@@##@#0#######', 3),
  vehicle('pick-up', ['Toyota Hilux'], ['Toyota'], 'JP', [2005, 2016], 'AHT@@##@#0#######', 2),
  vehicle('motorcycle', ['Sanili', 'Haojue'], [''], 'CN', [2008, 2020], 'L@@@##@##########', 3),
];

/**
 * A theatre for measuring what the leads engine FINDS (bench/findings.ts): realistic background
 * with a dozen planted stories, each with what should count as finding it.
 *
 * Deterministic from a seed. Background: five Sahel/West African countries, nine armed groups
 * (three with a parent), six years of incidents; common Soviet/Chinese ammunition everywhere,
 * each group's own older lots, regional circulation, singletons, small recent supply clusters
 * that look like the planted ones, national forces' stocks (baselines) lost at captures and
 * thefts, a territorial and an actor embargo. About a quarter of the attacks have their actor
 * hidden (actor_id NULL); the true actor is kept in `truth` for evaluation.
 *
 * Items are written as the importer writes them: raw text (producer as its headstamp code or
 * name) and the keys `identify` (src/samples/sample.ts) derives from it.
 */
import type { IncidentType } from '../src/incidents/vocabulary';
import type { Db } from '../src/db/store';
import { calibres } from '../src/reference/data/calibres';
import { manufacturers } from '../src/reference/data/manufacturers';
import { models } from '../src/reference/data/models';
import { Normaliser } from '../src/reference/normalise';
import { identify } from '../src/samples/sample';

// --- Randomness, dates ---------------------------------------------------------------------------

/** mulberry32: a small seeded generator, the same sequence on every machine. */
class Random {
  #a: number;
  constructor(seed: number) {
    this.#a = seed >>> 0 || 1;
  }
  next(): number {
    this.#a = (this.#a + 0x6d2b79f5) >>> 0;
    let t = this.#a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }
  weighted<T>(list: readonly T[], weight: (t: T) => number): T {
    let r = this.next() * list.reduce((s, t) => s + weight(t), 0);
    for (const t of list) if ((r -= weight(t)) < 0) return t;
    return list[list.length - 1]!;
  }
}

const START = Date.UTC(2019, 0, 1);
const DAYS = 6 * 365 + 1; // 2019-01-01 … 2024-12-31
const DAY_MS = 86_400_000;
const dayOf = (date: string) => Math.round((Date.parse(date) - START) / DAY_MS);
const dateOf = (day: number) =>
  new Date(START + Math.min(DAYS - 1, Math.max(0, day)) * DAY_MS).toISOString().slice(0, 10);
const yearOf = (date: string) => Number(date.slice(0, 4));

// --- The theatre's fixed shape ------------------------------------------------------------------

const GEO: Record<string, string[]> = {
  ML: ['Kidal', 'Gao', 'Tombouctou', 'Ménaka', 'Mopti', 'Ségou'],
  BF: ['Sahel', 'Nord', 'Est', 'Centre-Nord', 'Boucle du Mouhoun'],
  NE: ['Tillabéri', 'Tahoua', 'Diffa', 'Agadez'],
  CI: ['Savanes', 'Bounkani', 'Tchologo', 'Sud-Comoé'],
  MR: ['Hodh Ech Chargui', 'Hodh El Gharbi', 'Assaba'],
};
const AREAS = Object.entries(GEO).flatMap(([country, regions]) => regions.map((r) => `${country}/${r}`));

export const GROUPS: { name: string; parent: string | null; strength: number; areas: string[] }[] = [
  {
    name: 'Front Alpha',
    parent: null,
    strength: 3,
    areas: ['ML/Kidal', 'ML/Tombouctou', 'ML/Gao', 'MR/Hodh Ech Chargui'],
  },
  { name: 'Alpha Centre', parent: 'Front Alpha', strength: 3, areas: ['ML/Mopti', 'ML/Ségou'] },
  {
    name: 'Alpha Sud',
    parent: 'Front Alpha',
    strength: 2,
    areas: ['BF/Nord', 'BF/Boucle du Mouhoun', 'ML/Ségou', 'CI/Savanes'],
  },
  {
    name: 'Groupe Bravo',
    parent: null,
    strength: 3,
    areas: ['ML/Ménaka', 'ML/Gao', 'NE/Tillabéri', 'BF/Sahel'],
  },
  { name: 'Bravo Est', parent: 'Groupe Bravo', strength: 2, areas: ['NE/Tahoua', 'BF/Est', 'BF/Sahel'] },
  { name: 'Mouvement Charlie', parent: null, strength: 1, areas: ['ML/Kidal', 'ML/Gao'] },
  { name: 'Delta du Lac', parent: null, strength: 2, areas: ['NE/Diffa', 'NE/Agadez'] },
  {
    name: 'Echo Savanes',
    parent: null,
    strength: 1,
    areas: ['CI/Savanes', 'CI/Bounkani', 'CI/Tchologo', 'BF/Est'],
  },
  { name: 'Milice Foxtrot', parent: null, strength: 1, areas: ['ML/Mopti', 'BF/Centre-Nord'] },
];

export const ATTACKS: readonly IncidentType[] = [
  'small_arms_fire',
  'ied_attack',
  'complex_attack',
  'indirect_fire',
  'vehicle_ied',
  'assassination',
];
/** Background incident types: [type, weight, item lines it holds on average (relative)]. */
const TYPES: [IncidentType, number, number][] = [
  ['small_arms_fire', 22, 2],
  ['ied_attack', 14, 1],
  ['complex_attack', 4, 3],
  ['indirect_fire', 6, 1.5],
  ['vehicle_ied', 2, 1],
  ['assassination', 4, 1],
  ['ied_find', 10, 1],
  ['arms_cache', 7, 6],
  ['seizure', 9, 4],
  ['battlefield_capture', 4, 3],
  ['theft_loss', 2, 3],
  ['weapons_collection', 3, 3],
  ['surrender', 3, 2],
  ['banditry', 8, 1],
  ['other', 2, 1],
];
/** Share of incidents of a type whose actor is recorded, when there is one. */
const SHOWN: Partial<Record<IncidentType, number>> = {
  ied_find: 0.45,
  arms_cache: 0.45,
  seizure: 0.45,
  battlefield_capture: 0.85,
  surrender: 1,
};
const WITHOUT_ACTOR: readonly IncidentType[] = ['theft_loss', 'banditry', 'weapons_collection', 'other'];
const FORCES_EVENTS: readonly IncidentType[] = ['battlefield_capture', 'theft_loss'];

// --- Materiel -----------------------------------------------------------------------------------

/** A piece of materiel as a field team describes it (producer by reference key). */
interface Spec {
  category: 'weapon' | 'ammunition';
  model: string | null;
  calibre: string;
  maker: string;
  year: number;
  lot: string | null;
}
const MODEL_CALIBRE: Record<string, string> = Object.fromEntries(
  models.filter((m) => m.calibre).map((m) => [m.key, m.calibre!]),
);
const ammo = (calibre: string, maker: string, year: number, lot: string | null = null): Spec => ({
  category: 'ammunition',
  model: null,
  calibre,
  maker,
  year,
  lot,
});
const weapon = (model: string, maker: string, year: number): Spec => ({
  category: 'weapon',
  model,
  calibre: MODEL_CALIBRE[model] ?? '7.62x39',
  maker,
  year,
  lot: null,
});

const normaliser = new Normaliser({ calibres, manufacturers, models });
const makerByKey = new Map(manufacturers.map((m) => [m.key, m]));

/** The raw columns the register holds for a spec: the producer as stamped (or named), as imported. */
function rawText(spec: Spec) {
  const maker = makerByKey.get(spec.maker);
  if (!maker) throw new Error(`unknown producer ${spec.maker}`);
  return {
    category: spec.category,
    model: spec.model,
    calibre: spec.calibre,
    manufacturer: maker.headstampCodes[0] ?? maker.name,
    country_of_manufacture: maker.country,
    year: spec.year,
    lot: spec.lot,
  };
}
/** The identity columns the importer derives (sample_key, model_key …), checked against the spec. */
function identityOf(spec: Spec) {
  const { identity } = identify(rawText(spec), normaliser);
  if (identity.manufacturer_key !== spec.maker) throw new Error(`${spec.maker} does not resolve to itself`);
  return identity;
}
export const sampleOf = (spec: Spec) => identityOf(spec).sample_key!;

// Makers and models the background draws from (the planted new model and calibre are not here).
const words = (text: string) => text.split(' ');
const AMMO_MAKERS = words(
  'su-3 su-17 su-60 su-188 cn-41 cn-71 cn-81 cn-311 cn-321 cn-351 cn-661 cn-811 cn-945 bg-arsenal bg-vmz ro-sadu ' +
    'rs-prvi-partizan ba-igman cs-sellier-bellot hu-23 pl-mesko eg-27 sd-mic ir-dio ng-dicon za-pmp pk-pof tr-mke ' +
    'il-imi gr-hxp us-lake-city',
);
/** Common calibres first, by how often they are met. */
const AMMO_CALIBRES = words(
  '7.62x39 7.62x39 7.62x39 7.62x54R 7.62x54R 12.7x108 7.62x51 5.56x45 9x19 14.5x114',
);
const RARE_CALIBRES = words('9x18 7.62x25 7.5x54 7.92x57 12.7x99 5.45x39 11.43x23');
const WEAPON_MAKERS: Record<string, string[]> = {
  AKM: ['ru-izhmash', 'ru-tula-arms', 'bg-arsenal'],
  AK47: ['ru-izhmash'],
  TYPE56: ['cn-norinco', 'cn-66', 'cn-26'],
  AMD65: ['hu-feg'],
  M70: ['rs-zastava'],
  VZ58: ['cs-cz-uhersky-brod'],
  PKM: ['ru-izhmash', 'cn-norinco', 'bg-arsenal'],
  SVD: ['ru-izhmash'],
  RPK: ['ru-izhmash', 'bg-arsenal'],
  G3: ['de-hk', 'pk-pof', 'tr-mke'],
  FAL: ['be-fn'],
  DSHK: ['cn-norinco'],
  SKS: ['ru-tula-arms', 'cn-norinco'],
  MOSIN: ['ru-izhmash'],
  MAS36: ['fr-mas'],
  MAT49: ['fr-mat'],
};
const ROUTINE_MODELS = words('AKM AKM TYPE56 TYPE56 PKM AK47 AMD65 RPK SVD G3 FAL DSHK');
const ODD_MODELS = words('SKS MOSIN MAS36 MAT49 VZ58 M70');

/** National forces: their holder name, the stock their losses come from, and extra holdings. */
const FORCES: Record<string, { holder: string; stock: Spec[]; alsoHeld: Spec[] }> = {
  ML: {
    holder: 'FAMa',
    stock: [
      ammo('7.62x39', 'su-711', 1979),
      ammo('7.62x54R', 'su-188', 1984),
      ammo('12.7x108', 'cn-41', 1988),
      weapon('AKM', 'ru-izhmash', 1976),
      weapon('PKM', 'ru-izhmash', 1981),
      weapon('TYPE56', 'cn-norinco', 2009),
    ],
    alsoHeld: [ammo('7.62x54R', 'eg-27', 2015), ammo('9x19', 'tr-mke', 2012)],
  },
  BF: {
    holder: 'FDS',
    stock: [
      ammo('7.62x39', 'cn-31', 1986),
      ammo('7.62x51', 'tr-mke', 2016, 'MKE 16-04'),
      ammo('7.62x54R', 'cn-311', 1990),
      weapon('G3', 'tr-mke', 2015),
      weapon('TYPE56', 'cn-66', 1988),
    ],
    alsoHeld: [ammo('5.56x45', 'us-lake-city', 2014)],
  },
  NE: {
    holder: 'FAN',
    stock: [
      ammo('7.62x39', 'bg-arsenal', 2011, '11-07'),
      ammo('7.62x54R', 'su-188', 1984),
      ammo('12.7x108', 'cn-41', 1988),
      weapon('AKM', 'bg-arsenal', 2012),
      weapon('PKM', 'bg-arsenal', 2012),
    ],
    alsoHeld: [],
  },
  CI: {
    holder: 'FACI',
    stock: [
      ammo('7.62x39', 'cn-61', 1982),
      ammo('7.62x51', 'be-fn', 1998),
      weapon('TYPE56', 'cn-66', 1985),
      weapon('FAL', 'be-fn', 1978),
    ],
    alsoHeld: [ammo('9x19', 'za-pmp', 2008)],
  },
  MR: {
    holder: 'Armée nationale',
    stock: [
      ammo('7.62x51', 'fr-sfm', 1985),
      ammo('7.62x39', 'su-711', 1979),
      weapon('AKM', 'ru-izhmash', 1976),
      weapon('G3', 'de-hk', 1980),
    ],
    alsoHeld: [],
  },
};

export const EMBARGOES = {
  territory: { regime: 'Côte d’Ivoire arms embargo (bench)', country: 'CI', start: '2020-04-01' },
  actors: { regime: 'Sanctions list (bench)', actors: ['Front Alpha'], start: '2019-01-01' },
};

// --- What is generated --------------------------------------------------------------------------

export interface Incident {
  ref: string;
  date: string;
  type: IncidentType;
  country: string;
  admin1: string;
  /** Who did it (null for thefts, banditry, collections). */
  trueActor: string | null;
  /** Whether the register records that actor. */
  shown: boolean;
  lines: Line[];
}
interface Line {
  spec: Spec;
  serial: string | null;
  quantity: number;
}

/** What should count as finding a planted story (bench/findings.ts holds the matchers). */
export type Expectation =
  | { kind: 'cluster'; incidents: string[] }
  | { kind: 'attribution'; incidents: string[]; actor: string }
  | { kind: 'facet'; facet: Facet; sample: string }
  | { kind: 'new_type'; subject: string }
  | { kind: 'serial'; lost: string; found: string[] };
export type Facet = 'spread_country' | 'not_in_baseline' | 'post_embargo' | 'diversion_origin';
export interface Story {
  id: string;
  title: string;
  expect: Expectation;
}

export interface FindingsTheatre {
  incidents: Incident[];
  stories: Story[];
  /** Incident ref → true actor, for every incident that has one. */
  truth: Map<string, string>;
  /** Attacks whose actor the register does not record. */
  hidden: Set<string>;
  parentOf: Map<string, string | null>;
}

export function generateFindingsTheatre(options: {
  incidents: number;
  items: number;
  seed: number;
}): FindingsTheatre {
  const rnd = new Random(options.seed);
  const used = new Set<string>();
  /** A spec whose sample nothing else has (drawn again until it is new). */
  const fresh = (draw: () => Spec): Spec => {
    for (let tries = 0; ; tries++) {
      const spec = draw();
      const key = sampleOf(spec);
      if (!used.has(key) || tries > 50) {
        used.add(key);
        return spec;
      }
    }
  };
  // Weapons in ordinary circulation left their makers over decades: their serial numbers lie
  // anywhere in a production range, not in sequence. Only batches (the planted ones and the small
  // recent supply clusters below) are numbered in runs. Drawn from a stream of their own so the
  // rest of the theatre does not depend on them.
  const serialRnd = new Random(options.seed ^ 0x5e71a1);
  const serialsTaken = new Set<string>();
  const scatteredSerial = (spec: Spec, prefix: string) => {
    for (;;) {
      const serial = `${prefix}${serialRnd.int(100_000, 999_999)}`;
      const key = `${sampleOf(spec)}|${serial}`;
      if (!serialsTaken.has(key)) {
        serialsTaken.add(key);
        return serial;
      }
    }
  };
  let batchStart = 50_000;
  const casings = () => 1 + Math.floor(40 * rnd.next() ** 3);
  const line = (spec: Spec, serial: string | null = null, quantity?: number): Line => ({
    spec,
    serial: spec.category === 'weapon' ? serial : null,
    quantity: quantity ?? (spec.category === 'weapon' ? 1 : casings()),
  });

  // --- The planted stories' materiel, reserved before the background draws its own.
  const P = {
    batch: weapon('AKMS', 'bg-arsenal', 2019),
    lot: ammo('7.62x39', 'rs-prvi-partizan', 2020, 'PPU 03/20'),
    rare: ammo('7.62x39', 'sd-mic', 2016, '11-16'),
    captured: ammo('7.62x54R', 'eg-27', 2015, 'EG-15-221'),
    looted: weapon('AKM', 'bg-arsenal', 2012),
    hmg: weapon('TYPE85HMG', 'cn-norinco', 2016),
    postEmbargo: weapon('TYPE56', 'cn-norinco', 2021),
    spreading: ammo('7.62x39', 'ir-dio', 2017),
    batch2: weapon('M70', 'rs-zastava', 2018),
    calibre: ammo('5.8x42', 'cn-31', 2018),
    listed: ammo('12.7x108', 'sd-mic', 2020, 'MIC-20-3'),
    notHeld: weapon('AKMS', 'ro-cugir', 2011),
  };
  for (const spec of Object.values(P)) used.add(sampleOf(spec));
  for (const f of Object.values(FORCES))
    for (const spec of [...f.stock, ...f.alsoHeld]) used.add(sampleOf(spec));

  // --- Pools: common everywhere, each group's supply, each country's circulation, forces' stock.
  type Pool = { spec: Spec; w: number; serials: number }[];
  const common: Pool = [];
  for (const [calibre, makers] of [
    ['7.62x39', ['su-539', 'su-711', 'su-270', 'cn-31', 'cn-61', 'bg-arsenal']],
    ['7.62x54R', ['su-188', 'su-17', 'cn-311']],
    ['12.7x108', ['su-188', 'cn-41']],
  ] as const)
    for (const maker of makers)
      for (let k = 0; k < (calibre === '7.62x39' ? 3 : 2); k++) {
        common.push({ spec: fresh(() => ammo(calibre, maker, rnd.int(1960, 1990))), w: 0, serials: 0 });
      }
  for (const [model, maker] of [
    ['AKM', 'ru-izhmash'],
    ['AKM', 'ru-tula-arms'],
    ['TYPE56', 'cn-66'],
    ['PKM', 'ru-izhmash'],
    ['AK47', 'ru-izhmash'],
  ] as const) {
    common.push({ spec: fresh(() => weapon(model, maker, rnd.int(1962, 1988))), w: 0.3, serials: 0.15 });
  }
  // A handful of ammunition samples at hundreds of incidents, the others at tens.
  common
    .filter((c) => c.spec.category === 'ammunition')
    .map((c) => ({ c, order: rnd.next() }))
    .sort((a, b) => a.order - b.order)
    .forEach(({ c }, rank) => (c.w = rank < 6 ? 1 - 0.08 * rank : 0.35 / (rank - 5) ** 0.7));

  const oldAmmo = (from: number, to: number) =>
    fresh(() => ammo(rnd.pick(AMMO_CALIBRES), rnd.pick(AMMO_MAKERS), rnd.int(from, to)));
  const oldWeapon = (from: number, to: number) =>
    fresh(() => {
      const model = rnd.pick(ROUTINE_MODELS);
      return weapon(model, rnd.pick(WEAPON_MAKERS[model]!), rnd.int(from, to));
    });

  const groupPool = new Map<string, Pool>();
  for (const g of GROUPS) {
    const pool: Pool = [];
    for (let k = 0; k < 6; k++) pool.push({ spec: oldAmmo(1975, 2008), w: 1 / (k + 1), serials: 0 });
    for (let k = 0; k < 2; k++) pool.push({ spec: oldWeapon(1970, 2002), w: 0.6 / (k + 1), serials: 0.3 });
    groupPool.set(g.name, pool);
  }
  // Neighbours (groups sharing an area) share some of their supply.
  for (const a of GROUPS)
    for (const b of GROUPS)
      if (a !== b && a.areas.some((x) => b.areas.includes(x)) && rnd.chance(0.5)) {
        const shared = groupPool.get(a.name)![rnd.int(0, 3)]!;
        groupPool.get(b.name)!.push({ ...shared, w: shared.w * 0.5 });
      }

  const regionalPool = new Map<string, Pool>();
  for (const country of Object.keys(GEO)) {
    const pool: Pool = [];
    for (let k = 0; k < 5; k++) pool.push({ spec: oldAmmo(1975, 2005), w: 1, serials: 0 });
    pool.push({ spec: oldWeapon(1965, 2000), w: 0.5, serials: 0.2 });
    regionalPool.set(country, pool);
  }

  const singleton = (incident: Incident): Line => {
    const made = ordinary(rnd.chance(0.7) ? rnd.int(1950, 2005) : rnd.int(2006, 2024), [incident]);
    if (rnd.chance(0.85)) {
      const calibre = rnd.chance(0.1) ? rnd.pick(RARE_CALIBRES) : rnd.pick(AMMO_CALIBRES);
      return line(
        fresh(() =>
          ammo(
            calibre,
            rnd.pick(AMMO_MAKERS),
            made,
            made > 2005 && rnd.chance(0.4) ? `L${rnd.int(1, 99)}-${made % 100}` : null,
          ),
        ),
      );
    }
    const model = rnd.chance(0.15) ? rnd.pick(ODD_MODELS) : rnd.pick(ROUTINE_MODELS);
    const spec = fresh(() => weapon(model, rnd.pick(WEAPON_MAKERS[model]!), made));
    return line(spec, rnd.chance(0.4) ? scatteredSerial(spec, 'SN ') : null);
  };
  const fromPool = (pool: Pool, weapons = false): Line => {
    const choice = rnd.weighted(
      weapons ? pool.filter((p) => p.spec.category === 'weapon') : pool,
      (p) => p.w,
    );
    return line(
      choice.spec,
      rnd.chance(choice.serials) ? scatteredSerial(choice.spec, rnd.pick(['', 'No ', 'SN'])) : null,
    );
  };
  const forcesLine = (country: string): Line => {
    const spec = rnd.pick(FORCES[country]!.stock);
    return line(
      spec,
      rnd.chance(0.8) ? scatteredSerial(spec, `${(spec.model ?? '').slice(0, 2)}-`) : null,
      spec.category === 'ammunition' ? rnd.int(20, 500) : 1,
    );
  };

  const groupsIn = (area: string) => GROUPS.filter((g) => g.areas.includes(area));
  /**
   * The latest production year of the ordinary materiel an incident holds: not after its own
   * year and, where an embargo is in force (its territory, or a listed group or one of its
   * groups), not after the embargo began. Production after an embargo is a breach: the planted
   * stories hold those; the background, what a theatre ordinarily holds, does not.
   */
  const ordinaryYear = (incident: Incident) => {
    const { territory, actors } = EMBARGOES;
    const line = [incident.trueActor, GROUPS.find((g) => g.name === incident.trueActor)?.parent ?? null];
    const limits = [yearOf(incident.date)];
    if (incident.country === territory.country && incident.date >= territory.start)
      limits.push(yearOf(territory.start) - 1);
    if (line.some((a) => a !== null && actors.actors.includes(a)) && incident.date >= actors.start)
      limits.push(yearOf(actors.start) - 1);
    return Math.min(...limits);
  };
  /**
   * A production year drawn for ordinary materiel, kept within what its incidents allow: one
   * too late is drawn again in the six years before the limit (not set at the limit, which would
   * make every capped draw one sample).
   */
  const ordinary = (year: number, at: Incident[]) => {
    const latest = Math.min(...at.map(ordinaryYear));
    return year <= latest ? year : latest - rnd.int(0, 6);
  };
  /** One item line of what an incident's actor (or, without one, its area) would leave. */
  const backgroundLine = (incident: Incident): Line => {
    const area = `${incident.country}/${incident.admin1}`;
    const actor = incident.trueActor ?? groupsIn(area)[0]?.name ?? null;
    if (FORCES_EVENTS.includes(incident.type))
      return rnd.chance(0.7) ? forcesLine(incident.country) : fromPool(common);
    if (incident.type === 'weapons_collection') {
      const pool = rnd.chance(0.4)
        ? common
        : actor && rnd.chance(0.6)
          ? groupPool.get(actor)!
          : regionalPool.get(incident.country)!;
      return rnd.chance(0.15) ? singleton(incident) : fromPool(pool, true);
    }
    const r = rnd.next();
    if (r < 0.42) return fromPool(common);
    if (r < 0.7 && actor) return fromPool(groupPool.get(actor)!);
    if (r < 0.82) return fromPool(regionalPool.get(incident.country)!);
    return singleton(incident);
  };

  // --- Planted stories: each planted, then declared with what counts as finding it ------------
  const incidents: Incident[] = [];
  const planted: Incident[] = [];
  const stories: { id: string; title: string; expect: () => Expectation }[] = [];
  /** `expect` is called once every incident has its reference. */
  const story = (title: string, expect: () => Expectation) =>
    stories.push({ id: `S${stories.length + 1}`, title, expect });
  /** A planted incident (`what`: "date country/region type") with ordinary materiel besides `lines`. */
  const at = (what: string, actor: string | null, ...lines: Line[]) => {
    const [date, ...rest] = what.split(' ') as [string, ...string[]];
    const type = rest.pop() as IncidentType;
    const [country, admin1] = rest.join(' ').split('/') as [string, string];
    const incident: Incident = {
      ref: '',
      date,
      type,
      country,
      admin1,
      trueActor: actor,
      shown: !!actor,
      lines: [],
    };
    for (let k = rnd.int(1, 3); k > 0; k--) incident.lines.push(backgroundLine(incident));
    incident.lines.push(...lines);
    planted.push(incident);
    return incident;
  };
  /** The same incident with its actor not recorded. */
  const hide = (incident: Incident) => Object.assign(incident, { shown: false });
  const rifles = (spec: Spec, ...serials: string[]) => serials.map((s) => line(spec, s));
  const lot = (spec: Spec) => line(spec, null, rnd.int(8, 60));
  const refs = (list: Incident[]) => list.map((i) => i.ref);

  const s1 = [
    at('2021-03-12 ML/Ségou complex_attack', 'Front Alpha', ...rifles(P.batch, '19-04711', '19-04714')),
    at('2021-06-02 BF/Nord complex_attack', 'Alpha Sud', ...rifles(P.batch, '19-04712')),
    hide(
      at('2021-09-19 CI/Sud-Comoé complex_attack', 'Front Alpha', ...rifles(P.batch, '19-04716', '19-04717')),
    ),
    at('2022-01-08 ML/Mopti small_arms_fire', 'Alpha Centre', ...rifles(P.batch, '19-04713')),
    hide(at('2022-04-23 BF/Boucle du Mouhoun small_arms_fire', 'Alpha Sud', ...rifles(P.batch, '19-04720'))),
  ];
  story('New rifle batch (2019, sequential serials) across ML, BF, CI', () => ({
    kind: 'cluster',
    incidents: refs(s1),
  }));

  const s2 = [
    at('2021-02-15 ML/Mopti small_arms_fire', 'Alpha Centre', lot(P.lot)),
    at('2021-04-03 ML/Mopti complex_attack', 'Alpha Centre', lot(P.lot)),
    at('2021-05-20 ML/Ségou small_arms_fire', 'Alpha Centre', lot(P.lot)),
    hide(at('2021-07-11 ML/Mopti assassination', 'Alpha Centre', lot(P.lot))),
    at('2021-09-30 ML/Mopti arms_cache', 'Alpha Centre', lot(P.lot)),
    at('2021-12-04 ML/Ségou small_arms_fire', 'Alpha Centre', lot(P.lot)),
  ];
  story('Recent lot (2020, lot no.) used by one group', () => ({ kind: 'cluster', incidents: refs(s2) }));

  at('2022-02-10 BF/Nord small_arms_fire', 'Alpha Sud', lot(P.rare));
  at('2022-03-22 BF/Nord complex_attack', 'Alpha Sud', lot(P.rare));
  at('2022-05-14 BF/Boucle du Mouhoun small_arms_fire', 'Alpha Sud', lot(P.rare));
  at('2022-07-01 BF/Nord small_arms_fire', 'Alpha Sud', lot(P.rare));
  const s3 = [
    hide(at('2022-04-05 BF/Nord assassination', 'Alpha Sud', lot(P.rare))),
    hide(at('2022-06-18 BF/Nord small_arms_fire', 'Alpha Sud', lot(P.rare))),
    hide(at('2022-08-27 BF/Boucle du Mouhoun assassination', 'Alpha Sud', lot(P.rare))),
  ];
  story('Unattributed attacks share a rare lot with one group', () => ({
    kind: 'attribution',
    incidents: refs(s3),
    actor: 'Alpha Sud',
  }));

  at(
    '2020-08-10 ML/Mopti battlefield_capture',
    'Alpha Centre',
    line(P.captured, null, 600),
    forcesLine('ML'),
  );
  at('2020-09-06 ML/Mopti small_arms_fire', 'Alpha Centre', lot(P.captured));
  hide(at('2020-11-21 ML/Ségou small_arms_fire', 'Alpha Centre', lot(P.captured)));
  at('2021-02-14 ML/Mopti complex_attack', 'Alpha Centre', lot(P.captured));
  at('2021-06-09 ML/Mopti small_arms_fire', 'Alpha Centre', lot(P.captured));
  story('Ammunition captured from national forces, reused', () => ({
    kind: 'facet',
    facet: 'diversion_origin',
    sample: sampleOf(P.captured),
  }));

  const looted = [31207, 31208, 31209, 31210, 31211, 31212].map((n) => `AK-${n}`);
  const theft = at(
    '2021-03-14 NE/Tillabéri theft_loss',
    null,
    ...rifles(P.looted, ...looted),
    forcesLine('NE'),
  );
  const recovered = [
    at('2021-11-02 ML/Ménaka small_arms_fire', 'Groupe Bravo', line(P.looted, 'AK 31208')),
    at('2022-05-17 BF/Sahel seizure', 'Groupe Bravo', line(P.looted, 'AK31211')),
  ];
  story('Looted rifles recovered abroad (serial written differently)', () => ({
    kind: 'serial',
    lost: theft.ref,
    found: refs(recovered),
  }));

  at('2023-08-14 ML/Kidal complex_attack', 'Front Alpha', line(P.hmg, '85-160233'));
  at('2024-02-03 ML/Gao seizure', 'Front Alpha', line(P.hmg, '85-160241'));
  story('First heavy machine gun model', () => ({ kind: 'new_type', subject: `model:${P.hmg.model}` }));

  at('2023-05-09 CI/Savanes seizure', 'Echo Savanes', line(P.postEmbargo, '21-118204'));
  story('Post-embargo rifle in the embargoed country', () => ({
    kind: 'facet',
    facet: 'post_embargo',
    sample: sampleOf(P.postEmbargo),
  }));

  for (const date of ['2019-05-11', '2019-09-02', '2020-06-25', '2021-03-30'])
    at(`${date} ML/Gao small_arms_fire`, 'Mouvement Charlie', lot(P.spreading));
  for (const date of ['2020-01-17', '2020-11-08'])
    at(`${date} ML/Gao small_arms_fire`, 'Groupe Bravo', lot(P.spreading));
  at('2022-02-19 NE/Tillabéri small_arms_fire', 'Groupe Bravo', lot(P.spreading));
  at('2022-06-07 NE/Tahoua ied_attack', 'Bravo Est', lot(P.spreading));
  story('Lot confined to one region 2+ years, then a new country', () => ({
    kind: 'facet',
    facet: 'spread_country',
    sample: sampleOf(P.spreading),
  }));

  const s9 = [
    at('2020-04-18 BF/Est small_arms_fire', 'Bravo Est', ...rifles(P.batch2, '18-22310', '18-22312')),
    hide(at('2020-07-02 BF/Est complex_attack', 'Bravo Est', ...rifles(P.batch2, '18-22311'))),
    at('2020-09-27 BF/Sahel small_arms_fire', 'Bravo Est', ...rifles(P.batch2, '18-22315')),
    hide(
      at(
        '2020-12-15 BF/Est arms_cache',
        'Bravo Est',
        ...rifles(P.batch2, '18-22313', '18-22314', '18-22317'),
      ),
    ),
  ];
  story('Second rifle batch (2018) in one country', () => ({ kind: 'cluster', incidents: refs(s9) }));

  at('2023-04-22 NE/Diffa small_arms_fire', 'Delta du Lac', lot(P.calibre));
  hide(at('2024-01-30 NE/Diffa small_arms_fire', 'Delta du Lac', lot(P.calibre)));
  story('New calibre in theatre', () => ({ kind: 'new_type', subject: `calibre:${P.calibre.calibre}` }));

  at('2022-10-12 BF/Nord complex_attack', 'Alpha Sud', lot(P.listed));
  at('2023-01-25 BF/Nord small_arms_fire', 'Alpha Sud', lot(P.listed));
  story('Post-embargo ammunition with a listed actor', () => ({
    kind: 'facet',
    facet: 'post_embargo',
    sample: sampleOf(P.listed),
  }));

  at('2019-08-07 ML/Mopti complex_attack', 'Alpha Centre', line(P.notHeld));
  story('Rifle not held by the national forces', () => ({
    kind: 'facet',
    facet: 'not_in_baseline',
    sample: sampleOf(P.notHeld),
  }));

  // --- Background incidents -----------------------------------------------------------------
  const areaWeight = (area: string) => groupsIn(area).reduce((s, g) => s + g.strength, 0.5);
  for (let k = planted.length; k < options.incidents; k++) {
    const area = rnd.weighted(AREAS, areaWeight);
    const [type] = rnd.weighted(TYPES, (t) => t[1]);
    const present = groupsIn(area);
    const actor = WITHOUT_ACTOR.includes(type)
      ? null
      : rnd.weighted(present.length > 0 ? present : GROUPS, (g) => g.strength).name;
    const shown = actor !== null && rnd.chance(SHOWN[type] ?? 0.75);
    const [country, admin1] = area.split('/') as [string, string];
    // Conflict intensifies: twice as many incidents a day at the end as at the start.
    incidents.push({
      ref: '',
      date: dateOf(Math.floor(DAYS * (Math.sqrt(1 + 3 * rnd.next()) - 1))),
      type,
      country,
      admin1,
      trueActor: actor,
      shown,
      lines: [],
    });
  }
  const plantedLines = planted.reduce((s, i) => s + i.lines.length, 0);
  const base = (i: Incident) => TYPES.find((t) => t[0] === i.type)![2];
  const scale = Math.max(0, options.items * 0.95 - plantedLines) / incidents.reduce((s, i) => s + base(i), 0);
  for (const incident of incidents)
    for (let k = Math.round(base(incident) * scale * (0.3 + 1.4 * rnd.next())); k > 0; k--)
      incident.lines.push(backgroundLine(incident));

  // Small recent supply clusters (the ordinary version of the planted ones): one or two recent
  // samples at 2–5 incidents of one group within a few months.
  const byActor = new Map<string, Incident[]>();
  for (const i of incidents)
    if (i.trueActor && !FORCES_EVENTS.includes(i.type))
      byActor.set(i.trueActor, [...(byActor.get(i.trueActor) ?? []), i]);
  for (let b = Math.round(options.incidents / 40); b > 0; b--) {
    const group = rnd.weighted(GROUPS, (g) => g.strength).name;
    const own = byActor.get(group) ?? [];
    if (own.length < 2) continue;
    const anchor = rnd.pick(own);
    const near = own.filter((i) => i !== anchor && Math.abs(dayOf(i.date) - dayOf(anchor.date)) <= 150);
    const members = [anchor, ...Array.from({ length: rnd.int(1, 4) }, () => rnd.pick(near)).filter(Boolean)];
    const made = ordinary(yearOf(anchor.date) - rnd.int(0, 7), members);
    const specs = Array.from({ length: rnd.int(1, 2) }, () =>
      rnd.chance(0.7)
        ? fresh(() =>
            ammo(
              rnd.pick(AMMO_CALIBRES),
              rnd.pick(AMMO_MAKERS),
              made,
              rnd.chance(0.5) ? `${rnd.int(1, 40)}-${made % 100}` : null,
            ),
          )
        : oldWeapon(made, made),
    );
    const first = batchStart;
    for (const i of new Set(members))
      for (const spec of specs)
        if (yearOf(i.date) >= spec.year)
          i.lines.push(line(spec, rnd.chance(0.5) ? `${spec.year % 100}-${first + rnd.int(0, 30)}` : null));
    batchStart += 40;
  }

  // Weapons lost by the forces and recovered later (the ordinary version of the looted rifles).
  const losses = incidents.filter((i) => FORCES_EVENTS.includes(i.type) && i.lines.some((l) => l.serial));
  for (let k = 0; k < 3 && losses.length > 0; k++) {
    const loss = rnd.pick(losses);
    const lost = loss.lines.find((l) => l.serial)!;
    const later = incidents.filter((i) => i.date > loss.date && ATTACKS.includes(i.type));
    if (later.length > 0) rnd.pick(later).lines.push(line(lost.spec, lost.serial!.replace('-', ' ')));
  }

  // --- References by date, truth, stories ----------------------------------------------------
  incidents.push(...planted);
  incidents.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  incidents.forEach((i, k) => (i.ref = `FT-${String(k + 1).padStart(5, '0')}`));
  const truth = new Map(incidents.flatMap((i) => (i.trueActor ? [[i.ref, i.trueActor] as const] : [])));
  const hidden = new Set(
    incidents.filter((i) => i.trueActor && !i.shown && ATTACKS.includes(i.type)).map((i) => i.ref),
  );

  return {
    incidents,
    stories: stories.map((s) => ({ ...s, expect: s.expect() })),
    truth,
    hidden,
    parentOf: new Map(GROUPS.map((g) => [g.name, g.parent])),
  };
}

// --- Writing it to the store --------------------------------------------------------------------

const inChunks = async <T>(list: T[], size: number, write: (part: T[]) => Promise<unknown>) => {
  for (let k = 0; k < list.length; k += size) await write(list.slice(k, k + size));
};

/** Writes actors, embargoes, baselines, incidents and items; returns the number of item lines. */
export async function writeFindingsTheatre(db: Db, theatre: FindingsTheatre): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const actorId = new Map<string, number>();
    for (const g of GROUPS) {
      const row = await trx
        .insertInto('actors')
        .values({
          name: g.name,
          name_key: g.name.toLowerCase(),
          aliases: [],
          parent_id: g.parent ? actorId.get(g.parent)! : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      actorId.set(g.name, row.id);
    }
    const { territory, actors } = EMBARGOES;
    await trx
      .insertInto('embargoes')
      .values({
        regime: territory.regime,
        regime_key: 'bench-territory',
        scope: 'territory',
        country: territory.country,
        start_date: territory.start,
        end_date: null,
      })
      .execute();
    const listed = await trx
      .insertInto('embargoes')
      .values({
        regime: actors.regime,
        regime_key: 'bench-actors',
        scope: 'actors',
        country: null,
        start_date: actors.start,
        end_date: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('embargo_actors')
      .values(
        actors.actors.map((a, k) => ({ embargo_id: listed.id, actor_id: actorId.get(a)!, position: k + 1 })),
      )
      .execute();
    // Baselines: what each country's forces hold, by model/calibre and producer; the year only
    // for recent lots (old Soviet-era stock is held in every year of production).
    const baselines = Object.entries(FORCES).flatMap(([country, f]) =>
      [...f.stock, ...f.alsoHeld].map((spec) => {
        const raw = rawText(spec);
        const id = identityOf(spec);
        const year = spec.year >= 2000 ? spec.year : null;
        return {
          natural_key: `bench|${country}|${id.sample_key}`,
          holder: f.holder,
          country,
          category: spec.category,
          model: raw.model,
          model_key: id.model_key,
          calibre: raw.calibre,
          calibre_key: id.calibre_key,
          manufacturer: raw.manufacturer,
          manufacturer_key: id.manufacturer_key,
          country_of_manufacture: raw.country_of_manufacture,
          year,
          source: 'findings benchmark',
          sample_key: year === null ? null : id.sample_key,
        };
      }),
    );
    await trx.insertInto('baselines').values(baselines).execute();

    const incidentId = new Map<string, number>();
    await inChunks(theatre.incidents, 500, async (part) => {
      const rows = await trx
        .insertInto('incidents')
        .values(
          part.map((i) => ({
            ref: i.ref,
            date: i.date,
            date_precision: 'day' as const,
            type: i.type,
            country: i.country,
            admin1: i.admin1,
            actor_id: i.shown ? actorId.get(i.trueActor!)! : null,
            attribution: i.shown ? 'presumed' : 'unknown',
            classification: 'internal',
          })),
        )
        .returning(['id', 'ref'])
        .execute();
      for (const r of rows) incidentId.set(r.ref, r.id);
    });
    const items = theatre.incidents.flatMap((i) =>
      i.lines.map((l, k) => ({
        ref: `${i.ref}-${k + 1}`,
        incident_id: incidentId.get(i.ref)!,
        ...rawText(l.spec),
        ...identityOf(l.spec),
        serial: l.serial,
        quantity: l.quantity,
      })),
    );
    await inChunks(items, 500, (part) => trx.insertInto('items').values(part).execute());
    return items.length;
  });
}

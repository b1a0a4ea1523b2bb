/**
 * A synthetic theatre for the benchmarks: by default 100,000 incidents and 1,000,000 items, with
 * the actors, embargoes and baselines that give every kind of lead some work.
 *
 * It is generated with set-based SQL (INSERT … SELECT FROM generate_series), not the importer:
 * every "random" choice is a hash of the row number, so a given size always produces the same
 * rows on either store. Incident references are `BN-` and the generation number on 7 digits
 * (`BN-0000001` … `BN-0100000`). The leads are not computed here: call `refreshLeads(trx,
 * { full: true })` afterwards (the triggers leave every item in `leads_pending`).
 */
import { sql } from 'kysely';
import type { Db, Tx } from '../src/db/store';

export interface TheatreSize {
  incidents: number;
  items: number;
}

/** The reference of the incident of generation number `g` (1-based). */
export const incidentRef = (g: number) => `BN-${String(g).padStart(7, '0')}`;

/** A uniform integer in [0, 2^31) from a row number and a salt: deterministic on any server. */
const h = (expr: string, salt: number) => `(hashint4extended((${expr})::int, ${salt}) & 2147483647)`;
/** A uniform float in [0, 1). */
const u = (expr: string, salt: number) =>
  `((hashint4extended((${expr})::int, ${salt}) & 16777215)::float8 / 16777216.0)`;
const textArray = (list: readonly string[]) => `ARRAY[${list.map((s) => `'${s}'`).join(', ')}]::text[]`;

export const COUNTRIES = ['ML', 'BF', 'NE', 'TD', 'MR'];
/** Country index by weight: Mali holds about a third of the incidents. */
const COUNTRY_WEIGHTS = [0, 0, 0, 0, 1, 1, 1, 2, 2, 3, 4];
export const REGIONS = [
  ['Kidal', 'Gao', 'Tombouctou', 'Mopti', 'Ségou', 'Ménaka', 'Taoudénit', 'Kayes'],
  ['Sahel', 'Nord', 'Est', 'Boucle du Mouhoun', 'Centre-Nord', 'Hauts-Bassins', 'Cascades', 'Centre-Est'],
  ['Tillabéri', 'Tahoua', 'Agadez', 'Diffa', 'Maradi', 'Zinder', 'Dosso', 'Niamey'],
  ['Lac', 'Borkou', 'Ennedi-Est', 'Tibesti', 'Kanem', 'Ouaddaï', 'Salamat', 'Batha'],
  ['Hodh Ech Chargui', 'Hodh El Gharbi', 'Assaba', 'Tagant', 'Adrar', 'Tiris Zemmour', 'Brakna', 'Trarza'],
].flat();
export const INCIDENT_TYPES: [string, number][] = [
  ['small_arms_fire', 20],
  ['ied_attack', 15],
  ['ied_find', 12],
  ['indirect_fire', 8],
  ['arms_cache', 8],
  ['seizure', 8],
  ['complex_attack', 5],
  ['battlefield_capture', 4],
  ['weapons_collection', 4],
  ['banditry', 4],
  ['theft_loss', 3],
  ['vehicle_ied', 3],
  ['surrender', 3],
  ['assassination', 2],
  ['other', 1],
];
const TYPE_BAG = INCIDENT_TYPES.flatMap(([type, weight]) => Array<string>(weight).fill(type));
/** Ammunition calibres: the first 8 are everywhere, the others only among singletons. */
export const CALIBRES = [
  '7.62x39',
  '7.62x54R',
  '12.7x108',
  '5.56x45',
  '9x19',
  '7.62x51',
  '14.5x114',
  '82mm',
  '5.45x39',
  '12.7x99',
  '23x152B',
  '60mm',
  '120mm',
  '107mm',
  '40x46',
  '.338-lapua',
];
const MODELS = [
  'AKM',
  'PKM',
  'DSHK',
  'M16A2',
  'TYPE56',
  'G3',
  'FAL',
  'RPG7',
  'AK74',
  'NSV',
  'SVD',
  'GALILACE32',
  'VZ58',
  'MAT49',
  'TYPE81',
  'M4A1',
];
const MODEL_CALIBRES = [
  '7.62x39',
  '7.62x54R',
  '12.7x108',
  '5.56x45',
  '7.62x39',
  '7.62x51',
  '7.62x51',
  '~40mm-rpg7',
  '5.45x39',
  '12.7x108',
  '7.62x54R',
  '7.62x39',
  '7.62x39',
  '9x19',
  '7.62x39',
  '5.56x45',
];
const COMMON_MAKERS = ['su-711', 'su-270', 'cn-31', 'cn-61', 'bg-10'];

/** Sizes of the item tiers, from the requested total. */
export function plan(incidents: number, items: number) {
  const common = Math.round(items * 0.35);
  const medium = Math.round(items * 0.25);
  const singletons = Math.round(items * 0.15);
  const pairs = Math.max(10, Math.round(items / 200));
  const rare = Math.max(0, items - common - medium - singletons - Math.round(pairs * 2.1));
  return {
    incidents,
    common,
    medium,
    mediumSamples: Math.max(10, Math.round(items / 100)),
    singletons,
    pairs,
    // A batch averages about 9.1 items (3.5 incidents × 3 samples × ~0.87 presence).
    batches: Math.max(1, Math.round(rare / 9.1)),
    window: Math.max(1, Math.floor(incidents / 60)),
  };
}

/**
 * A pick among `n` incident generation numbers that favours every tenth one (the caches and
 * seizures).
 */
const bigBiased = (n: number, k: string, salt: number) =>
  `CASE WHEN ${u(k, salt)} < 0.5 THEN 10 * (1 + ${h(k, salt + 1)} % ${Math.floor(n / 10)}) ELSE 1 + ${h(k, salt + 1)} % ${n} END`;

/**
 * Inserts one tier of items. `source` yields: ref, k (unique in the tier), g (incident number)
 * or r (rank of the incident in region-then-date order) or iid (incident id), cat, w (model or
 * calibre index), maker, yr, serial, qty.
 */
function insertItems(source: string, salt: number): string {
  return `
    INSERT INTO items (ref, incident_id, category, model, model_key, calibre, calibre_key,
                       manufacturer, manufacturer_key, year, serial, quantity, sample_key)
    SELECT s.ref, coalesce(s.iid, ig.id, ir.id), s.cat, m.model, m.model, m.calibre, m.calibre,
           s.maker, s.maker, s.yr,
           coalesce(s.serial, CASE WHEN s.cat = 'weapon' AND ${u('s.k', salt)} < 0.5
                                   THEN 'SN ' || lpad((${h('s.k', salt + 1)} % 100000000)::text, 8, '0') END),
           s.qty,
           CASE WHEN s.yr IS NOT NULL THEN
             CASE s.cat WHEN 'weapon' THEN 'weapon:' || m.model ELSE 'ammo:' || m.calibre END
             || ':' || s.maker || ':' || s.yr END
      FROM (${source}) s
      LEFT JOIN bench_inc ig ON ig.g = s.g
      LEFT JOIN bench_inc ir ON ir.r = s.r
     CROSS JOIN LATERAL (
       SELECT CASE WHEN s.cat = 'weapon' THEN (${textArray(MODELS)})[1 + s.w] END AS model,
              CASE WHEN s.cat = 'weapon' THEN (${textArray(MODEL_CALIBRES)})[1 + s.w]
                   ELSE (${textArray(CALIBRES)})[1 + s.w] END AS calibre) m`;
}

const ammoQuantity = (k: string, salt: number) => `1 + floor(80 * power(${u(k, salt)}, 4))::int`;

async function generate(trx: Tx, N: number, M: number) {
  const p = plan(N, M);
  const run = (text: string) => sql.raw(text).execute(trx);

  // Actors: 10 groups, 5 of them factions of the first three; territorial and actor embargoes;
  // the forces' holdings of one country (Mali) as baseline.
  await run(`
    INSERT INTO actors (name, name_key, parent_id)
    SELECT 'Bench group ' || lpad(a::text, 2, '0'), 'bench group ' || lpad(a::text, 2, '0'), NULL
      FROM generate_series(1, 10) a`);
  await run(`
    INSERT INTO actors (name, name_key, parent_id)
    SELECT 'Bench faction ' || f, 'bench faction ' || f,
           (SELECT id FROM actors WHERE name_key = 'bench group 0' || (1 + f % 3))
      FROM generate_series(1, 5) f`);
  await run(`
    INSERT INTO embargoes (regime, regime_key, scope, country, start_date, end_date) VALUES
      ('Bench territorial embargo', 'bench-territorial', 'territory', 'ML', '2017-09-05', NULL),
      ('Bench sanctions list', 'bench-sanctions', 'actors', NULL, '2014-01-01', '2022-12-31')`);
  await run(`
    INSERT INTO embargo_actors (embargo_id, actor_id, position)
    SELECT e.id, a.id, row_number() OVER (ORDER BY a.id)
      FROM embargoes e JOIN actors a ON a.name_key IN ('bench group 01', 'bench group 02', 'bench group 03')
     WHERE e.regime_key = 'bench-sanctions'`);
  await run(`
    INSERT INTO baselines (natural_key, holder, country, category, model, model_key, calibre, calibre_key,
                           manufacturer, manufacturer_key, year, source, sample_key)
    SELECT 'bench|' || holder || '|' || category || '|' || coalesce(mk, '') || '|' || coalesce(ck, '') || '|' || coalesce(maker, ''),
           holder, 'ML', category, mk, mk, ck, ck, maker, maker, NULL, 'benchmark', NULL
      FROM (VALUES
        ('FAMa', 'weapon', 'AKM', '7.62x39', NULL),
        ('FAMa', 'weapon', 'PKM', '7.62x54R', NULL),
        ('FAMa', 'weapon', 'DSHK', '12.7x108', NULL),
        ('FAMa', 'weapon', 'TYPE56', '7.62x39', 'cn-31'),
        ('FAMa', 'ammunition', NULL, '7.62x39', NULL),
        ('FAMa', 'ammunition', NULL, '7.62x54R', 'su-711'),
        ('FAMa', 'ammunition', NULL, '12.7x108', NULL),
        ('Garde nationale', 'weapon', 'AKM', '7.62x39', NULL),
        ('Garde nationale', 'ammunition', NULL, '9x19', NULL)
      ) AS b(holder, category, mk, ck, maker)`);

  // Incidents 2010–2024 over 5 countries × 8 regions; ~30% attributed, mostly to the group
  // that holds the region.
  await run(`
    INSERT INTO incidents (ref, date, date_precision, type, country, admin1, actor_id, attribution, classification)
    SELECT 'BN-' || lpad(g::text, 7, '0'),
           date '2010-01-01' + (${h('g', 1)} % 5479)::int,
           'day',
           (${textArray(TYPE_BAG)})[1 + ${h('g', 2)} % ${TYPE_BAG.length}],
           (${textArray(COUNTRIES)})[1 + r.c],
           (${textArray(REGIONS)})[1 + r.c * 8 + r.a],
           CASE WHEN ${u('g', 5)} < 0.3 THEN act.ids[1 + CASE WHEN ${u('g', 6)} < 0.8
                                                         THEN ((r.c * 8 + r.a) * 7) % 15
                                                         ELSE (${h('g', 7)} % 15)::int END] END,
           CASE WHEN ${u('g', 5)} < 0.3 THEN 'presumed' ELSE 'unknown' END,
           'internal'
      FROM generate_series(1, ${N}) g
     CROSS JOIN LATERAL (SELECT (ARRAY[${COUNTRY_WEIGHTS.join(',')}])[1 + ${h('g', 3)} % ${COUNTRY_WEIGHTS.length}] AS c,
                                (${h('g', 4)} % 8)::int AS a) r
     CROSS JOIN (SELECT array_agg(id ORDER BY id) AS ids FROM actors WHERE name_key LIKE 'bench %') act`);

  // g: generation number; r: rank in (country, region, date) order, so that nearby ranks are
  // incidents close in space and time; bench_div: the diversion events.
  await run(`
    CREATE TEMP TABLE bench_inc ON COMMIT DROP AS
    SELECT substr(ref, 4)::int AS g, id, row_number() OVER (ORDER BY country, admin1, date, id)::int AS r
      FROM incidents WHERE ref LIKE 'BN-%'`);
  await run('CREATE UNIQUE INDEX ON bench_inc (g); CREATE UNIQUE INDEX ON bench_inc (r); ANALYZE bench_inc');
  await run(`
    CREATE TEMP TABLE bench_div ON COMMIT DROP AS
    SELECT row_number() OVER (ORDER BY id)::int AS k, id FROM incidents
     WHERE ref LIKE 'BN-%' AND type IN ('theft_loss', 'battlefield_capture')`);
  await run('CREATE UNIQUE INDEX ON bench_div (k); ANALYZE bench_div');

  // Common: 40 samples met everywhere, the first ones by far the most (a few are weapons).
  await run(
    insertItems(
      `SELECT 'C-' || k AS ref, k, ${bigBiased(N, 'k', 11)} AS g, NULL::int AS r, NULL::int AS iid,
              CASE WHEN q.s % 5 = 4 THEN 'weapon' ELSE 'ammunition' END AS cat, q.s % 8 AS w,
              (${textArray(COMMON_MAKERS)})[1 + q.s / 8] AS maker, 1970 + (q.s * 7) % 40 AS yr,
              NULL::text AS serial,
              CASE WHEN q.s % 5 = 4 THEN 1 ELSE ${ammoQuantity('k', 14)} END AS qty
         FROM generate_series(1, ${p.common}) k
        CROSS JOIN LATERAL (SELECT floor(40 * power(${u('k', 13)}, 3))::int AS s) q`,
      15,
    ),
  );

  // Medium: samples at 5 to 200 incidents (most too common to link), mostly around a home region.
  await run(
    insertItems(
      `SELECT 'M-' || k AS ref, k,
              CASE WHEN ${u('k', 23)} >= 0.7 THEN 1 + ${h('k', 24)} % ${N} END AS g,
              CASE WHEN ${u('k', 23)} < 0.7 THEN 1 + (${h('q.s', 22)} + ${h('k', 25)} % ${p.window}) % ${N} END AS r,
              NULL::int AS iid,
              CASE WHEN ${h('q.s', 26)} % 10 = 0 THEN 'weapon' ELSE 'ammunition' END AS cat, q.s % 8 AS w,
              'mk-' || lpad((q.s / 320)::text, 3, '0') AS maker, 1975 + (q.s / 8) % 40 AS yr,
              NULL::text AS serial,
              CASE WHEN ${h('q.s', 26)} % 10 = 0 THEN 1 ELSE ${ammoQuantity('k', 27)} END AS qty
         FROM generate_series(1, ${p.medium}) k
        CROSS JOIN LATERAL (SELECT floor(${p.mediumSamples} * power(${u('k', 21)}, 2.5))::int AS s) q`,
      28,
    ),
  );

  // Rare: batches of 1–5 samples documented together at 2–5 incidents close in space and time
  // (one supply); one batch in five also surfaces far away, later (spread).
  await run(
    insertItems(
      `SELECT 'R-' || b.b || '-' || o.j || '-' || o.i AS ref, b.b * 64 + o.j * 8 + o.i AS k,
              NULL::int AS g,
              CASE WHEN o.j = b.ni - 1 AND o.j > 0 AND ${u('b.b', 35)} < 0.2 THEN 1 + ${h('b.b', 36)} % ${N}
                   ELSE 1 + (b.r0 - 1 + o.j * b.step) % ${N} END AS r,
              NULL::int AS iid,
              CASE WHEN ${h('b.b * 5 + o.i', 37)} % 10 = 0 THEN 'weapon' ELSE 'ammunition' END AS cat,
              (b.b * 5 + o.i) % 8 AS w,
              'rb-' || lpad(((b.b * 5 + o.i) / 8)::text, 5, '0') AS maker,
              extract(year FROM anchor.date)::int - (${h('b.b * 5 + o.i', 38)} % 15)::int AS yr,
              NULL::text AS serial,
              CASE WHEN ${h('b.b * 5 + o.i', 37)} % 10 = 0 THEN 1 ELSE ${ammoQuantity('b.b * 64 + o.j * 8 + o.i', 39)} END AS qty
         FROM (SELECT b, 2 + (${h('b', 31)} % 4)::int AS ni, 1 + (${h('b', 32)} % 5)::int AS ns,
                      1 + (${h('b', 33)} % ${N})::int AS r0, 1 + (${h('b', 34)} % 25)::int AS step
                 FROM generate_series(1, ${p.batches}) b) b
         JOIN bench_inc ai ON ai.r = b.r0
         JOIN incidents anchor ON anchor.id = ai.id
        CROSS JOIN LATERAL (SELECT j, i FROM generate_series(0, b.ni - 1) j, generate_series(0, b.ns - 1) i
                             WHERE j = 0 OR ${u('b.b * 64 + j * 8 + i', 40)} < 0.85) o`,
      41,
    ),
  );

  // Singletons: each its own sample (one in ten without a year, so without a sample).
  await run(
    insertItems(
      `SELECT 'S-' || k AS ref, k, ${bigBiased(N, 'k', 51)} AS g, NULL::int AS r, NULL::int AS iid,
              CASE WHEN ${h('k', 53)} % 10 = 0 THEN 'weapon' ELSE 'ammunition' END AS cat, k % 16 AS w,
              'sg-' || lpad((k / 800)::text, 4, '0') AS maker,
              CASE WHEN ${u('k', 54)} < 0.1 THEN NULL ELSE 1960 + (k / 16) % 50 END AS yr,
              NULL::text AS serial,
              CASE WHEN ${h('k', 53)} % 10 = 0 THEN 1 ELSE ${ammoQuantity('k', 55)} END AS qty
         FROM generate_series(1, ${p.singletons}) k`,
      56,
    ),
  );

  // Diverted weapons: lost at a theft or capture, recovered at a random incident (about half of
  // them later), serial numbers written differently; one in ten recovered twice.
  const diverted = (ref: string, iid: string, g: string, serial: string, where = 'true') => `
    SELECT '${ref}-' || p AS ref, p AS k, ${g} AS g, NULL::int AS r, ${iid} AS iid, 'weapon' AS cat, p % 8 AS w,
           'dv-' || lpad((p / 400)::text, 3, '0') AS maker, 1985 + (p / 8) % 50 AS yr,
           ${serial} AS serial, 1 AS qty
      FROM generate_series(1, ${p.pairs}) p WHERE ${where}`;
  await run(
    insertItems(
      `${diverted(
        'DL',
        `(SELECT id FROM bench_div WHERE k = 1 + ${h('p', 61)} % (SELECT count(*) FROM bench_div))`,
        'NULL::int',
        `'AK ' || lpad(p::text, 6, '0')`,
      )}
       UNION ALL ${diverted('DF', 'NULL::int', `1 + ${h('p', 62)} % ${N}`, `'AK-' || lpad(p::text, 6, '0')`)}
       UNION ALL ${diverted('DA', 'NULL::int', `1 + ${h('p', 63)} % ${N}`, `'ak' || lpad(p::text, 6, '0')`, `p % 10 = 0`)}`,
      64,
    ),
  );
  await run('ANALYZE');
  return p;
}

/**
 * Generates the theatre in one transaction (it needs temporary tables dropped at commit) and
 * runs ANALYZE. Returns the sizes of the item tiers.
 */
export async function generateTheatre(db: Db, size: TheatreSize): Promise<ReturnType<typeof plan>> {
  if (!Number.isInteger(size.incidents) || size.incidents < 100)
    throw new Error('a theatre needs an integer number of incidents >= 100');
  if (!Number.isInteger(size.items) || size.items < 1000)
    throw new Error('a theatre needs an integer number of items >= 1000');
  return db.transaction().execute((trx) => generate(trx, size.incidents, size.items));
}

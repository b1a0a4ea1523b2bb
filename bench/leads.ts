/**
 * Leads engine benchmark: a synthetic theatre of (by default) 100,000 incidents and 1,000,000
 * items, one full computation of the leads, one incremental update, and a check that the
 * incremental result equals a full recomputation.
 *
 *   npx tsx bench/leads.ts [--incidents N] [--items M]
 *   DATABASE_URL=postgres://… npx tsx bench/leads.ts      (an EMPTY scratch database)
 *
 * At the default size the incremental refresh needs a larger V8 stack (see docs/benchmarks.md):
 *   node --stack-size=4000 --import tsx bench/leads.ts
 *
 * Without DATABASE_URL the embedded PGlite store runs in memory. The theatre is generated with
 * set-based SQL (INSERT … SELECT FROM generate_series), every "random" choice a hash of the row
 * number, so a given size always produces the same rows on either store. Results are printed
 * as Markdown tables, for docs/benchmarks.md.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  sql,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import { openStore, type Tx } from '../src/db/store';
import { refreshLeads, type RefreshReport } from '../src/leads/engine';

// --- Options ------------------------------------------------------------------------------------

const { values: args } = parseArgs({
  options: {
    incidents: { type: 'string', default: '100000' },
    items: { type: 'string', default: '1000000' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  console.log('usage: npx tsx bench/leads.ts [--incidents N] [--items M]   (DATABASE_URL for a server)');
  process.exit(0);
}
const N = Number(args.incidents);
const M = Number(args.items);
if (!Number.isInteger(N) || N < 100 || !Number.isInteger(M) || M < 1000) {
  console.error('--incidents must be an integer >= 100 and --items an integer >= 1000');
  process.exit(2);
}

// --- Measuring ----------------------------------------------------------------------------------

const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
const secs = (ms: number) => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
const int = (n: number) => n.toLocaleString('en-US');

/** Heap and RSS, sampled every 100 ms (samples only land between awaits, so peaks are lower bounds). */
const memory = { heapPeak: 0, rssPeak: 0 };
const sampleMemory = () => {
  const m = process.memoryUsage();
  memory.heapPeak = Math.max(memory.heapPeak, m.heapUsed);
  memory.rssPeak = Math.max(memory.rssPeak, m.rss);
  return m;
};
setInterval(sampleMemory, 100).unref();

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await run();
  const ms = performance.now() - start;
  sampleMemory();
  return { value, ms };
}

/**
 * Times every query the engine sends, from the moment Kysely builds it to the moment its rows
 * are parsed: the rest of a refresh is the engine's own JavaScript. Outside the engine: a
 * Kysely plugin on the handle the benchmark passes in.
 */
class QueryTimer implements KyselyPlugin {
  readonly #started = new WeakMap<object, { at: number; label: string }>();
  readonly byLabel = new Map<string, { ms: number; count: number; rows: number }>();

  reset() {
    this.byLabel.clear();
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.#started.set(args.queryId, { at: performance.now(), label: labelOf(args.node) });
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const started = this.#started.get(args.queryId);
    if (started) {
      const entry = this.byLabel.get(started.label) ?? { ms: 0, count: 0, rows: 0 };
      entry.ms += performance.now() - started.at;
      entry.count += 1;
      entry.rows += args.result.rows.length;
      this.byLabel.set(started.label, entry);
    }
    return args.result;
  }

  total() {
    let ms = 0;
    let count = 0;
    for (const e of this.byLabel.values()) {
      ms += e.ms;
      count += e.count;
    }
    return { ms, count };
  }
}

function labelOf(node: RootOperationNode): string {
  const tableOf = (n: unknown): string => {
    const t = n as { table?: { identifier?: { name?: string } } } | undefined;
    return t?.table?.identifier?.name ?? '?';
  };
  switch (node.kind) {
    case 'SelectQueryNode':
      return `select ${tableOf(node.from?.froms[0])}`;
    case 'DeleteQueryNode':
      return `delete ${tableOf(node.from.froms[0])}`;
    case 'InsertQueryNode':
      return `insert ${tableOf(node.into)}`;
    case 'UpdateQueryNode':
      return `update ${tableOf(node.table)}`;
    case 'RawNode':
      return `sql: ${node.sqlFragments.join('$').replace(/\s+/g, ' ').trim().slice(0, 24)}…`;
    default:
      return node.kind;
  }
}

// --- The synthetic theatre ----------------------------------------------------------------------

/** A uniform integer in [0, 2^31) from a row number and a salt: deterministic on any server. */
const h = (expr: string, salt: number) => `(hashint4extended((${expr})::int, ${salt}) & 2147483647)`;
/** A uniform float in [0, 1). */
const u = (expr: string, salt: number) =>
  `((hashint4extended((${expr})::int, ${salt}) & 16777215)::float8 / 16777216.0)`;
const textArray = (list: readonly string[]) => `ARRAY[${list.map((s) => `'${s}'`).join(', ')}]::text[]`;

const COUNTRIES = ['ML', 'BF', 'NE', 'TD', 'MR'];
/** Country index by weight: Mali holds about a third of the incidents. */
const COUNTRY_WEIGHTS = [0, 0, 0, 0, 1, 1, 1, 2, 2, 3, 4];
const REGIONS = [
  ['Kidal', 'Gao', 'Tombouctou', 'Mopti', 'Ségou', 'Ménaka', 'Taoudénit', 'Kayes'],
  ['Sahel', 'Nord', 'Est', 'Boucle du Mouhoun', 'Centre-Nord', 'Hauts-Bassins', 'Cascades', 'Centre-Est'],
  ['Tillabéri', 'Tahoua', 'Agadez', 'Diffa', 'Maradi', 'Zinder', 'Dosso', 'Niamey'],
  ['Lac', 'Borkou', 'Ennedi-Est', 'Tibesti', 'Kanem', 'Ouaddaï', 'Salamat', 'Batha'],
  ['Hodh Ech Chargui', 'Hodh El Gharbi', 'Assaba', 'Tagant', 'Adrar', 'Tiris Zemmour', 'Brakna', 'Trarza'],
].flat();
const INCIDENT_TYPES: [string, number][] = [
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
const CALIBRES = [
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
function plan(incidents: number, items: number) {
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

/** A pick of incident generation numbers that favours every tenth one (the caches and seizures). */
const bigBiased = (k: string, salt: number) =>
  `CASE WHEN ${u(k, salt)} < 0.5 THEN 10 * (1 + ${h(k, salt + 1)} % ${Math.floor(N / 10)}) ELSE 1 + ${h(k, salt + 1)} % ${N} END`;

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

async function generate(trx: Tx) {
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
      `SELECT 'C-' || k AS ref, k, ${bigBiased('k', 11)} AS g, NULL::int AS r, NULL::int AS iid,
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
      `SELECT 'S-' || k AS ref, k, ${bigBiased('k', 51)} AS g, NULL::int AS r, NULL::int AS iid,
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

// --- The incremental update ---------------------------------------------------------------------

/**
 * What an analyst's correction looks like: one incident (a cache, with items of every tier)
 * gets a new date and an actor; three items are added at it (a common sample, a rare sample
 * documented elsewhere, a new sample, and a weapon whose serial matches a lost one), and one of
 * its items gets a corrected year of production.
 */
async function update(trx: Tx): Promise<{ ref: string; itemsBefore: number }> {
  const ref = `BN-${String(10 * Math.max(1, Math.floor(N / 20))).padStart(7, '0')}`;
  const incident = await trx
    .selectFrom('incidents')
    .select(['id', 'date'])
    .where('ref', '=', ref)
    .executeTakeFirstOrThrow();
  const itemsBefore = Number(
    (
      await trx
        .selectFrom('items')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('incident_id', '=', incident.id)
        .executeTakeFirstOrThrow()
    ).n,
  );
  await sql`
    UPDATE incidents
       SET date = date + 45, attribution = 'presumed', updated_at = now(),
           actor_id = (SELECT id FROM actors WHERE name_key = 'bench faction 1')
     WHERE id = ${incident.id}`.execute(trx);
  await sql`
    INSERT INTO items (ref, incident_id, category, model, model_key, calibre, calibre_key,
                       manufacturer, manufacturer_key, year, serial, quantity, sample_key)
    SELECT ${ref} || '-U' || row_number() OVER (), ${incident.id}, category, model_key, model_key,
           calibre_key, calibre_key, manufacturer_key, manufacturer_key, year,
           CASE WHEN ref = 'DL-1' THEN 'AK/000001' END, 2,
           CASE WHEN ref = 'NEW' THEN 'ammo:' || calibre_key || ':nw-001:2021' ELSE sample_key END
      FROM (SELECT * FROM (SELECT ref, category, model_key, calibre_key, manufacturer_key, year, sample_key
                             FROM items WHERE ref IN ('C-1', 'R-1-0-0', 'DL-1')) known
            UNION ALL
            SELECT 'NEW', 'ammunition', NULL, '7.62x39', 'nw-001', 2021, NULL) source`.execute(trx);
  await sql`
    UPDATE items
       SET year = year + 1, sample_key = regexp_replace(sample_key, ':[0-9]+$', '') || ':' || (year + 1),
           updated_at = now()
     WHERE id = (SELECT min(id) FROM items WHERE incident_id = ${incident.id} AND ref NOT LIKE 'C-%'
                                             AND sample_key IS NOT NULL AND ref NOT LIKE ${`${ref}%`})`.execute(
    trx,
  );
  return { ref, itemsBefore };
}

// --- The check ----------------------------------------------------------------------------------

const LEAD_COLUMNS =
  'kind, subject, part, score, incident_ids, item_ids, sample_keys, actor_id, date, explanation, evidence';

/** Snapshot the leads, recompute in full, and count the rows only one side has. */
async function recomputeAndCompare(trx: Tx) {
  await sql
    .raw(`CREATE TEMP TABLE bench_before ON COMMIT DROP AS SELECT ${LEAD_COLUMNS} FROM leads`)
    .execute(trx);
  const full = await timed(() => refreshLeads(trx, { full: true }));
  const differ = async (columns: string) => {
    const { rows } = await sql<{ only_before: number; only_after: number }>`
      SELECT (SELECT count(*) FROM (SELECT ${sql.raw(columns)} FROM bench_before
                                    EXCEPT ALL SELECT ${sql.raw(columns)} FROM leads) x)::int AS only_before,
             (SELECT count(*) FROM (SELECT ${sql.raw(columns)} FROM leads
                                    EXCEPT ALL SELECT ${sql.raw(columns)} FROM bench_before) x)::int AS only_after`.execute(
      trx,
    );
    return rows[0]!;
  };
  const narrow = await differ('kind, subject, score, incident_ids, item_ids, sample_keys, explanation');
  const wide = await differ(LEAD_COLUMNS);
  const examples: string[] = [];
  if (wide.only_before + wide.only_after > 0) {
    const { rows } = await sql<{ side: string; kind: string; subject: string }>`
      (SELECT 'incremental only' AS side, kind, subject FROM
         (SELECT ${sql.raw(LEAD_COLUMNS)} FROM bench_before EXCEPT ALL SELECT ${sql.raw(LEAD_COLUMNS)} FROM leads) x
        ORDER BY kind, subject LIMIT 10)
      UNION ALL
      (SELECT 'full only', kind, subject FROM
         (SELECT ${sql.raw(LEAD_COLUMNS)} FROM leads EXCEPT ALL SELECT ${sql.raw(LEAD_COLUMNS)} FROM bench_before) x
        ORDER BY kind, subject LIMIT 10)`.execute(trx);
    examples.push(...rows.map((r) => `${r.side}: ${r.kind} ${r.subject}`));
  }
  return { full, narrow, wide, examples };
}

// --- Main ---------------------------------------------------------------------------------------

async function main() {
  const databaseUrl = process.env.DATABASE_URL;
  const store = await openStore(databaseUrl ? { databaseUrl } : { dataDir: 'memory://' });
  const timer = new QueryTimer();
  const db = store.db;
  const engineDb = db.withPlugin(timer);
  try {
    const existing = await db
      .selectFrom('incidents')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(existing.n) > 0) {
      throw new Error(
        `${store.location} already holds ${existing.n} incidents: run the benchmark on an empty scratch database`,
      );
    }
    const { rows: versionRows } = await sql<{ version: string }>`SELECT version()`.execute(db);
    const server = versionRows[0]!.version.split(' ').slice(0, 2).join(' ');
    const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
    const git = (...gitArgs: string[]) => {
      try {
        return execFileSync('git', gitArgs, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      } catch {
        return '';
      }
    };
    const commit = git('rev-parse', '--short', 'HEAD') || 'unknown';
    const dirty = git('status', '--porcelain', '--', 'src') ? ' + uncommitted changes in src/' : '';
    console.log(
      `# Headstamp leads benchmark — ${new Date().toISOString()}\n` +
        `store: ${store.kind} (${server}) at ${store.location}\n` +
        `node ${process.version}, ${cpu}, ${os.cpus().length} cores, ${mib(os.totalmem())} MiB RAM, ` +
        `load average ${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}\n` +
        `code: commit ${commit}${dirty}; node flags: ${process.execArgv.filter((a) => a.startsWith('--stack') || a.startsWith('--max')).join(' ') || 'none'}\n` +
        `requested: ${int(N)} incidents, ${int(M)} items\n`,
    );

    // 1. The theatre.
    const generation = await timed(() => db.transaction().execute((trx) => generate(trx)));
    const { rows: shapeRows } = await sql<{
      incidents: number;
      items: number;
      serials: number;
      pending: number;
      samples: number;
      at1: number;
      at2to5: number;
      at6to12: number;
      over12: number;
    }>`
      WITH s AS (SELECT sample_key, count(DISTINCT incident_id) AS n FROM items
                  WHERE sample_key IS NOT NULL GROUP BY sample_key)
      SELECT (SELECT count(*) FROM incidents)::int AS incidents, (SELECT count(*) FROM items)::int AS items,
             (SELECT count(*) FROM items WHERE serial_key IS NOT NULL)::int AS serials,
             (SELECT count(*) FROM leads_pending)::int AS pending,
             count(*)::int AS samples, count(*) FILTER (WHERE n = 1)::int AS at1,
             count(*) FILTER (WHERE n BETWEEN 2 AND 5)::int AS at2to5,
             count(*) FILTER (WHERE n BETWEEN 6 AND 12)::int AS at6to12,
             count(*) FILTER (WHERE n > 12)::int AS over12
        FROM s`.execute(db);
    const shape = shapeRows[0]!;
    console.log(
      `generated in ${secs(generation.ms)} s: ${int(shape.incidents)} incidents, ${int(shape.items)} items ` +
        `(${int(shape.serials)} with serial numbers), ${int(shape.samples)} samples ` +
        `(at 1 incident: ${int(shape.at1)}; 2–5: ${int(shape.at2to5)}; 6–12: ${int(shape.at6to12)}; ` +
        `more: ${int(shape.over12)}); leads_pending rows left by the triggers: ${int(shape.pending)}`,
    );

    // 2. The full computation, which also drains leads_pending.
    const queryTable = (title: string) => {
      const top = [...timer.byLabel.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 6);
      console.log(`\n${title}\n\n| Query | Time | Calls | Rows returned |\n|---|---|---|---|`);
      for (const [label, e] of top)
        console.log(`| ${label} | ${secs(e.ms)} s | ${int(e.count)} | ${int(e.rows)} |`);
      console.log('');
    };
    timer.reset();
    const full = await timed(() =>
      engineDb.transaction().execute((trx) => refreshLeads(trx, { full: true })),
    );
    const fullQueries = timer.total();
    const fullHeap = mib(process.memoryUsage().heapUsed);
    const { rows: kindRows } = await sql<{ kind: string; n: number }>`
      SELECT kind, count(*)::int AS n FROM leads GROUP BY kind ORDER BY kind`.execute(db);
    console.log(
      `full computation: ${secs(full.ms)} s (SQL ${secs(fullQueries.ms)} s in ${fullQueries.count} queries), ` +
        `${JSON.stringify(full.value)}`,
    );
    console.log(`leads by kind: ${kindRows.map((r) => `${r.kind} ${int(r.n)}`).join(', ')}`);
    queryTable('Slowest queries of the full computation:');

    // 3. One incremental update, written and refreshed in one transaction.
    timer.reset();
    let writeMs = 0;
    let target = { ref: '', itemsBefore: 0 };
    let refresh: { value: RefreshReport; ms: number } | undefined;
    let failure: unknown;
    const incremental = await timed(async () => {
      try {
        await engineDb.transaction().execute(async (trx) => {
          const writes = await timed(() => update(trx));
          writeMs = writes.ms;
          target = writes.value;
          timer.reset();
          refresh = await timed(() => refreshLeads(trx));
        });
      } catch (error) {
        failure = error;
      }
    });
    const incQueries = timer.total();
    if (refresh) {
      console.log(
        `incremental update at ${target.ref} (${target.itemsBefore} items before): writes ${secs(writeMs)} s, ` +
          `refresh ${secs(refresh.ms)} s (SQL ${secs(incQueries.ms)} s in ${incQueries.count} queries), ` +
          `transaction ${secs(incremental.ms)} s, ${JSON.stringify(refresh.value)}`,
      );
    } else {
      console.log(
        `incremental update at ${target.ref} FAILED after ${secs(incremental.ms)} s ` +
          `(transaction rolled back): ${failure instanceof Error ? (failure.stack ?? failure.message) : String(failure)}`,
      );
    }
    queryTable('Slowest queries of the incremental refresh:');

    // 4. The check: a full recomputation gives the same leads.
    const check = refresh ? await db.transaction().execute((trx) => recomputeAndCompare(trx)) : undefined;
    const matched = check !== undefined && check.wide.only_before + check.wide.only_after === 0;
    if (check) {
      console.log(
        `check: full recomputation after the update ${secs(check.full.ms)} s, ${JSON.stringify(check.full.value)}; ` +
          `same leads as incremental: ${matched ? 'YES' : 'NO'} ` +
          `(all columns: ${check.wide.only_before} only incremental, ${check.wide.only_after} only full; ` +
          `kind/subject/score/ids/samples/explanation: ${check.narrow.only_before} / ${check.narrow.only_after})`,
      );
      for (const line of check.examples) console.log(`  ${line}`);
    }
    const { rows: leadCount } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM leads`.execute(db);

    // 5. The results.
    const rss = process.resourceUsage().maxRSS * 1024;
    sampleMemory();
    const rows: [string, string][] = [
      ['Store', `${store.kind} (${server})`],
      ['Incidents / items', `${int(shape.incidents)} / ${int(shape.items)}`],
      ['Generation (SQL, incl. triggers and ANALYZE)', `${secs(generation.ms)} s`],
      [
        'Full computation (first, drains leads_pending)',
        `${secs(full.ms)} s — ${int(full.value.written)} leads, ${int(full.value.slices)} slices`,
      ],
      ['  of which in SQL queries', `${secs(fullQueries.ms)} s in ${int(fullQueries.count)} queries`],
    ];
    if (refresh && check) {
      rows.push(
        [
          'Full computation (second, for the check)',
          `${secs(check.full.ms)} s — ${int(check.full.value.written)} leads`,
        ],
        [
          'Incremental update: refresh',
          `${secs(refresh.ms)} s — ${int(refresh.value.slices)} slices, ` +
            `${int(refresh.value.removed)} removed, ${int(refresh.value.written)} written`,
        ],
        ['  of which in SQL queries', `${secs(incQueries.ms)} s in ${int(incQueries.count)} queries`],
        ['Incremental update: writes + refresh + commit', `${secs(incremental.ms)} s`],
        [
          'Ratio full / incremental refresh',
          `${(full.ms / refresh.ms).toFixed(1)} (second full: ${(check.full.ms / refresh.ms).toFixed(1)})`,
        ],
        ['Incremental = full recomputation', matched ? 'yes' : 'NO (examples above)'],
      );
    } else {
      rows.push([
        'Incremental update',
        `FAILED: ${failure instanceof Error ? failure.message : String(failure)}`,
      ]);
    }
    rows.push(
      ['Leads in the store at the end', int(leadCount[0]!.n)],
      ['Peak RSS (process, maxRSS)', `${mib(rss)} MiB`],
      ['Peak heap used (sampled)', `${mib(memory.heapPeak)} MiB (after full: ${fullHeap} MiB)`],
      [
        'Load average at the end (1, 5, 15 min)',
        os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(' '),
      ],
    );
    console.log('| Measure | Result |\n|---|---|');
    for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
    if (!refresh || !matched) process.exitCode = 1;
  } finally {
    await store.close();
  }
}

await main();

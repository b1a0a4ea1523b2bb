/**
 * Leads engine benchmark: a synthetic theatre of (by default) 100,000 incidents and 1,000,000
 * items, one full computation of the leads, one incremental update (committed, then the findings
 * queue drained as the server's worker does), then --edits random one-incident edits (100 by
 * default: a new date, an item added with a sample documented elsewhere, a corrected year of
 * production, an item deleted), each committed and drained and timed, and a check that the
 * incremental result equals a full recomputation.
 *
 *   npx tsx bench/leads.ts [--incidents N] [--items M] [--edits E] [--seed S]
 *   DATABASE_URL=postgres://… npx tsx bench/leads.ts      (an EMPTY scratch database)
 *   DATABASE_URL=postgres://…/copy npx tsx bench/leads.ts --reuse
 *       (a theatre with its findings that bench/api.ts or this benchmark filled, e.g. a copy made
 *        with `createdb -T filled copy`: no generation, no first full computation)
 *
 * At the default size the incremental refresh needs a larger V8 stack (see docs/benchmarks.md):
 *   node --stack-size=4000 --import tsx bench/leads.ts
 *
 * Without DATABASE_URL the embedded PGlite store runs in memory. The theatre (bench/theatre.ts)
 * is generated with set-based SQL (INSERT … SELECT FROM generate_series), every "random" choice a
 * hash of the row number, so a given size always produces the same rows on either store. Results
 * are printed as Markdown tables, for docs/benchmarks.md.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql, type RootOperationNode } from 'kysely';
import type { Tx } from '../src/db/store';
import { openStore } from '../src/register/store';
import { refreshLeads, type RefreshReport } from '../src/leads/engine';
import { drainLeads } from '../src/leads/queue';
import { mulberry32 } from '../src/demo/random';
import { int, machine, mib, QueryTimer, requireEmptyStore, secs, timed as time } from './harness';
import { generateTheatre, incidentRef } from './theatre';

// --- Options ------------------------------------------------------------------------------------

const { values: args } = parseArgs({
  options: {
    incidents: { type: 'string', default: '100000' },
    items: { type: 'string', default: '1000000' },
    edits: { type: 'string', default: '100' },
    seed: { type: 'string', default: '20261203' },
    reuse: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  console.log(
    'usage: npx tsx bench/leads.ts [--incidents N] [--items M] [--edits E] [--seed S] [--reuse]\n' +
      '       (DATABASE_URL for a server; --reuse: a store holding a theatre and its findings)',
  );
  process.exit(0);
}
const N = Number(args.incidents);
const M = Number(args.items);
const EDITS = Number(args.edits);
const SEED = Number(args.seed);
if (
  !Number.isInteger(N) ||
  N < 100 ||
  !Number.isInteger(M) ||
  M < 1000 ||
  !Number.isInteger(EDITS) ||
  EDITS < 0 ||
  !Number.isInteger(SEED)
) {
  console.error('--incidents >= 100, --items >= 1000, --edits >= 0 and --seed must be integers');
  process.exit(2);
}

// --- Measuring ----------------------------------------------------------------------------------

/** Heap and RSS, sampled every 100 ms (samples only land between awaits, so peaks are lower bounds). */
const memory = { heapPeak: 0, rssPeak: 0 };
const sampleMemory = () => {
  const m = process.memoryUsage();
  memory.heapPeak = Math.max(memory.heapPeak, m.heapUsed);
  memory.rssPeak = Math.max(memory.rssPeak, m.rss);
  return m;
};
setInterval(sampleMemory, 100).unref();

/** Timed, and the memory peak sampled at the end, so a short step's peak is not missed. */
async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const result = await time(run);
  sampleMemory();
  return result;
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

// --- The incremental update ---------------------------------------------------------------------

/**
 * What an analyst's correction looks like: one incident (a cache, with items of every tier)
 * gets a new date and an actor; three items are added at it (a common sample, a rare sample
 * documented elsewhere, a new sample, and a weapon whose serial matches a lost one), and one of
 * its items gets a corrected year of production.
 */
async function update(trx: Tx): Promise<{ ref: string; itemsBefore: number }> {
  const ref = incidentRef(10 * Math.max(1, Math.floor(N / 20)));
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

const EDIT_KINDS = ['date', 'add', 'year', 'delete'] as const;
type EditKind = (typeof EDIT_KINDS)[number];

/**
 * One random edit of one incident, as an analyst's correction: a new date, an item added with the
 * materiel of an item drawn from anywhere (so its sample is documented elsewhere), a corrected
 * year of production of one of its items (a new sample), or one of its items deleted.
 */
async function randomEdit(
  trx: Tx,
  random: () => number,
  index: number,
): Promise<{ kind: EditKind; ref: string }> {
  const kind = EDIT_KINDS[Math.floor(random() * EDIT_KINDS.length)]!;
  const ref = incidentRef(1 + Math.floor(random() * N));
  const { id } = await trx
    .selectFrom('incidents')
    .select('id')
    .where('ref', '=', ref)
    .executeTakeFirstOrThrow();
  const itemAt = sql`(SELECT min(id) FROM items WHERE incident_id = ${id} AND deleted_at IS NULL
                                          AND sample_key IS NOT NULL)`;
  switch (kind) {
    case 'date':
      await sql`UPDATE incidents SET date = date + ${1 + Math.floor(random() * 60)}::integer, updated_at = now()
                 WHERE id = ${id}`.execute(trx);
      break;
    case 'add': {
      const { rows } = await sql<{ max: number }>`SELECT max(id) AS max FROM items`.execute(trx);
      const source = 1 + Math.floor(random() * rows[0]!.max);
      await sql`
        INSERT INTO items (ref, incident_id, category, model, model_key, calibre, calibre_key,
                           manufacturer, manufacturer_key, year, quantity, sample_key)
        SELECT ${`${ref}-E${index}`}, ${id}, category, model, model_key, calibre, calibre_key,
               manufacturer, manufacturer_key, year, 1, sample_key
          FROM items WHERE id = (SELECT min(id) FROM items WHERE id >= ${source})`.execute(trx);
      break;
    }
    case 'year':
      await sql`
        UPDATE items
           SET year = year + 1, sample_key = regexp_replace(sample_key, ':[0-9]+$', '') || ':' || (year + 1),
               updated_at = now()
         WHERE id = ${itemAt} AND year IS NOT NULL`.execute(trx);
      break;
    case 'delete':
      await sql`UPDATE items SET deleted_at = now(), deleted_reason = 'benchmark edit', updated_at = now()
                 WHERE id = ${itemAt}`.execute(trx);
      break;
  }
  return { kind, ref };
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
  // Queries by what they read, written or deleted: the rest of a refresh is the engine's JavaScript.
  const timer = new QueryTimer(labelOf);
  const db = store.db;
  const engineDb = db.withPlugin(timer);
  try {
    if (!args.reuse) await requireEmptyStore(store);
    const { rows: versionRows } = await sql<{ version: string }>`SELECT version()`.execute(db);
    const server = versionRows[0]!.version.split(' ').slice(0, 2).join(' ');
    const host = machine();
    console.log(
      `# Headstamp leads benchmark — ${new Date().toISOString()}\n` +
        `store: ${store.kind} (${server}) at ${store.location}\n` +
        `${host.summary}\n` +
        `code: ${host.code}; node flags: ${process.execArgv.filter((a) => a.startsWith('--stack') || a.startsWith('--max')).join(' ') || 'none'}\n` +
        `requested: ${int(N)} incidents, ${int(M)} items\n`,
    );

    // 1. The theatre (reused: as it is).
    const generation = args.reuse
      ? { ms: 0 }
      : await timed(() => generateTheatre(db, { incidents: N, items: M }));
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
    // Drained as the worker drains an import's changes (then vacuums the queue, whose dead rows
    // would cost every later count). Reused: its findings are there; only what an earlier run
    // left in the queue is drained.
    const full = await timed(
      async () => (await drainLeads(engineDb, { wait: true, full: !args.reuse })) as RefreshReport,
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
    // As the application runs it: the write commits, then the queue is drained (leads/queue.ts).
    const incremental = await timed(async () => {
      try {
        const writes = await timed(() => engineDb.transaction().execute((trx) => update(trx)));
        writeMs = writes.ms;
        target = writes.value;
        timer.reset();
        const drained = await timed(() => drainLeads(engineDb));
        if (drained.value === 'busy') throw new Error('another refresh holds the drain lock');
        refresh = { value: drained.value, ms: drained.ms };
      } catch (error) {
        failure = error;
      }
    });
    const incQueries = timer.total();
    if (refresh) {
      console.log(
        `incremental update at ${target.ref} (${target.itemsBefore} items before): writes and commit ${secs(writeMs)} s, ` +
          `refresh (drain) ${secs(refresh.ms)} s (SQL ${secs(incQueries.ms)} s in ${incQueries.count} queries), ` +
          `both ${secs(incremental.ms)} s, ${JSON.stringify(refresh.value)}`,
      );
    } else {
      console.log(
        `incremental update at ${target.ref} FAILED after ${secs(incremental.ms)} s ` +
          `(transaction rolled back): ${failure instanceof Error ? (failure.stack ?? failure.message) : String(failure)}`,
      );
    }
    queryTable('Slowest queries of the incremental refresh:');

    // 3b. Random one-incident edits, each committed and then the queue drained, as the worker does.
    const random = mulberry32(SEED);
    const edits: { kind: EditKind; ref: string; ms: number; report: RefreshReport }[] = [];
    timer.reset();
    for (let index = 0; refresh && index < EDITS; index++) {
      const edit = await db.transaction().execute((trx) => randomEdit(trx, random, index));
      const drained = await timed(() => drainLeads(engineDb));
      if (drained.value === 'busy') throw new Error('another refresh holds the drain lock');
      edits.push({ ...edit, ms: drained.ms, report: drained.value });
    }
    const editQueries = timer.total();
    const editMs = edits.map((e) => e.ms).sort((a, b) => a - b);
    const rank = (q: number) => editMs[Math.max(0, Math.ceil(q * editMs.length) - 1)]!;
    if (edits.length > 0) {
      console.log(
        `\n${edits.length} random one-incident edits (seed ${SEED}), each committed then drained: ` +
          `refresh p50 ${secs(rank(0.5))} s, p95 ${secs(rank(0.95))} s, max ${secs(editMs.at(-1)!)} s ` +
          `(SQL ${secs(editQueries.ms / edits.length)} s an edit)\n\n| Edit | Count | p50 | p95 | Max |\n|---|---:|---:|---:|---:|`,
      );
      for (const kind of EDIT_KINDS) {
        const of = edits
          .filter((e) => e.kind === kind)
          .map((e) => e.ms)
          .sort((a, b) => a - b);
        if (of.length === 0) continue;
        const at = (q: number) => of[Math.max(0, Math.ceil(q * of.length) - 1)]!;
        console.log(
          `| ${kind} | ${of.length} | ${secs(at(0.5))} s | ${secs(at(0.95))} s | ${secs(of.at(-1)!)} s |`,
        );
      }
      const slowest = edits.toSorted((a, b) => b.ms - a.ms).slice(0, 3);
      for (const e of slowest)
        console.log(`\nslow: ${e.kind} at ${e.ref}: ${secs(e.ms)} s, ${JSON.stringify(e.report)}`);
      // The edits in order, to replay one that breaks the check (a shorter --edits, same --seed).
      console.log(`\nedits: ${edits.map((e, i) => `${i + 1} ${e.kind} ${e.ref}`).join('; ')}`);
      queryTable('Slowest queries of the random edits (all of them):');
    }

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
        args.reuse ? 'Reused theatre: the queue drained' : 'Full computation (first, drains leads_pending)',
        `${secs(full.ms)} s — ${int(full.value.written)} leads, ${int(full.value.slices)} slices`,
      ],
      ['  of which in SQL queries', `${secs(fullQueries.ms)} s in ${int(fullQueries.count)} queries`],
    ];
    if (edits.length > 0)
      rows.push([
        `Random one-incident edits: refresh (${edits.length})`,
        `p50 ${secs(rank(0.5))} s, p95 ${secs(rank(0.95))} s, max ${secs(editMs.at(-1)!)} s`,
      ]);
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
        ['Incremental update: writes committed, then the queue drained', `${secs(incremental.ms)} s`],
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

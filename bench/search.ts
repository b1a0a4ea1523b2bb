/**
 * Search benchmark: the incident search and the sample suggestions (GET /api/v1/incidents?q=…,
 * GET /api/v1/samples/suggest?q=…) over a synthetic theatre (bench/theatre.ts, by default 100,000
 * incidents and 1,000,000 items), for an analyst (everything) and a partner (one incident in ten).
 *
 *   npx tsx bench/search.ts [--incidents N] [--items M] [--runs R]
 *   DATABASE_URL=postgres://… npx tsx bench/search.ts      (an EMPTY scratch database)
 *
 * Each search runs once, then --runs times (3 by default); the table gives the time of the first
 * run (its total counted) and the median of the others (the total counted again only if the
 * list does not keep counts, issue #17) of a first page of 50, and what it found. Results are
 * printed as Markdown.
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import type { Viewer } from '../src/access/policy';
import { incidentFilterSchema, listIncidents } from '../src/incidents/incidents.queries';
import { openStore } from '../src/register/store';
import { suggestSamples } from '../src/samples/samples.queries';
import { int, machine, requireEmptyStore, secs, timed } from './harness';
import { generateTheatre } from './theatre';

const { values: args } = parseArgs({
  options: {
    incidents: { type: 'string', default: '100000' },
    items: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '3' },
    /** Search the theatre an earlier run left in the database instead of generating one. */
    reuse: { type: 'boolean', default: false },
  },
});
const size = { incidents: Number(args.incidents), items: Number(args.items) };
const runs = Number(args.runs);

const store = await openStore(
  process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : { dataDir: 'memory://' },
);
try {
  const PARTNER = 'Bench panel';
  const loaded = await timed(async () => {
    if (args.reuse) return;
    await requireEmptyStore(store);
    await generateTheatre(store.db, size);
    // Places and summaries as field teams write them, so that words have something to find.
    await sql`update incidents set place = admin1 || ' ' || (id % 50), summary = 'Convoy hit near ' || admin1`.execute(
      store.db,
    );
    await sql`insert into releases (incident_id, partner) select id, ${PARTNER} from incidents where id % 10 = 1`.execute(
      store.db,
    );
  });
  await sql`analyze`.execute(store.db);
  console.log(
    `Synthetic theatre: ${int(size.incidents)} incidents, ${int(size.items)} items on ${store.kind}, generated in ${secs(loaded.ms)} s; ${machine().summary}\n`,
  );
  const viewers: [string, Viewer][] = [
    ['analyst', { userId: null, username: 'bench', role: 'analyst', partner: null }],
    ['partner', { userId: null, username: 'bench-partner', role: 'partner', partner: PARTNER }],
  ];
  const searches = [
    '7.62x39',
    '7,62 x 54',
    'Klimovsk',
    '711 1984',
    'Menaka',
    'munitions Chine',
    'Menaka 7.62x39 Lugansk',
    'AKM',
    'SN 0012',
    'sn-00123456',
    'zz',
    "'; drop table items; --",
  ];
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const measure = async <T>(run: () => Promise<T>): Promise<{ value: T; first: number; ms: number }> => {
    const first = await timed(run);
    let value = first.value;
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await timed(run);
      times.push(r.ms);
      value = r.value;
    }
    return { value, first: first.ms, ms: median(times) };
  };

  console.log(
    '| search | viewer | incidents found | first page, first time (ms) | first page again (ms) | samples suggested | suggestions (ms) |',
  );
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
  for (const q of searches) {
    for (const [name, viewer] of viewers) {
      const list = await measure(() =>
        listIncidents(store.db, viewer, incidentFilterSchema.parse({ q, pageSize: 50 })),
      );
      const suggest = await measure(() => suggestSamples(store.db, viewer, q));
      console.log(
        `| \`${q}\` | ${name} | ${int(list.value.total)} | ${Math.round(list.first)} | ${Math.round(list.ms)} | ${suggest.value.length} | ${Math.round(suggest.ms)} |`,
      );
    }
  }
} finally {
  await store.close();
}

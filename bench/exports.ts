/**
 * Export benchmark: how long exporting a whole theatre takes in each format (GeoJSON, KML, CSV,
 * XLSX), read, written and audited as GET /api/v1/incident-export does it, for an analyst (every
 * incident) and for a partner (the incidents released to it).
 *
 *   npx tsx bench/exports.ts                           the demo theatre (400 incidents, ~3,000 items)
 *   npx tsx bench/exports.ts --incidents N --items M   a synthetic theatre (bench/theatre.ts)
 *   DATABASE_URL=postgres://… npx tsx bench/exports.ts (an EMPTY scratch database)
 *
 * Each format is exported --runs times (3 by default) after one warm-up; the table gives the
 * median time, the median CPU time of this process (on PGlite it includes the database's work,
 * which runs in this process; on a server it does not) and the size of the file. Results are
 * printed as Markdown.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import type { Viewer } from '../src/access/policy';
import { openStore } from '../src/register/store';
import { demoFiles } from '../src/demo/load';
import { exportIncidents } from '../src/exports/exports.queries';
import { exportFormats } from '../src/exports/formats';
import { importFiles } from '../src/transfer/import';
import { generateTheatre } from './theatre';
import { machine } from './harness';

const { values: args } = parseArgs({
  options: {
    incidents: { type: 'string' },
    items: { type: 'string' },
    runs: { type: 'string', default: '3' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  console.log(
    'usage: npx tsx bench/exports.ts [--incidents N --items M] [--runs R]   (DATABASE_URL for a server)',
  );
  process.exit(0);
}
const runs = Number(args.runs);
const synthetic = args.incidents !== undefined || args.items !== undefined;
const size = { incidents: Number(args.incidents ?? 100_000), items: Number(args.items ?? 1_000_000) };

const store = await openStore(
  process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : { dataDir: 'memory://' },
);
try {
  const started = performance.now();
  if (synthetic) {
    await generateTheatre(store.db, size);
    // The synthetic theatre has no coordinates: nine incidents in ten get some, spread over the
    // Sahel, so the map formats have points to write and the tenth to leave out.
    await sql`update incidents set lat = 11 + (id % 997) / 100.0, lon = -6 + (id % 1499) / 100.0 where id % 10 <> 0`.execute(
      store.db,
    );
  } else {
    const report = await importFiles(store.db, demoFiles(), { user: 'bench' });
    if (!report.ok) throw new Error('the demo theatre did not load');
  }
  const counts = await store.db
    .selectFrom('incidents')
    .select((eb) => [eb.fn.countAll<number>().as('incidents')])
    .executeTakeFirstOrThrow();
  // A partner to whom one incident in ten is released (in a synthetic theatre, nine of them located).
  const PARTNER = 'Bench panel';
  await store.db
    .insertInto('releases')
    .columns(['incident_id', 'partner'])
    .expression((eb) =>
      eb
        .selectFrom('incidents')
        .select((e) => ['id', e.val(PARTNER).as('partner')])
        .where((e) => e(e.fn('mod', ['id', e.val(10)]), '=', 1)),
    )
    .execute();
  console.log(
    `${synthetic ? 'Synthetic' : 'Demo'} theatre: ${Number(counts.incidents).toLocaleString('en-US')} incidents on ${store.kind}, loaded in ${((performance.now() - started) / 1000).toFixed(1)} s; ${machine().summary}\n`,
  );
  const viewers: [string, Viewer][] = [
    ['analyst', { userId: null, username: 'bench-analyst', role: 'analyst', partner: null }],
    ['partner', { userId: null, username: 'bench-partner', role: 'partner', partner: PARTNER }],
  ];
  console.log('| Viewer | Format | Incidents in file | File size | Median time (ms) | Median CPU (ms) |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: |');
  for (const [who, viewer] of viewers) {
    for (const format of exportFormats) {
      const times: number[] = [];
      const cpu: number[] = [];
      let written = 0;
      let bytes = 0;
      for (let i = 0; i <= runs; i++) {
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        const file = await exportIncidents(
          store.db,
          viewer,
          { format, lang: 'en' },
          { actor: viewer.username, baseUrl: 'http://127.0.0.1:8080' },
        );
        // The file is made as it is read: read it whole.
        let size = 0;
        for await (const chunk of file.body) size += Buffer.byteLength(chunk as Buffer | string);
        // The first run warms the caches.
        if (i > 0) {
          times.push(performance.now() - t0);
          const used = process.cpuUsage(c0);
          cpu.push((used.user + used.system) / 1000);
        }
        written = file.written;
        bytes = size;
      }
      const median = (values: number[]) =>
        Math.round(values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!).toLocaleString('en-US');
      console.log(
        `| ${who} | ${format} | ${written.toLocaleString('en-US')} | ${(bytes / 2 ** 20).toFixed(1)} MiB | ${median(times)} | ${median(cpu)} |`,
      );
    }
  }
} finally {
  await store.close();
}

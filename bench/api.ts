/**
 * HTTP API under load: a synthetic theatre (bench/theatre.ts, by default 100,000 incidents and
 * 1,000,000 items) with its leads computed, the real server on a loopback port of this process,
 * and autocannon in a separate process (bench/api-load.ts) driving four scenarios, each for a
 * fixed time:
 *
 *   list    GET /api/v1/incidents?pageSize=50&page=N           a random page of the whole register
 *   next    GET /api/v1/incidents?pageSize=50&cursor=C         the same, by cursor (the page after
 *                                                              a random incident); new in #17
 *   filter  GET /api/v1/incidents?pageSize=50&type=…&from=…    a type since a year (half the time
 *           [&country=…]&page=1..3                             in one country), first pages
 *   leads   GET /api/v1/leads?limit=50[&sort=date|&kind=…|     the findings inbox: first pages, or
 *           &offset=N]&evidence=brief                          a page anywhere (evidence as the
 *                                                              inbox asks for it)
 *   read    GET /api/v1/incidents/:ref                         an incident, its items and its leads
 *   write   POST /api/v1/items                                 a new item at a random incident (its
 *                                                              findings follow through the queue)
 *
 *   npx tsx bench/api.ts [--incidents N] [--items M] [--seconds S] [--connections C]
 *   DATABASE_URL=postgres://… npx tsx bench/api.ts            (an EMPTY scratch database)
 *   DATABASE_URL=postgres://…/copy npx tsx bench/api.ts --reuse
 *       (a copy of a database an earlier run filled, e.g. `createdb -T filled copy`: no generation)
 *
 * Before the load, each scenario is also run one request at a time (--profile requests, 20 by
 * default) with every SQL statement timed, to show where an unloaded request spends its time.
 *
 * How soon findings follow a write: from a write's 201 until the queue no longer holds what it
 * changed (src/leads/queue.ts: the drain that claims a change deletes it in the transaction that
 * writes the findings, so its findings are then visible). Measured for each write of the profile
 * (alone), and during the write load for writes sent one after another beside the load.
 * Results are printed as Markdown, for docs/benchmarks.md.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openStore } from '../src/register/store';
import { drainLeads } from '../src/leads/queue';
import { buildServer } from '../src/server/app';
import { createUser } from '../src/users/users.service';
import type { LoadConfig, LoadResult, Scenario } from './api-load';
import { int, leadsPath, machine, mib, QueryTimer, requireEmptyStore, secs, timed } from './harness';
import { COUNTRIES, generateTheatre, INCIDENT_TYPES, incidentRef } from './theatre';

// --- Options ------------------------------------------------------------------------------------

const { values: args } = parseArgs({
  options: {
    incidents: { type: 'string', default: '100000' },
    items: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '20' },
    connections: { type: 'string', default: '10' },
    profile: { type: 'string', default: '20' },
    scenarios: { type: 'string', default: 'list,next,filter,leads,read,write' },
    reuse: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
const USAGE =
  'usage: npx tsx bench/api.ts [--incidents N] [--items M] [--seconds S] [--connections C]\n' +
  '                            [--profile REQUESTS] [--scenarios list,next,filter,leads,read,write]\n' +
  '                            [--reuse]  (a store an earlier run filled, e.g. a copy of its database)\n' +
  '       DATABASE_URL=postgres://… for a PostgreSQL server (an empty database), else PGlite in memory';
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const N = Number(args.incidents);
const M = Number(args.items);
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);
const PROFILE = Number(args.profile);
const ALL_SCENARIOS: Scenario[] = ['list', 'next', 'filter', 'leads', 'read', 'write'];
const SCENARIOS = args.scenarios.split(',').map((s) => s.trim()) as Scenario[];
if (
  !Number.isInteger(N) ||
  N < 100 ||
  !Number.isInteger(M) ||
  M < 1000 ||
  !(SECONDS > 0 && SECONDS <= 600) ||
  !Number.isInteger(CONNECTIONS) ||
  CONNECTIONS < 1 ||
  CONNECTIONS > 1000 ||
  !Number.isInteger(PROFILE) ||
  PROFILE < 0 ||
  SCENARIOS.some((s) => !ALL_SCENARIOS.includes(s))
) {
  console.error(USAGE);
  console.error(
    '--incidents >= 100, --items >= 1000, 0 < --seconds <= 600, 1 <= --connections <= 1000, --profile >= 0',
  );
  process.exit(2);
}

/** Findings not current this long after a write count as never (Infinity in the results). */
const FRESHNESS_TIMEOUT_MS = 120_000;
/** A request still unanswered after this long is a timeout (an error) in the results. */
const TIMEOUT_SECONDS = Math.max(30, 2 * SECONDS);
const FIRST_YEAR = 2010;
const LAST_YEAR = 2024;
const SEED = 20261128;

const TITLES: Record<Scenario, string> = {
  list: 'List incidents, a random page of all',
  next: 'List incidents, a random page by cursor',
  filter: 'List incidents, filtered (type, from, country)',
  leads: 'List findings, first pages or a random one',
  read: 'Read an incident with its items and leads',
  write: 'Write an item (findings follow)',
};

// --- Measuring ----------------------------------------------------------------------------------

const ms = (n: number) => (n === Infinity ? 'never' : n < 10 ? n.toFixed(1) : int(n));
const sleep = (delay: number) => new Promise((resolve) => setTimeout(resolve, delay));
/** The value below which a share `q` of the sorted values fall (nearest rank). */
const quantile = (sorted: number[], q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

// --- The load generator, in its own process ------------------------------------------------------

const LOADER = fileURLToPath(new URL('./api-load.ts', import.meta.url));

function runLoader(configPath: string): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', LOADER, configPath], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`the load generator exited with ${code}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').pop()!) as LoadResult);
      } catch (error) {
        reject(new Error(`the load generator printed no result: ${String(error)}\n${out}`));
      }
    });
  });
}

// --- Main ---------------------------------------------------------------------------------------

async function main() {
  const databaseUrl = process.env.DATABASE_URL;
  // As `headstamp serve` opens it.
  const store = await openStore(databaseUrl ? { databaseUrl } : { dataDir: 'memory://', longLived: true });
  const db = store.db;
  const workDir = await mkdtemp(join(os.tmpdir(), 'headstamp-bench-api-'));
  let app: Awaited<ReturnType<typeof buildServer>> | undefined;
  try {
    if (!args.reuse) await requireEmptyStore(store);
    const { rows: versionRows } = await sql<{ version: string }>`SELECT version()`.execute(db);
    const server = versionRows[0]!.version.split(' ').slice(0, 2).join(' ');
    const host = machine();
    const started = new Date();
    console.log(
      `# Headstamp HTTP API under load — ${started.toISOString()}\n` +
        `store: ${store.kind} (${server}) at ${store.location}\n` +
        `node ${host.node}, ${host.cpu}, ${host.cores} cores, ${host.ram} RAM, load average ${loadAverage()}\n` +
        `code: ${host.code}\n` +
        `requested: ${int(N)} incidents, ${int(M)} items; ${SECONDS} s per scenario, ` +
        `${CONNECTIONS} connections, timeout ${TIMEOUT_SECONDS} s\n`,
    );

    // 1. The theatre and its leads (reused: what an earlier run left still queued is drained).
    const generation = args.reuse
      ? { ms: 0 }
      : await timed(() => generateTheatre(db, { incidents: N, items: M }));
    if (!args.reuse) console.log(`generated in ${secs(generation.ms)} s`);
    // As the server's worker does at start: one drain of the whole queue.
    const leads = await timed(() => drainLeads(db, { full: !args.reuse, wait: true }));
    console.log(`leads computed in ${secs(leads.ms)} s: ${JSON.stringify(leads.value)}`);
    const counts = async () => {
      const { rows } = await sql<{ incidents: number; items: number; leads: number }>`
        SELECT (SELECT count(*) FROM incidents)::int AS incidents, (SELECT count(*) FROM items)::int AS items,
               (SELECT count(*) FROM leads)::int AS leads`.execute(db);
      return rows[0]!;
    };
    const before = await counts();
    if (args.reuse && before.incidents !== N)
      throw new Error(`--reuse: the store holds ${before.incidents} incidents, not the ${N} asked for`);
    console.log(
      `store: ${int(before.incidents)} incidents, ${int(before.items)} items, ${int(before.leads)} leads\n`,
    );

    // 2. An analyst, and the server on a loopback port.
    const username = 'bench-analyst';
    const password = 'a long benchmark password';
    const known = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirst();
    if (!known)
      await createUser(
        db,
        { username, displayName: 'Benchmark analyst', role: 'analyst', partner: null, password },
        'bench',
      );
    // Statements by their text (first 110 characters); on only while requests run one at a time.
    const timer = new QueryTimer((node, queryId) =>
      store.db
        .getExecutor()
        .compileQuery(node, queryId)
        .sql.replace(/\s+/g, ' ')
        .replace(/"/g, '')
        .trim()
        .slice(0, 110),
    );
    timer.enabled = false;
    app = await buildServer({
      store: { ...store, db: db.withPlugin(timer) },
      secret: 'benchmark secret that is long enough to sign cookies',
      evidenceDir: join(workDir, 'evidence'),
      logger: false,
      // As `headstamp serve` runs on PostgreSQL.
      findingsThread: databaseUrl ? { databaseUrl } : undefined,
    });
    // Requests the server is still working on. A request whose client has gone (as at the end of
    // a timed run) is still worked on to its end, and the next scenario waits for it: counted from
    // onRequest to onSend, which runs when the handler has answered, connection or not.
    let inFlight = 0;
    const answered = new WeakSet<object>();
    app.addHook('onRequest', async () => {
      inFlight += 1;
    });
    app.addHook('onSend', async (request) => {
      if (!answered.has(request)) inFlight -= 1;
      answered.add(request);
    });
    // A request whose client leaves before its handler runs (waiting for the store in an onRequest
    // hook) is dropped by Fastify: it reaches no onSend, and no work of it is left.
    const handled = new WeakSet<object>();
    app.addHook('preHandler', async (request) => {
      handled.add(request);
    });
    app.addHook('onRequestAbort', async (request) => {
      if (handled.has(request) || answered.has(request)) return;
      inFlight -= 1;
      answered.add(request);
    });
    const serverErrors = new Map<string, number>();
    app.addHook('onError', async (_request, _reply, error) => {
      // Refusals (4xx) are counted by the load generator; these are the failures (5xx).
      const status = (error as { statusCode?: number }).statusCode;
      if (status !== undefined && status < 500) return;
      const key = (error instanceof Error ? error.message : String(error)).slice(0, 200);
      serverErrors.set(key, (serverErrors.get(key) ?? 0) + 1);
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const login = await fetch(`${origin}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const cookie = login.headers.get('set-cookie')?.split(';')[0];
    if (login.status !== 200 || !cookie)
      throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);

    // Incidents to read and write at: 2,000 drawn uniformly (a seeded draw, the same every run).
    let seed = SEED;
    const draw = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 4294967296;
    };
    const refs = Array.from({ length: Math.min(2000, N) }, () => incidentRef(1 + Math.floor(draw() * N)));
    // The cursor of the list newest first after each of those incidents (as `nextCursor` writes
    // it: base64url of the order, date and reference), so that a page anywhere is asked by cursor.
    const dates = new Map(
      (
        await db
          .selectFrom('incidents')
          .select(['ref', sql<string>`date::text`.as('date')])
          .where('ref', 'in', refs)
          .execute()
      ).map((r) => [r.ref, r.date]),
    );
    const cursors = refs.map((ref) =>
      Buffer.from(JSON.stringify(['-date', dates.get(ref), ref])).toString('base64url'),
    );
    const kinds = (await db.selectFrom('leads').select('kind').distinct().execute()).map((k) => k.kind);
    const configFor = (scenario: Scenario, index: number, seconds: number, connections: number) =>
      ({
        origin,
        scenario,
        seconds,
        connections,
        timeoutSeconds: TIMEOUT_SECONDS,
        cookie,
        refs,
        pages: Math.ceil(N / 50),
        cursors,
        leadPages: Math.max(1, Math.ceil(before.leads / 50)),
        kinds,
        types: INCIDENT_TYPES.map(([type]) => type),
        countries: COUNTRIES,
        firstYear: FIRST_YEAR,
        lastYear: LAST_YEAR,
        writePrefix: `APIW-${index}-${Date.now().toString(36)}-`,
        seed: SEED + index,
      }) satisfies LoadConfig;

    /**
     * Milliseconds from a write's answer (`answeredAt`) until the queue holds nothing it changed:
     * no change at its incident queued up to the moment of its answer (a change queued by another
     * write there before then is waited for too, which can only lengthen the time).
     */
    const findingsCurrent = async (itemRef: string, answeredAt: number, pollMs = 25): Promise<number> => {
      const { rows } = await sql<{ incident: number; last: number | null }>`
        SELECT incident_id AS incident, (SELECT max(id) FROM leads_pending) AS last
          FROM items WHERE ref = ${itemRef}`.execute(db);
      const { incident, last } = rows[0]!;
      for (;;) {
        const { rows: waiting } = await sql<{ queued: boolean }>`
          SELECT EXISTS (SELECT FROM leads_pending WHERE incident_id = ${incident} AND id <= ${last ?? 0})
            AS queued`.execute(db);
        if (!waiting[0]!.queued) return performance.now() - answeredAt;
        if (performance.now() - answeredAt > FRESHNESS_TIMEOUT_MS) return Infinity;
        await sleep(pollMs);
      }
    };
    /**
     * Sends the write; resolves once answered, to how soon its findings are then current (in a
     * promise of its own, so that the next write need not wait for it), or undefined if refused.
     */
    const writeThenWait = async (request: { method: string; path: string; body?: string }) => {
      const response = await fetch(`${origin}${request.path}`, {
        method: request.method,
        headers: { cookie, 'content-type': 'application/json' },
        body: request.body,
      });
      const answeredAt = performance.now();
      await response.arrayBuffer();
      if (response.status !== 201) return undefined;
      return {
        current: findingsCurrent((JSON.parse(request.body!) as { ref: string }).ref, answeredAt, 100),
      };
    };
    const freshness: { label: string; times: number[] }[] = [];

    const idle = async () => {
      const until = performance.now() + 10 * 60_000;
      while (inFlight > 0 && performance.now() < until) await new Promise((r) => setTimeout(r, 50));
      return inFlight;
    };

    // 3. The profile: each scenario one request at a time, every statement timed.
    const profiles = new Map<Scenario, { latencies: number[]; statuses: Map<number, number> }>();
    if (PROFILE > 0) {
      console.log(`## Profile: ${PROFILE} requests per scenario, one at a time\n`);
      for (const [index, scenario] of SCENARIOS.entries()) {
        const config = configFor(scenario, 100 + index, 1, 1);
        const requests = profileRequests(config, PROFILE);
        timer.byLabel.clear();
        timer.enabled = true;
        const latencies: number[] = [];
        const statuses = new Map<number, number>();
        const fresh: number[] = [];
        for (const request of requests) {
          const start = performance.now();
          const response = await fetch(`${origin}${request.path}`, {
            method: request.method,
            headers: { cookie, ...(request.body ? { 'content-type': 'application/json' } : {}) },
            body: request.body,
          });
          const answeredAt = performance.now();
          await response.arrayBuffer();
          latencies.push(performance.now() - start);
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          if (scenario === 'write' && response.status === 201) {
            // The next write starts once this one's findings are current: the worker's statements
            // are not timed, nor does its refresh run beside the next write.
            timer.enabled = false;
            fresh.push(await findingsCurrent((JSON.parse(request.body!) as { ref: string }).ref, answeredAt));
            timer.enabled = true;
          }
        }
        timer.enabled = false;
        if (fresh.length > 0) freshness.push({ label: 'Alone (the writes of the profile)', times: fresh });
        profiles.set(scenario, { latencies, statuses });
        const sorted = [...latencies].sort((a, b) => a - b);
        const total = latencies.reduce((a, b) => a + b, 0);
        const statements = [...timer.byLabel.values()].reduce((a, e) => a + e.ms, 0);
        console.log(
          `### ${TITLES[scenario]}\n\n` +
            `${requests.length} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}: ` +
            `median ${ms(sorted[Math.floor(sorted.length / 2)]!)} ms, max ${ms(sorted.at(-1)!)} ms, ` +
            `mean ${ms(total / requests.length)} ms, of which SQL ${ms(statements / requests.length)} ms\n\n` +
            '| Statement (first 110 characters) | ms per request | Calls per request | ms per call |\n' +
            '|---|---:|---:|---:|',
        );
        const top = [...timer.byLabel.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 6);
        for (const [label, e] of top) {
          console.log(
            `| \`${label.replace(/\|/g, '\\|')}\` | ${ms(e.ms / requests.length)} | ` +
              `${(e.count / requests.length).toFixed(1)} | ${ms(e.ms / e.count)} |`,
          );
        }
        console.log('');
      }
    }

    // 4. The load: each scenario for SECONDS, from a separate process.
    const results: { result: LoadResult; cpu: number; load: string; waited: number; stuck: number }[] = [];
    for (const [index, scenario] of SCENARIOS.entries()) {
      const config = configFor(scenario, index, SECONDS, CONNECTIONS);
      const configPath = join(workDir, `${scenario}.json`);
      await writeFile(configPath, JSON.stringify(config));
      process.stderr.write(`load: ${scenario} for ${SECONDS} s with ${CONNECTIONS} connections…\n`);
      const cpu = process.cpuUsage();
      // Beside the write load: a write every half second, each followed until its findings are
      // current (polled every 100 ms) while the next ones go.
      let loading = true;
      const probing =
        scenario === 'write'
          ? (async () => {
              const probes = profileRequests(configFor('write', 200 + index, 1, 1), 10_000);
              const waits: Promise<number>[] = [];
              await sleep(2000); // the load generator's start
              for (const request of probes) {
                if (!loading) break;
                const sent = await writeThenWait(request);
                if (sent) waits.push(sent.current);
                await sleep(500);
              }
              return Promise.all(waits);
            })()
          : undefined;
      const result = await runLoader(configPath).finally(() => (loading = false));
      if (probing)
        freshness.push({
          label: `During the write load (${CONNECTIONS} connections), a write every 0.5 s beside it`,
          times: await probing,
        });
      const waitStart = performance.now();
      const stuck = await idle();
      const used = process.cpuUsage(cpu);
      results.push({
        result,
        cpu: (used.user + used.system) / 1000,
        load: loadAverage(),
        waited: performance.now() - waitStart,
        stuck,
      });
      process.stderr.write(`  ${JSON.stringify(result)}\n`);
    }
    const after = await counts();
    const { rows: written } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM items WHERE ref LIKE 'APIW-%' AND created_at >= ${started}`.execute(db);

    // 5. The results.
    console.log(
      `## Under load: ${SECONDS} s per scenario, ${CONNECTIONS} connections (autocannon in a separate process)\n\n` +
        '| Scenario | Requests/s | p50 | p99 | Max | Responses | Non-2xx | Errors (timeouts) | Alone: median |\n' +
        '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const { result: r } of results) {
      const alone = profiles.get(r.scenario)?.latencies.toSorted((a, b) => a - b);
      console.log(
        `| ${TITLES[r.scenario]} | ${r.rps < 10 ? r.rps.toFixed(2) : int(r.rps)} | ${ms(r.latency.p50)} ms | ` +
          `${ms(r.latency.p99)} ms | ${ms(r.latency.max)} ms | ${int(r.responses)} | ${int(r.non2xx)} | ` +
          `${int(r.errors)} (${int(r.timeouts)}) | ${alone?.length ? `${ms(alone[Math.floor(alone.length / 2)]!)} ms` : '–'} |`,
      );
    }
    console.log(
      '\n| Scenario | Status codes | Mean response | Server CPU (this process) | Drained after | Load average after |',
    );
    console.log('|---|---|---:|---:|---:|---|');
    for (const { result: r, cpu, load, waited, stuck } of results) {
      console.log(
        `| ${r.scenario} | ${JSON.stringify(r.statusCodes)} | ${int(r.bytes)} B | ${secs(cpu)} s in ${secs(r.seconds * 1000)} s | ` +
          `${secs(waited)} s${stuck ? ` (${stuck} still running)` : ''} | ${load} |`,
      );
    }
    for (const { result: r } of results) {
      for (const failure of r.failures) console.log(`\n${r.scenario}: non-2xx response: ${failure}`);
    }
    for (const [message, count] of serverErrors) console.log(`\nserver error ×${count}: ${message}`);
    if (freshness.length > 0) {
      console.log(
        '\n## Findings current after a write (from its 201 until the queue no longer holds its change)\n\n' +
          '| Writes | Count | p50 | p95 | Max |\n|---|---:|---:|---:|---:|',
      );
      for (const { label, times } of freshness) {
        const sorted = times.toSorted((a, b) => a - b);
        console.log(
          sorted.length === 0
            ? `| ${label} | 0 | – | – | – |`
            : `| ${label} | ${sorted.length} | ${ms(quantile(sorted, 0.5))} ms | ${ms(quantile(sorted, 0.95))} ms | ${ms(sorted.at(-1)!)} ms |`,
        );
      }
    }
    const peak = process.resourceUsage().maxRSS * 1024;
    console.log(
      '\n| Measure | Result |\n|---|---|\n' +
        `| Store | ${store.kind} (${server}) |\n` +
        `| Machine | ${host.cpu}, ${host.cores} cores, ${host.ram} RAM; Node ${host.node} |\n` +
        `| Date | ${started.toISOString()} |\n` +
        `| Code | ${host.code} |\n` +
        `| Before the load | ${int(before.incidents)} incidents, ${int(before.items)} items, ${int(before.leads)} leads |\n` +
        `| After the load | ${int(after.incidents)} incidents, ${int(after.items)} items, ${int(after.leads)} leads; ` +
        `${int(written[0]!.n)} items written through the API |\n` +
        `| Generation / full leads computation | ${secs(generation.ms)} s / ${secs(leads.ms)} s |\n` +
        `| Peak RSS of the server process | ${int(mib(peak))} MiB |\n` +
        `| Load average at the end (1, 5, 15 min) | ${loadAverage()} |`,
    );
  } finally {
    await app?.close();
    await store.close();
    await rm(workDir, { recursive: true, force: true });
  }
}

/** The requests of the profile: the load generator's choices, without its randomness. */
function profileRequests(config: LoadConfig, count: number) {
  const requests: { method: string; path: string; body?: string }[] = [];
  for (let i = 0; i < count; i++) {
    const ref = config.refs[(i * 97) % config.refs.length]!;
    switch (config.scenario) {
      case 'list':
        requests.push({
          method: 'GET',
          path: `/api/v1/incidents?pageSize=50&page=${1 + ((i * 131) % config.pages)}`,
        });
        break;
      case 'next':
        requests.push({
          method: 'GET',
          path: `/api/v1/incidents?pageSize=50&cursor=${encodeURIComponent(config.cursors[(i * 97) % config.cursors.length]!)}`,
        });
        break;
      case 'leads':
        requests.push({ method: 'GET', path: leadsPath(config, (((i * 0.618034) % 1) + 1) % 1) });
        break;
      case 'filter': {
        const params = new URLSearchParams({
          pageSize: '50',
          type: config.types[i % config.types.length]!,
          from: `${config.firstYear + (i % (config.lastYear - config.firstYear + 1))}-01-01`,
        });
        if (i % 2 === 0) params.set('country', config.countries[i % config.countries.length]!);
        params.set('page', String(1 + (i % 3)));
        requests.push({ method: 'GET', path: `/api/v1/incidents?${params}` });
        break;
      }
      case 'read':
        requests.push({ method: 'GET', path: `/api/v1/incidents/${encodeURIComponent(ref)}` });
        break;
      case 'write':
        requests.push({
          method: 'POST',
          path: '/api/v1/items',
          body: JSON.stringify({
            ref: `${config.writePrefix}${i + 1}`,
            incident_ref: ref,
            category: 'ammunition',
            calibre: ['7.62x39', '12.7x108', '9x19', '5.56x45'][i % 4],
            manufacturer: ['711', '31', '10', '22'][i % 4],
            country_of_manufacture: ['SU', 'CN', 'BG', 'RO'][i % 4],
            year: String(1960 + ((i * 7) % 50)),
            quantity: String(1 + (i % 40)),
          }),
        });
        break;
    }
  }
  return requests;
}

await main();

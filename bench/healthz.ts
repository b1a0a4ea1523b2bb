/**
 * Does the server keep answering during heavy work? `/healthz` is polled every 50 ms from a
 * separate process (the server's own timers would be delayed with it) while the server:
 *
 *   import   takes `POST /api/v1/import` of the demo theatre grown to --rows rows (incidents.csv
 *            and items.csv, with actors, baselines and embargoes; 100,000 by default, the most
 *            one import may hold)
 *   export   exports the whole theatre just imported, `GET /api/v1/incident-export` in each format
 *
 *   npx tsx bench/healthz.ts [--rows 100000] [--scenarios import,export] [--dry-run]
 *   DATABASE_URL=postgres://… npx tsx bench/healthz.ts        (an EMPTY scratch database)
 *
 * Prints Markdown: for each run, how long the work took and the /healthz answers during it
 * (median, p99, worst, how many took over 200 ms).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { generateDemo } from '../src/demo/generate';
import { canonicalFile, entityKinds } from '../src/records/entity';
import { openStore } from '../src/register/store';
import { buildServer } from '../src/server/app';
import { toCsv } from '../src/transfer/export';
import { createUser } from '../src/users/users.service';
import { int, machine, requireEmptyStore, secs } from './harness';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    scenarios: { type: 'string', default: 'import,export' },
    'dry-run': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
const USAGE =
  'usage: npx tsx bench/healthz.ts [--rows N] [--scenarios import,export] [--dry-run]\n' +
  '       DATABASE_URL=postgres://… for a PostgreSQL server (an empty database), else PGlite in memory';
const ROWS = Number(args.rows);
const SCENARIOS = args.scenarios.split(',').map((s) => s.trim());
if (
  args.help ||
  !Number.isInteger(ROWS) ||
  ROWS < 1000 ||
  SCENARIOS.some((s) => s !== 'import' && s !== 'export')
) {
  console.log(USAGE);
  process.exit(args.help ? 0 : 2);
}
const PROBE_EVERY_MS = 50;
const SLOW_MS = 200;
/** Items per incident in the demo theatre, near enough to size it. */
const ITEMS_PER_INCIDENT = 7.05;

/** The poller, plain JavaScript in its own process: one request at a time, until stdin closes. */
const PROBE = `
const url = process.env.PROBE_URL;
const every = Number(process.env.PROBE_EVERY);
const latencies = [];
let stopping = false;
process.stdin.on('end', () => { stopping = true; });
process.stdin.resume();
while (!stopping) {
  const start = performance.now();
  try {
    const response = await fetch(url);
    await response.arrayBuffer();
    latencies.push(response.ok ? performance.now() - start : -1);
  } catch {
    latencies.push(-1);
  }
  const left = every - (performance.now() - start);
  if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
}
process.stdout.write(JSON.stringify(latencies));
`;

function probeHealth(origin: string) {
  const child = spawn(process.execPath, ['--input-type=module', '-e', PROBE], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, PROBE_URL: `${origin}/healthz`, PROBE_EVERY: String(PROBE_EVERY_MS) },
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const closed = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', () => resolve());
  });
  return {
    async stop(): Promise<number[]> {
      child.stdin.end();
      await closed;
      return JSON.parse(out) as number[];
    },
  };
}

function summary(latencies: number[]) {
  const answered = latencies.filter((l) => l >= 0).sort((a, b) => a - b);
  const at = (q: number) => answered[Math.min(answered.length - 1, Math.floor(q * answered.length))] ?? 0;
  return {
    polls: latencies.length,
    failed: latencies.length - answered.length,
    p50: at(0.5),
    p99: at(0.99),
    max: answered.at(-1) ?? 0,
    slow: answered.filter((l) => l > SLOW_MS).length,
  };
}

/** The demo theatre grown to `rows` rows in all, as the canonical CSV files. */
function theatreFiles(rows: number) {
  const tables = generateDemo({ incidents: Math.round(rows / (1 + ITEMS_PER_INCIDENT)) });
  const others = entityKinds.filter((k) => k !== 'items').reduce((n, k) => n + tables[k].length, 0);
  tables.items = tables.items.slice(0, Math.max(0, rows - others));
  const counts = Object.fromEntries(entityKinds.map((k) => [k, tables[k].length]));
  const files = entityKinds.map((kind) => ({
    name: canonicalFile[kind],
    content: Buffer.from(toCsv(kind, tables[kind]), 'utf8').toString('base64'),
  }));
  return { files, counts, total: entityKinds.reduce((n, k) => n + tables[k].length, 0) };
}

async function main() {
  const databaseUrl = process.env.DATABASE_URL;
  const store = await openStore(databaseUrl ? { databaseUrl } : { dataDir: 'memory://' });
  const workDir = await mkdtemp(join(os.tmpdir(), 'headstamp-bench-healthz-'));
  let app: Awaited<ReturnType<typeof buildServer>> | undefined;
  try {
    await requireEmptyStore(store);
    const host = machine();
    console.log(
      `# /healthz under heavy work — ${new Date().toISOString()}\n` +
        `store: ${store.kind} at ${store.location}; ${host.summary}\ncode: ${host.code}\n`,
    );
    const username = 'bench-analyst';
    const password = 'a long benchmark password';
    await createUser(
      store.db,
      { username, displayName: 'Benchmark analyst', role: 'analyst', partner: null, password },
      'bench',
    );
    app = await buildServer({
      store,
      secret: 'benchmark secret that is long enough to sign cookies',
      evidenceDir: join(workDir, 'evidence'),
      logger: false,
      bodyLimit: 256 * 1024 * 1024,
      importLimits: { maxRows: ROWS, maxExpandedBytes: 100 * 1024 * 1024 },
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
    if (login.status !== 200 || !cookie) throw new Error(`sign-in failed: ${login.status}`);

    const idle = probeHealth(origin);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const rows: string[] = [];
    const record = (what: string, ms: number, detail: string, latencies: number[]) => {
      const s = summary(latencies);
      rows.push(
        `| ${what} | ${secs(ms)} s | ${detail} | ${int(s.polls)} | ${s.p50.toFixed(1)} ms | ${int(s.p99)} ms | ` +
          `**${int(s.max)} ms** | ${int(s.slow)}${s.failed ? ` (${s.failed} failed)` : ''} |`,
      );
      process.stderr.write(`${rows.at(-1)}\n`);
    };
    record('idle, 2 s', 2000, '', await idle.stop());

    if (SCENARIOS.includes('import')) {
      const { files, counts, total } = theatreFiles(ROWS);
      const body = JSON.stringify({ dryRun: args['dry-run'], files });
      const probe = probeHealth(origin);
      const start = performance.now();
      const response = await fetch(`${origin}/api/v1/import`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body,
      });
      const report = (await response.json()) as { ok?: boolean; errors?: unknown[] };
      const ms = performance.now() - start;
      const latencies = await probe.stop();
      if (response.status !== 200 || !report.ok)
        throw new Error(`import failed: ${response.status} ${JSON.stringify(report).slice(0, 500)}`);
      record(
        `import${args['dry-run'] ? ' (dry run)' : ''}`,
        ms,
        `${int(total)} rows (${int(counts.incidents!)} incidents, ${int(counts.items!)} items), ${int(body.length / 2 ** 20)} MiB request`,
        latencies,
      );
      if (!args['dry-run']) {
        // The import returns once committed; its findings follow in the server's worker, on the
        // server's thread on the embedded store: /healthz is probed until they are current.
        const following = probeHealth(origin);
        const since = performance.now();
        for (;;) {
          const status = (await (
            await fetch(`${origin}/api/v1/leads/status`, { headers: { cookie } })
          ).json()) as { updating: boolean; pending: number };
          if (!status.updating && status.pending === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
        record(
          'findings after the import',
          performance.now() - since,
          'the queue drained',
          await following.stop(),
        );
      }
    }
    if (SCENARIOS.includes('export')) {
      for (const format of ['csv', 'xlsx', 'geojson', 'kml']) {
        const probe = probeHealth(origin);
        const start = performance.now();
        const response = await fetch(`${origin}/api/v1/incident-export?format=${format}`, {
          headers: { cookie },
        });
        const size = (await response.arrayBuffer()).byteLength;
        const ms = performance.now() - start;
        const latencies = await probe.stop();
        if (response.status !== 200) throw new Error(`export ${format} failed: ${response.status}`);
        record(`export ${format}, whole theatre`, ms, `${int(size / 2 ** 10)} KiB`, latencies);
      }
    }
    const peak = process.resourceUsage().maxRSS * 1024;
    console.log(
      `| Work | Took | What | /healthz polls | p50 | p99 | Worst | Over ${SLOW_MS} ms |\n|---|---:|---|---:|---:|---:|---:|---:|\n` +
        `${rows.join('\n')}\n\nPeak RSS of the server process: ${int(peak / 2 ** 20)} MiB.`,
    );
  } finally {
    await app?.close();
    await store.close();
    await rm(workDir, { recursive: true, force: true });
  }
}

await main();

/**
 * The load generator of bench/api.ts, run by it as a child process so that generating load does
 * not share the server's event loop:
 *
 *   node --import tsx bench/api-load.ts CONFIG.json     (prints one JSON result on stdout)
 *
 * CONFIG.json is a LoadConfig. One scenario per run, with autocannon, bounded by `seconds`; the
 * loopback server is the only target (the URL must be on 127.0.0.0/8 or [::1]).
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { mulberry32 } from '../src/demo/random';
import { leadsPath } from './harness';

export type Scenario = 'list' | 'next' | 'filter' | 'leads' | 'read' | 'write';

export interface LoadConfig {
  /** The server's origin, e.g. http://127.0.0.1:4321 */
  origin: string;
  scenario: Scenario;
  seconds: number;
  connections: number;
  /** Per request; a request still unanswered then counts as a timeout (an error). */
  timeoutSeconds: number;
  /** `headstamp_session=…`, sent with every request. */
  cookie: string;
  /** Incident references to read, and to write items at. */
  refs: string[];
  /** Pages of 50 in the unfiltered list. */
  pages: number;
  /** Cursors of the unfiltered list (newest first) after incidents drawn uniformly: a page anywhere. */
  cursors: string[];
  /** Pages of 50 in the findings list. */
  leadPages: number;
  kinds: string[];
  /** For the filters. */
  types: string[];
  countries: string[];
  firstYear: number;
  lastYear: number;
  /** New item references start with this (unique per run). */
  writePrefix: string;
  seed: number;
}

export interface LoadResult {
  scenario: Scenario;
  seconds: number;
  connections: number;
  /** Responses received (any status) and per status code. */
  responses: number;
  statusCodes: Record<string, number>;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Requests sent (some may still have been in flight when the run ended). */
  sent: number;
  /** Completed responses per second over the run, and autocannon's per-second mean. */
  rps: number;
  rpsMean: number;
  latency: { p50: number; p90: number; p99: number; mean: number; max: number };
  /** Mean size of a response, headers included. */
  bytes: number;
  /** Up to 3 distinct bodies of non-2xx responses, truncated. */
  failures: string[];
}

/**
 * Item bodies as an analyst documents them: common calibres, a few factories, years 1960–2009
 * (before the theatre's first incident, so that no item is refused as produced after its
 * incident).
 */
const AMMUNITION = ['7.62x39', '7.62x54R', '12.7x108', '5.56x45', '9x19', '7.62x51', '14.5x114', '5.45x39'];
const FACTORIES: [string, string][] = [
  ['711', 'SU'],
  ['270', 'SU'],
  ['31', 'CN'],
  ['61', 'CN'],
  ['10', 'BG'],
  ['21', 'BG'],
  ['22', 'RO'],
  ['321', 'CN'],
];

function requestFor(config: LoadConfig): autocannon.Request {
  const next = mulberry32(config.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const between = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
  let written = 0;
  switch (config.scenario) {
    case 'list':
      return {
        method: 'GET',
        setupRequest: (request) => ({
          ...request,
          path: `/api/v1/incidents?pageSize=50&page=${between(1, config.pages)}`,
        }),
      };
    case 'next':
      return {
        method: 'GET',
        setupRequest: (request) => ({
          ...request,
          path: `/api/v1/incidents?pageSize=50&cursor=${encodeURIComponent(pick(config.cursors))}`,
        }),
      };
    case 'leads':
      return {
        method: 'GET',
        setupRequest: (request) => ({ ...request, path: leadsPath(config, next()) }),
      };
    case 'filter':
      return {
        method: 'GET',
        setupRequest: (request) => {
          const params = new URLSearchParams({
            pageSize: '50',
            type: pick(config.types),
            from: `${between(config.firstYear, config.lastYear)}-01-01`,
          });
          if (next() < 0.5) params.set('country', pick(config.countries));
          params.set('page', String(between(1, 3)));
          return { ...request, path: `/api/v1/incidents?${params}` };
        },
      };
    case 'read':
      return {
        method: 'GET',
        setupRequest: (request) => ({
          ...request,
          path: `/api/v1/incidents/${encodeURIComponent(pick(config.refs))}`,
        }),
      };
    case 'write':
      return {
        method: 'POST',
        path: '/api/v1/items',
        headers: { cookie: config.cookie, 'content-type': 'application/json' },
        setupRequest: (request) => {
          const [manufacturer, country] = pick(FACTORIES);
          written += 1;
          const body = {
            ref: `${config.writePrefix}${written}`,
            incident_ref: pick(config.refs),
            category: 'ammunition',
            calibre: pick(AMMUNITION),
            manufacturer,
            country_of_manufacture: country,
            year: String(between(1960, 2009)),
            quantity: String(between(1, 40)),
          };
          return { ...request, body: JSON.stringify(body) };
        },
      };
  }
}

async function run(config: LoadConfig): Promise<LoadResult> {
  const host = new URL(config.origin).hostname;
  if (!/^127\.\d+\.\d+\.\d+$/.test(host) && host !== '[::1]' && host !== 'localhost') {
    throw new Error(`refusing to load ${config.origin}: only a loopback server is a target`);
  }
  const failures = new Set<string>();
  const request = requestFor(config);
  request.onResponse = (status, body) => {
    if ((status < 200 || status >= 300) && failures.size < 3) failures.add(`${status} ${body.slice(0, 300)}`);
  };
  const result = await autocannon({
    url: config.origin,
    connections: config.connections,
    duration: config.seconds,
    timeout: config.timeoutSeconds,
    headers: { cookie: config.cookie },
    requests: [request],
  });
  const statusCodes: Record<string, number> = {};
  let responses = 0;
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) {
    statusCodes[code] = stat.count ?? 0;
    responses += stat.count ?? 0;
  }
  return {
    scenario: config.scenario,
    seconds: result.duration,
    connections: config.connections,
    responses,
    statusCodes,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    sent: result.requests.sent,
    rps: responses / result.duration,
    rpsMean: result.requests.average,
    latency: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      mean: result.latency.mean,
      max: result.latency.max,
    },
    bytes: responses ? result.throughput.total / responses : 0,
    failures: [...failures],
  };
}

const path = process.argv[2];
if (!path) {
  console.error('usage: node --import tsx bench/api-load.ts CONFIG.json   (run by bench/api.ts)');
  process.exit(2);
}
const config = JSON.parse(readFileSync(path, 'utf8')) as LoadConfig;
process.stdout.write(`${JSON.stringify(await run(config))}\n`);

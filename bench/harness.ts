/** What every benchmark needs: timing, number formats, the machine it ran on, a query profile. */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { sql } from 'kysely';
import type { Store } from '../src/db/store';
import type { LoadConfig } from './api-load';

export const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
export const int = (n: number) => Math.round(n).toLocaleString('en-US');
export const secs = (ms: number) => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);

export async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await run();
  return { value, ms: performance.now() - start };
}

/** The machine and code a run measured, for the header of its results. */
export function machine() {
  let cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  try {
    const lscpu = execFileSync('lscpu', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    cpu = /^Model name:\s*(.+)$/m.exec(lscpu)?.[1]?.trim() ?? cpu;
  } catch {
    // No lscpu: Node's name for the CPU.
  }
  const git = (...gitArgs: string[]) => {
    try {
      return execFileSync('git', gitArgs, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return '';
    }
  };
  const commit = git('rev-parse', '--short', 'HEAD') || 'unknown';
  const dirty = git('status', '--porcelain', '--', 'src') ? ' + uncommitted changes in src/' : '';
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  return {
    cpu,
    cores: os.availableParallelism(),
    ram: `${int(mib(os.totalmem()))} MiB`,
    node: process.version,
    code: `commit ${commit}${dirty}`,
    summary: `node ${process.version}, ${cpu}, ${os.availableParallelism()} cores, ${int(mib(os.totalmem()))} MiB RAM, load average ${load}`,
  };
}

/** The benchmarks write a theatre of their own: they refuse a store that holds one already. */
export async function requireEmptyStore(store: Store): Promise<void> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from incidents`.execute(store.db);
  if (rows[0]!.n > 0)
    throw new Error(
      `${store.location} already holds ${rows[0]!.n} incidents: run the benchmark on an empty scratch database`,
    );
}

/**
 * Times every SQL statement, from the moment Kysely builds it to the moment its rows are parsed,
 * grouped by `label`. Only while `enabled`: a profile under load would count waiting for a
 * connection as query time.
 */
export class QueryTimer implements KyselyPlugin {
  enabled = true;
  readonly #started = new WeakMap<object, { at: number; label: string }>();
  readonly byLabel = new Map<string, { ms: number; count: number; rows: number }>();

  constructor(
    private readonly label: (node: RootOperationNode, queryId: PluginTransformQueryArgs['queryId']) => string,
  ) {}

  reset() {
    this.byLabel.clear();
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (this.enabled)
      this.#started.set(args.queryId, { at: performance.now(), label: this.label(args.node, args.queryId) });
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
      this.#started.delete(args.queryId);
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

/**
 * A page of the findings as the inbox asks for it, from a uniform `draw` in [0, 1): the first page
 * strongest first, newest first, or of one kind, or a page anywhere (by offset).
 */
export function leadsPath(config: LoadConfig, draw: number): string {
  const variant = Math.floor(draw * 4);
  const rest = draw * 4 - variant;
  const query = [
    'limit=50',
    'limit=50&sort=date',
    `limit=50&kind=${config.kinds[Math.floor(rest * config.kinds.length)]}`,
    `limit=50&offset=${50 * Math.floor(rest * config.leadPages)}`,
  ][variant];
  // As the inbox asks: of the evidence, only what its list shows.
  return `/api/v1/leads?${query}&evidence=brief`;
}

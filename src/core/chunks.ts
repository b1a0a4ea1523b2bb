import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Rows one statement of a large write inserts. On the embedded store a statement runs on the
 * server's own thread and holds it until it ends (an import's 500 rows took 0.3–2 s on a
 * shared 2-core machine): a hundred at a time let other requests through between them, for a
 * few more statements on a server.
 */
export const WRITE_CHUNK = 100;

/** Splits a list for `where … in (…)` lists and multi-row inserts of a bounded size. */
export function chunks<T>(list: readonly T[], size = 1000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * Runs a query once per chunk of a long list and gathers the rows. Rows are pushed one by one:
 * spreading a large batch into `push` overflows the stack.
 */
export async function inChunks<T, R>(
  list: readonly T[],
  query: (part: T[]) => Promise<readonly R[]>,
  size = 1000,
): Promise<R[]> {
  const rows: R[] = [];
  for (const part of chunks(list, size)) for (const row of await query(part)) rows.push(row);
  return rows;
}

/**
 * Gives the event loop a turn every `every` calls. A long loop on the server's one thread
 * (checking the 100,000 rows of an import) would hold every other request, `/healthz`
 * included, until it ends: `await breathe()` in its body lets them through between steps.
 */
export function breather(every = 500): () => Promise<void> {
  let calls = 0;
  return () => (++calls % every === 0 ? nextTurn() : Promise.resolve());
}

/**
 * As `breather`, for loops whose steps vary in cost (a finding of two incidents, a cluster of a
 * thousand): a turn of the event loop once `ms` have passed since the last.
 */
export function timedBreather(ms = 50): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < ms) return;
    await nextTurn();
    since = performance.now();
  };
}

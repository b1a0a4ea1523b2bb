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

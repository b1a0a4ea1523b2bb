import { canonicalJson } from '../audit/audit';

export interface Diff<R> {
  creates: R[];
  updates: { before: R; after: R }[];
  unchanged: number;
}

/** Sorts incoming records into new, changed and unchanged against what is stored under the same key. */
export function diffByKey<R>(incoming: R[], existing: Map<string, R>, key: (record: R) => string): Diff<R> {
  const diff: Diff<R> = { creates: [], updates: [], unchanged: 0 };
  for (const record of incoming) {
    const before = existing.get(key(record));
    if (!before) diff.creates.push(record);
    else if (canonicalJson(before) !== canonicalJson(record)) diff.updates.push({ before, after: record });
    else diff.unchanged++;
  }
  return diff;
}

/** Splits a list for `where … in (…)` lists and multi-row inserts of a bounded size. */
export function chunks<T>(list: readonly T[], size = 1000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

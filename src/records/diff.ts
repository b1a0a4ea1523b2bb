import { canonicalJson } from '../core/json';

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

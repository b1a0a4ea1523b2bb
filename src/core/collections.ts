/** Groups a list by a key, keeping each group in the list's order. */
export function groupBy<T, K>(list: Iterable<T>, key: (t: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const t of list) {
    const k = key(t);
    const group = groups.get(k);
    if (group) group.push(t);
    else groups.set(k, [t]);
  }
  return groups;
}

/** Appends without spreading: a spread of a few hundred thousand rows overflows the stack. */
export function append<T>(target: T[], rows: readonly T[]): void {
  for (const row of rows) target.push(row);
}

/**
 * A function of one key whose promise is made once per key and kept for the session; a promise
 * that fails is forgotten, so that the next call asks again (a page opened offline, then online).
 */
export function keptUnlessFailed<K, V>(make: (key: K) => Promise<V>): (key: K) => Promise<V> {
  const kept = new Map<K, Promise<V>>();
  return (key) => {
    const known = kept.get(key);
    if (known) return known;
    const pending = make(key);
    kept.set(key, pending);
    pending.catch(() => {
      if (kept.get(key) === pending) kept.delete(key);
    });
    return pending;
  };
}

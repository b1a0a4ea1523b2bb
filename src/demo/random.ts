/** mulberry32: a small seeded generator, so the same seed gives the same sequence on every run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Random {
  readonly #next: () => number;
  constructor(seed: number) {
    this.#next = mulberry32(seed);
  }
  float(): number {
    return this.#next();
  }
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.#next() * (max - min + 1));
  }
  /** An integer in [min, max] that favours the low end, as victim counts and quantities do. */
  skewed(min: number, max: number): number {
    return min + Math.floor(this.#next() ** 2 * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.#next() < p;
  }
  pick<T>(list: readonly T[]): T {
    const item = list[Math.floor(this.#next() * list.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  weighted<T>(list: readonly T[], weight: (item: T) => number): T {
    const total = list.reduce((sum, item) => sum + weight(item), 0);
    let r = this.#next() * total;
    for (const item of list) {
      r -= weight(item);
      if (r < 0) return item;
    }
    const last = list.at(-1);
    if (last === undefined) throw new Error('weighted pick from an empty list');
    return last;
  }
  /** A key of `weights`, drawn in proportion to its weight (a key weighing 0 never comes out). */
  weightedKey<K extends string>(weights: Partial<Record<K, number>>): K {
    const entries = (Object.entries(weights) as [K, number][]).filter(([, w]) => w > 0);
    return this.weighted(entries, ([, w]) => w)[0];
  }
  jitter(value: number, spread: number): number {
    return value + (this.#next() * 2 - 1) * spread;
  }
}

import { foldKey } from '../core/text';

// A gazetteer held in memory: place names to coordinates, searched by the prefix of a name or of
// any of its alternate names, accents, case and punctuation forgiven. Pure: it is built from rows
// (GeoNames in `geonames.ts`, a handful in tests) and knows no file, database or server.

/** One populated place as the gazetteer is given it. */
export interface PlaceRow {
  id: number;
  name: string;
  /** Other names of the place (French, Arabic transliterations, older spellings). */
  alternates: readonly string[];
  /** ISO 3166 alpha-2. */
  country: string;
  lat: number;
  lon: number;
  population: number;
  /** The first-order region (admin1) the source names, when it names one. */
  region: string | null;
}

/** A place found by a name. */
export interface Place {
  id: number;
  name: string;
  /** The other name of the place that matched what was typed ("Tombouctou" for Timbuktu). */
  alias: string | null;
  country: string;
  lat: number;
  lon: number;
  population: number;
  region: string | null;
}

export interface SearchOptions {
  /** Places of this country come first (a bias, not a filter). */
  country?: string | undefined;
  limit?: number | undefined;
}

/** A rectangle of longitude and latitude. */
export interface Bounds {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** What a place name settles to when an incident is given a name and no coordinates. */
export type Geocoded =
  | {
      kind: 'placed';
      place: Place;
      /** Other places of the same name (in any country), passed over. */
      others: number;
    }
  | { kind: 'ambiguous'; candidates: Place[] }
  | {
      kind: 'missing';
      /** Places of that name in other countries than the one given. */
      elsewhere: Place[];
    };

/** How much larger than its next homonym of the same country a town must be to be taken for it. */
export const DOMINANT_RATIO = 10;

/** Names longer than this are no place names: no look-up is made. */
export const MAX_QUERY = 100;

const LATIN = /^\p{Lu}[\p{Script=Latin}\p{M}\s'’.()-]+$/u;
const PRINTABLE_ASCII = /^[A-Z][ -~]*$/;
const CODE = /^[A-Z]{2,4}$/;

/**
 * The other names worth searching: those in Latin script, which field teams type, written as
 * names (capitalised: GeoNames' lower-case romanisations of other scripts are left out), and no
 * codes (IATA …).
 */
export function searchableAlternates(alternates: readonly string[]): string[] {
  return alternates.filter(
    (a) =>
      a.length >= 2 &&
      latinCapital(a.charCodeAt(0)) &&
      a.length <= 60 &&
      !CODE.test(a) &&
      (PRINTABLE_ASCII.test(a) ? /^[A-Za-z '’.()-]+$/.test(a) : LATIN.test(a)),
  );
}

/** A capital letter of the Latin alphabets, judged cheaply before the regular expressions. */
export function latinCapital(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 0xc0 && code <= 0x24f) || (code >= 0x1e00 && code <= 0x1eff);
}

const ASCII = /^[ -~]*$/;

/** `foldKey`, quicker on the plain ASCII most names are. */
export function foldName(text: string): string {
  if (!ASCII.test(text)) return foldKey(text);
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Keys are bucketed by their first letters; shorter queries scan every key. */
const BUCKET = 3;

/** Interns repeated short strings (countries, regions) as small numbers. */
class Interned {
  readonly values: (string | null)[] = [];
  private readonly index = new Map<string | null, number>();
  id(value: string | null): number {
    let id = this.index.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.index.set(value, id);
    }
    return id;
  }
}

const typed = <T extends Float32Array | Int32Array | Uint16Array>(
  make: new (n: number) => T,
  values: number[],
): T => {
  const array = new make(values.length);
  array.set(values);
  return array;
};

/**
 * Held column by column (a couple of hundred thousand places in some tens of megabytes): names,
 * then numbers in typed arrays; the names to search are folded once and bucketed by their first
 * letters.
 */
export class Gazetteer {
  readonly size: number;
  private readonly names: string[] = [];
  private readonly ids: Int32Array;
  private readonly lats: Float32Array;
  private readonly lons: Float32Array;
  private readonly populations: Int32Array;
  private readonly countryOf: Uint16Array;
  private readonly regionOf: Uint16Array;
  private readonly countries = new Interned();
  private readonly regions = new Interned();
  /** Every folded name; `keyPlace[i]` is the place of `keys[i]`, `keyText[i]` the other name as written. */
  private readonly keys: string[] = [];
  private readonly keyPlace: number[] = [];
  private readonly keyText: (string | null)[] = [];
  /** Indexes of `keys` by their first BUCKET characters. */
  private readonly buckets = new Map<string, number[]>();
  /** Places by population, largest first, for the towns of a map view. */
  private readonly byPopulation: Int32Array;

  constructor(rows: Iterable<PlaceRow>) {
    const ids: number[] = [];
    const lats: number[] = [];
    const lons: number[] = [];
    const populations: number[] = [];
    const countryOf: number[] = [];
    const regionOf: number[] = [];
    const seen = new Set<string>();
    for (const row of rows) {
      const place = this.names.length;
      this.names.push(row.name);
      ids.push(row.id);
      lats.push(row.lat);
      lons.push(row.lon);
      populations.push(row.population);
      countryOf.push(this.countries.id(row.country));
      regionOf.push(this.regions.id(row.region));
      seen.clear();
      this.add(row.name, place, null, seen);
      for (const text of row.alternates) this.add(text, place, text, seen);
    }
    this.size = this.names.length;
    this.ids = typed(Int32Array, ids);
    this.lats = typed(Float32Array, lats);
    this.lons = typed(Float32Array, lons);
    this.populations = typed(Int32Array, populations);
    this.countryOf = typed(Uint16Array, countryOf);
    this.regionOf = typed(Uint16Array, regionOf);
    this.byPopulation = Int32Array.from(this.names.keys()).sort(
      (a, b) => this.populations[b]! - this.populations[a]!,
    );
  }

  private add(text: string, place: number, other: string | null, seen: Set<string>) {
    const key = foldName(text);
    if (!key || seen.has(key)) return;
    seen.add(key);
    const index = this.keys.length;
    this.keys.push(key);
    this.keyPlace.push(place);
    this.keyText.push(other);
    const prefix = key.slice(0, BUCKET);
    const bucket = this.buckets.get(prefix);
    if (bucket) bucket.push(index);
    else this.buckets.set(prefix, [index]);
  }

  /** The indexes of the keys that start with `key`. */
  private *startingWith(key: string): Generator<number> {
    if (key.length >= BUCKET) {
      for (const i of this.buckets.get(key.slice(0, BUCKET)) ?? [])
        if (this.keys[i]!.startsWith(key)) yield i;
      return;
    }
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i]!.startsWith(key)) yield i;
  }

  private country(place: number): string {
    return this.countries.values[this.countryOf[place]!]!;
  }

  /** Float32 keeps about a metre; five decimals say as much. */
  private place(index: number, alias: string | null): Place {
    return {
      id: this.ids[index]!,
      name: this.names[index]!,
      alias,
      country: this.country(index),
      lat: Math.round(this.lats[index]! * 1e5) / 1e5,
      lon: Math.round(this.lons[index]! * 1e5) / 1e5,
      population: this.populations[index]!,
      region: this.regions.values[this.regionOf[index]!] ?? null,
    };
  }

  /**
   * Places whose name or another name starts with what was typed: exact names first, then the
   * country's places if one is given, then the largest. Accents, case and punctuation are forgiven.
   */
  search(query: string, { country, limit = 10 }: SearchOptions = {}): Place[] {
    if (query.length > MAX_QUERY) return [];
    const key = foldName(query);
    if (!key) return [];
    const best = new Map<number, { exact: boolean; alias: string | null }>();
    for (const i of this.startingWith(key)) {
      const place = this.keyPlace[i]!;
      const exact = this.keys[i] === key;
      const alias = this.keyText[i]!;
      const seen = best.get(place);
      // The name itself, or the other name typed in full, says best why the place matched.
      if (!seen || (exact && !seen.exact) || (exact === seen.exact && alias === null && seen.alias !== null))
        best.set(place, { exact, alias });
    }
    const inCountry = (place: number) => (country && this.country(place) === country ? 0 : 1);
    return [...best]
      .sort(
        ([a, ma], [b, mb]) =>
          Number(mb.exact) - Number(ma.exact) ||
          inCountry(a) - inCountry(b) ||
          this.populations[b]! - this.populations[a]! ||
          a - b,
      )
      .slice(0, Math.max(1, Math.min(limit, 50)))
      .map(([place, m]) => this.place(place, m.alias));
  }

  /** Every place whose name or another name is exactly this one (folded), largest first. */
  named(name: string): Place[] {
    if (name.length > MAX_QUERY) return [];
    const key = foldName(name);
    if (!key) return [];
    const found = new Map<number, string | null>();
    for (const i of this.startingWith(key)) {
      if (this.keys[i] !== key) continue;
      const place = this.keyPlace[i]!;
      if (!found.has(place) || this.keyText[i] === null) found.set(place, this.keyText[i]!);
    }
    return [...found]
      .sort(([a], [b]) => this.populations[b]! - this.populations[a]! || a - b)
      .map(([place, alias]) => this.place(place, alias));
  }

  /**
   * The largest places within a view, for the map's town names: at most `limit`, none smaller
   * than `minPopulation`.
   */
  towns(bounds: Bounds, minPopulation: number, limit: number): Place[] {
    const found: Place[] = [];
    const acrossDateLine = bounds.west > bounds.east;
    for (const index of this.byPopulation) {
      if (this.populations[index]! < minPopulation || found.length >= limit) break;
      const lat = this.lats[index]!;
      const lon = this.lons[index]!;
      if (lat < bounds.south || lat > bounds.north) continue;
      if (acrossDateLine ? lon < bounds.west && lon > bounds.east : lon < bounds.west || lon > bounds.east)
        continue;
      found.push(this.place(index, null));
    }
    return found;
  }
}

export interface SettleOptions {
  /** The incident's country: homonyms elsewhere are passed over. */
  country?: string | null | undefined;
  /** The incident's region, when given: homonyms in other regions are passed over. */
  region?: string | null | undefined;
}

/**
 * Settles a name to one place, or says why not. Homonyms in several countries with no country
 * to choose between them stay ambiguous; within one country the largest is taken only when it
 * dwarfs the others (a regional town against hamlets of the same name).
 */
export function settle(candidates: Place[], { country, region }: SettleOptions = {}): Geocoded {
  if (candidates.length === 0) return { kind: 'missing', elsewhere: [] };
  let pool = country ? candidates.filter((p) => p.country === country) : candidates;
  if (pool.length === 0) return { kind: 'missing', elsewhere: candidates.slice(0, 3) };
  if (region && pool.length > 1) {
    const wanted = foldName(region);
    const inRegion = pool.filter((p) => foldName(p.region ?? '') === wanted);
    if (inRegion.length > 0) pool = inRegion;
  }
  const sorted = [...pool].sort((a, b) => b.population - a.population);
  const [first, second] = sorted;
  const countries = new Set(sorted.map((p) => p.country));
  const dominant =
    second === undefined ||
    (countries.size === 1 &&
      first!.population > 0 &&
      first!.population >= DOMINANT_RATIO * second.population);
  if (!dominant) return { kind: 'ambiguous', candidates: sorted.slice(0, 5) };
  return { kind: 'placed', place: first!, others: candidates.length - 1 };
}

const coordinate = (n: number) => n.toFixed(2);

/** How a place is named in messages: "Ménaka, ML (15.92, 2.40)". */
export function describePlace(place: Place): string {
  return `${place.name}, ${place.country} (${coordinate(place.lat)}, ${coordinate(place.lon)})`;
}

import type { Db } from '../db/store';
import type { Geometry } from '../reference/boundaries.schema';
import { settle, type Bounds, type Geocoded, type Gazetteer, type Place } from './gazetteer';
import { geonamesGazetteer } from './geonames';
import { RegionLocator } from './region-locator';

// Place names for every signed-in role: the gazetteer is public reference data, and the region
// boundaries it is read against are too (no viewer filters them).

const locators = new WeakMap<Db, { stamp: string; locator: RegionLocator }>();

/**
 * The imported region boundaries as a locator, kept while they stay as they are: a cheap count
 * and date tell whether an analyst has imported new ones since.
 */
export async function regionLocator(db: Db): Promise<RegionLocator> {
  const { count, latest } = await db
    .selectFrom('region_boundaries')
    .select((eb) => [eb.fn.countAll<string>().as('count'), eb.fn.max('imported_at').as('latest')])
    .executeTakeFirstOrThrow();
  const stamp = `${count}:${latest ? new Date(latest).toISOString() : ''}`;
  const cached = locators.get(db);
  if (cached?.stamp === stamp) return cached.locator;
  const rows =
    Number(count) === 0
      ? []
      : await db.selectFrom('region_boundaries').select(['country', 'admin1', 'geometry']).execute();
  const locator = new RegionLocator(
    rows.map((r) => ({ country: r.country, admin1: r.admin1, geometry: r.geometry as Geometry })),
  );
  locators.set(db, { stamp, locator });
  return locator;
}

/** A place's region: the imported boundary it lies in, else the gazetteer's admin1 name. */
export function regionOf(locator: RegionLocator, place: Place): string | null {
  return locator.locate(place.lat, place.lon, place.country)?.admin1 ?? place.region;
}

export interface PlaceQuery {
  q: string;
  country?: string | undefined;
  limit?: number | undefined;
}

/** Places whose name starts with what was typed, with their region as the register names it. */
export async function findPlaces(
  db: Db,
  { q, country, limit }: PlaceQuery,
  gazetteer?: Gazetteer,
): Promise<Place[]> {
  const places = (gazetteer ?? (await geonamesGazetteer())).search(q, { country, limit });
  if (places.length === 0) return places;
  const locator = await regionLocator(db);
  return places.map((p) => ({ ...p, region: regionOf(locator, p) }));
}

/**
 * How many inhabitants a town needs to be named at a zoom: the capitals and large cities over a
 * whole theatre (zoom 4), regional towns from zoom 6, villages close up. None below zoom 4.
 */
export function minPopulationAt(zoom: number): number {
  const steps: [zoom: number, population: number][] = [
    [4, 500_000],
    [5, 100_000],
    [6, 30_000],
    [7, 10_000],
    [8, 3_000],
    [9, 1_000],
    [10, 0],
  ];
  let needed = Number.MAX_SAFE_INTEGER;
  for (const [from, population] of steps) if (zoom >= from) needed = population;
  return needed;
}

/** The largest towns in a map view, for the names drawn on the maps. */
export async function townsIn(bounds: Bounds, zoom: number, limit = 80): Promise<Place[]> {
  return (await geonamesGazetteer()).towns(bounds, minPopulationAt(zoom), limit);
}

export interface PlaceNamer {
  /** What a place name settles to in a country (and region, when given). */
  geocode(name: string, country: string | null, region: string | null): Geocoded;
}

/** The gazetteer read against the imported boundaries, for geocoding an import. */
export async function placeNamer(db: Db, gazetteer?: Gazetteer): Promise<PlaceNamer> {
  const [g, locator] = await Promise.all([gazetteer ?? geonamesGazetteer(), regionLocator(db)]);
  const withRegion = (p: Place): Place => ({ ...p, region: regionOf(locator, p) });
  return {
    geocode(name, country, region) {
      return settle(g.named(name).map(withRegion), { country, region });
    },
  };
}

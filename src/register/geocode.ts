import type { Db } from '../db/store';
import { describePlace, type Place } from '../places/gazetteer';
import { placeNamer, type PlaceNamer } from '../places/places.queries';
import type { Parsed } from './parse';
import type { ImportReport } from './report';

const others = (n: number) =>
  n === 0 ? '' : n === 1 ? '; 1 other place shares the name' : `; ${n} other places share the name`;

const listed = (places: Place[]) =>
  places.map((p) => `${describePlace(p)}${p.region ? `, ${p.region}` : ''}`).join('; ');

/**
 * Gives coordinates to the incidents of an import that name a place and give no coordinates,
 * from the offline gazetteer, each with a warning that names the place chosen (the region too,
 * when the row has none). A name found nowhere, or shared by places that neither the country
 * nor the region settles, is left without coordinates, with a warning: never a silent pick.
 */
export async function geocodeIncidents(
  db: Db,
  parsed: Parsed,
  report: ImportReport,
  namer?: PlaceNamer,
): Promise<void> {
  const unplaced = parsed.incidents.filter(({ record }) => record.place !== null && record.lat === null);
  if (unplaced.length === 0) return;
  const gazetteer = namer ?? (await placeNamer(db));
  for (const { file, line, record } of unplaced) {
    const name = record.place!;
    const warn = (message: string) => report.warnings.push({ file, line, column: 'place', message });
    const outcome = gazetteer.geocode(name, record.country, record.admin1);
    if (outcome.kind === 'placed') {
      const { place } = outcome;
      record.lat = place.lat;
      record.lon = place.lon;
      const region = record.admin1 === null && place.region !== null ? place.region : null;
      if (region !== null) record.admin1 = region;
      warn(
        `"${name}" placed at ${describePlace(place)}${others(outcome.others)}${region ? `; region set to ${region}` : ''}`,
      );
    } else if (outcome.kind === 'ambiguous') {
      warn(
        `"${name}" is the name of ${outcome.candidates.length} places (${listed(outcome.candidates)}): left without coordinates; give lat/lon or the region`,
      );
    } else {
      const elsewhere = outcome.elsewhere.length
        ? ` (but in ${[...new Set(outcome.elsewhere.map((p) => p.country))].join(', ')})`
        : '';
      warn(`no place "${name}" in ${record.country} in the gazetteer${elsewhere}: left without coordinates`);
    }
  }
}

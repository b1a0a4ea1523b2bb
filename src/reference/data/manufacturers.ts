import { chinese } from './manufacturers/chinese';
import { easternEurope } from './manufacturers/eastern-europe';
import { middleEastAfrica } from './manufacturers/middle-east-africa';
import { soviet } from './manufacturers/soviet';
import { vehiclesAndExplosives } from './manufacturers/vehicles-explosives';
import { western } from './manufacturers/western';
import type { ManufacturerRef } from './types';

/**
 * Producers of weapons, ammunition, explosives and vehicles met in the Sahel, Central Africa,
 * Libya, Sudan and the Middle East, one file per group under `manufacturers/`. Every entry names
 * its public source; docs/reference-sources.md lists them and says how to add an entry.
 *
 * - `country` is the producing state at the time the listed codes were in use (SU, YU, CS, DD
 *   for factories of those eras); `location` is where the works stand today, the addressee of a
 *   tracing request.
 * - `headstampCodes` are written as stamped; Cyrillic codes appear both as stamped and
 *   transliterated. Codes marked on weapons (not cartridges) are noted in `source`.
 * - `confidence` is about the code-to-factory attribution. `low` means it was not checked
 *   against a public source while this list was written; treat such matches as leads.
 * - An empty `headstampCodes` list means the producer is listed by name only: no code was
 *   confirmed (or, for Iran, the ammunition is known to carry none).
 *
 * Short numeric codes are reused by several countries (e.g. 10, 21, 22, 23): each producer lists
 * the code, and the normaliser settles the clash with the country of manufacture, what the maker
 * makes, the calibre and the years. Codes that could not be tied to one factory were left out
 * rather than guessed. Keys are stable: stored items refer to them.
 */
export const manufacturers: ManufacturerRef[] = [
  ...soviet,
  ...chinese,
  ...easternEurope,
  ...middleEastAfrica,
  ...western,
  ...vehiclesAndExplosives,
];

/** The groups the list is kept in, as the recognition bench and the docs count them. */
export const manufacturerGroups = {
  soviet,
  chinese,
  easternEurope,
  middleEastAfrica,
  western,
  vehiclesAndExplosives,
} as const;

import { country, optionalText, year } from './cells';
import { cellText } from './entity';

/**
 * How items and baseline rows describe materiel: the same columns, read, kept and written back
 * alike, so that an item can be compared with what a force holds.
 */
export const materielCells = {
  model: optionalText(),
  calibre: optionalText(),
  manufacturer: optionalText(),
  country_of_manufacture: country(),
  year: year(),
  lot: optionalText(),
};

export interface MaterielDescription {
  model: string | null;
  calibre: string | null;
  manufacturer: string | null;
  country_of_manufacture: string | null;
  year: number | null;
  lot: string | null;
}

/** The description alone, out of a wider row (a table row with its keys and ids). */
export function materielOf(row: MaterielDescription): MaterielDescription {
  return {
    model: row.model,
    calibre: row.calibre,
    manufacturer: row.manufacturer,
    country_of_manufacture: row.country_of_manufacture,
    year: row.year,
    lot: row.lot,
  };
}

/** The description as the cells of a canonical file. */
export function materielCellsOf(r: MaterielDescription) {
  return {
    model: cellText(r.model),
    calibre: cellText(r.calibre),
    manufacturer: cellText(r.manufacturer),
    country_of_manufacture: cellText(r.country_of_manufacture),
    year: cellText(r.year),
    lot: cellText(r.lot),
  };
}

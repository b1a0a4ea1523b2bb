import type { z } from 'zod';
import { parseCountry } from '../core/countries';
import { cleanCell } from '../core/text';
import type { Db } from '../db/store';
import { itemCategories } from '../items/vocabulary';
import { recognise, type Recognition } from './recognise';
import { loadNormaliser } from './reference.repository';
import type { recogniseRequestSchema } from './recognise.schema';

/**
 * What the register would recognise in items as typed, without writing them: the form shows
 * it beside each item while it is filled in. Lenient where the register is strict: a cell that
 * is not yet valid (a year half typed, a country misspelt) is read as empty, not refused.
 */
export async function recogniseItems(
  db: Db,
  request: z.output<typeof recogniseRequestSchema>,
): Promise<{ items: Recognition[] }> {
  const normaliser = await loadNormaliser(db);
  const items = request.items.map((raw) => {
    const year = typeof raw.year === 'number' ? raw.year : Number(cleanCell(raw.year ?? null) ?? NaN);
    const country = cleanCell(raw.country_of_manufacture);
    const { recognition } = recognise(
      {
        category: itemCategories.parse(raw.category) ?? 'other',
        model: cleanCell(raw.model),
        calibre: cleanCell(raw.calibre),
        manufacturer: cleanCell(raw.manufacturer),
        country_of_manufacture: country ? (parseCountry(country) ?? null) : null,
        year: Number.isInteger(year) && year > 1000 && year < 3000 ? year : null,
        lot: cleanCell(raw.lot),
        markings: cleanCell(raw.markings),
      },
      normaliser,
      request.incidentDate ?? null,
    );
    return recognition;
  });
  return { items };
}

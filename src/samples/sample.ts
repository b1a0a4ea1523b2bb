import type { ItemCategory } from '../items/vocabulary';
import type { Normaliser } from '../reference/normalise';
import type { ProblemCode, ProblemParams } from '../core/problems';
import { foldKey } from '../core/text';
import type { MaterielIdentity } from '../records/identity';
import type { MaterielDescription } from '../records/materiel';

/** The raw materiel description shared by items and baseline rows. */
export interface MaterielText extends MaterielDescription {
  category: ItemCategory;
  type?: string | null;
}

export interface IdentityProblem {
  column: 'calibre' | 'manufacturer' | 'model';
  message: string;
  code?: ProblemCode;
  params?: ProblemParams;
}

const SAMPLE_PREFIX: Partial<Record<ItemCategory, string>> = {
  ammunition: 'ammo',
  weapon: 'weapon',
  explosive: 'explosive',
  ied_component: 'ied',
};

/**
 * The sample is the identity that links items across incidents. Ammunition: calibre, producer
 * and year of production; weapons: model, producer and year; explosives and IED components:
 * model (or type), producer and year. The lot refines it (`sample_lot_key`) without splitting
 * it, so an item recorded without its lot still links to one recorded with it.
 */
export function sampleKeys(
  category: ItemCategory,
  parts: {
    model_key: string | null;
    calibre_key: string | null;
    manufacturer_key: string | null;
    type_key: string | null;
  },
  year: number | null,
  lot: string | null,
): { sample_key: string | null; sample_lot_key: string | null } {
  const prefix = SAMPLE_PREFIX[category];
  const what =
    category === 'ammunition'
      ? (parts.calibre_key ?? parts.model_key)
      : (parts.model_key ?? (category === 'weapon' ? null : parts.type_key));
  if (!prefix || !what || !parts.manufacturer_key || year === null)
    return { sample_key: null, sample_lot_key: null };
  const sample_key = `${prefix}:${what}:${parts.manufacturer_key}:${year}`;
  const lotKey = lot === null ? '' : foldKey(lot).replace(/ /g, '').toUpperCase();
  return { sample_key, sample_lot_key: lotKey ? `${sample_key}:${lotKey}` : null };
}

const calibreProblem = (calibre: string, message: string): IdentityProblem => ({
  column: 'calibre',
  message,
  code: 'calibre_unreadable',
  params: { value: calibre },
});

/** A calibre that cannot be read as one, as `identify` reports it; undefined if it can (or is empty). */
export function unreadableCalibre(
  calibre: string | null,
  normaliser: Normaliser,
): IdentityProblem | undefined {
  const read = normaliser.calibre(calibre);
  return read && 'error' in read ? calibreProblem(calibre ?? '', read.error) : undefined;
}

/** Derives the normalised keys of a piece of materiel; unknown values are kept, bad ones reported. */
export function identify(
  text: MaterielText,
  normaliser: Normaliser,
): { identity: MaterielIdentity; problems: IdentityProblem[]; unlisted: IdentityProblem[] } {
  const problems: IdentityProblem[] = [];
  const unlisted: IdentityProblem[] = [];
  const calibre = normaliser.calibre(text.calibre);
  let calibre_key: string | null = null;
  if (calibre && 'error' in calibre) problems.push(calibreProblem(text.calibre ?? '', calibre.error));
  else if (calibre) {
    calibre_key = calibre.key;
    if (!calibre.known)
      unlisted.push({
        column: 'calibre',
        message: `calibre "${text.calibre}" is not in the reference list; kept as ${calibre.key}`,
      });
  }
  const maker = normaliser.manufacturer(text.manufacturer, {
    category: text.category,
    country: text.country_of_manufacture,
    calibre: calibre_key,
    year: text.year,
  });
  const manufacturer_key = maker?.key ?? null;
  if (maker && !maker.known) {
    const names = (maker.candidates ?? []).map((key) => {
      const m = normaliser.maker(key);
      return m ? `${m.name} (${m.country})` : key;
    });
    unlisted.push({
      column: 'manufacturer',
      message: names.length
        ? `producer "${text.manufacturer}" is ambiguous: ${names.join(', ')}; kept as ${maker.key} until the country of manufacture or the producer's name settles it`
        : `producer "${text.manufacturer}" is not in the reference list${maker.reason ? ` (${maker.reason})` : ''}; kept as ${maker.key}`,
    });
  }
  const model = normaliser.model(text.model);
  const model_key = model && !('error' in model) ? model.key : null;
  const type_key = text.type ? foldKey(text.type).replace(/ /g, '-') : null;
  const origin_country =
    text.country_of_manufacture ??
    (manufacturer_key ? (normaliser.manufacturerCountry(manufacturer_key) ?? null) : null);
  return {
    identity: {
      model_key,
      calibre_key,
      manufacturer_key,
      origin_country,
      ...sampleKeys(
        text.category,
        { model_key, calibre_key, manufacturer_key, type_key },
        text.year,
        text.lot,
      ),
    },
    problems,
    unlisted,
  };
}

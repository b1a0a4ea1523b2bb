import { z } from 'zod';
import { itemCategories } from '../items/vocabulary';
import { country, optionalText, required, requiredTerm, requiredText } from '../records/cells';
import { foldKey } from '../core/text';
import { cellText, defineEntity } from '../records/entity';
import { materielCells, materielCellsOf } from '../records/materiel';

const baselineRow = z.object({
  holder: requiredText('holder'),
  country: required('country', country()),
  category: requiredTerm(itemCategories),
  ...materielCells,
  source: optionalText(),
});

export type BaselineRecord = z.output<typeof baselineRow>;

/** Baseline rows carry no reference: the materiel they describe is their identity. */
export function baselineKey(r: BaselineRecord): string {
  return [
    r.holder,
    r.country,
    r.category,
    r.model,
    r.calibre,
    r.manufacturer,
    r.country_of_manufacture,
    r.year,
    r.lot,
  ]
    .map((part) => (part == null ? '' : foldKey(String(part))))
    .join('|');
}

export const baselineSpec = defineEntity<BaselineRecord>({
  kind: 'baselines',
  fileNames: ['baseline', 'national stocks', 'stocks nationaux', 'dotation', 'référentiel'],
  columns: [
    { name: 'holder', required: true, aliases: ['force', 'unit', 'détenteur', 'unité'] },
    { name: 'country', required: true, aliases: ['pays'] },
    { name: 'category', required: true, aliases: ['catégorie'] },
    { name: 'model', aliases: ['modèle', 'pattern'] },
    { name: 'calibre', aliases: ['caliber'] },
    { name: 'manufacturer', aliases: ['producer', 'factory', 'fabricant', 'producteur'] },
    { name: 'country_of_manufacture', aliases: ['pays de fabrication', 'country of production'] },
    { name: 'year', numeric: true, aliases: ['year of production', 'année'] },
    { name: 'lot', aliases: ['batch', 'numéro de lot'] },
    { name: 'source', aliases: [] },
  ],
  schema: baselineRow,
  key: baselineKey,
  format: (r) => ({
    holder: r.holder,
    country: r.country,
    category: r.category,
    ...materielCellsOf(r),
    source: cellText(r.source),
  }),
});

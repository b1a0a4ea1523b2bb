import { z } from 'zod';
import { issue } from '../core/problems';
import { known, optionalText, requiredTerm, requiredText, term, wholeNumber } from '../records/cells';
import { cellText, defineEntity } from '../records/entity';
import { materielCells, materielCellsOf } from '../records/materiel';
import { itemCategories, itemConditions } from './vocabulary';

const itemRow = z
  .object({
    ref: requiredText('ref'),
    incident_ref: requiredText('incident_ref'),
    category: requiredTerm(itemCategories),
    type: optionalText(),
    ...materielCells,
    serial: optionalText(),
    markings: optionalText(),
    quantity: wholeNumber(1),
    condition: term(itemConditions),
    notes: optionalText(),
  })
  .superRefine(
    (row, ctx) => {
      // A serial number identifies one object: identical casings share a row, serial weapons do not.
      const { serial, quantity } = row;
      if (known(serial) && known(quantity) && serial !== null && quantity !== null && quantity > 1)
        ctx.addIssue({
          ...issue('serial_one_object', {}, 'an item with a serial number is one object: quantity must be 1'),
          path: ['quantity'],
        });
    },
    { when: () => true },
  )
  .transform((row) => ({ ...row, quantity: row.quantity ?? 1 }));

export type ItemRecord = z.output<typeof itemRow>;

export const itemSpec = defineEntity<ItemRecord>({
  kind: 'items',
  fileNames: ['item', 'materiel', 'matériel', 'objets', 'materiels'],
  columns: [
    { name: 'ref', required: true, aliases: ['reference', 'référence', 'item ref', 'numéro'] },
    {
      name: 'incident_ref',
      required: true,
      aliases: ['incident', 'incident reference', 'réf incident', 'référence incident', 'dossier'],
    },
    { name: 'category', required: true, aliases: ['catégorie', 'categorie'] },
    { name: 'type', aliases: ['item type', 'type d’objet'] },
    { name: 'model', aliases: ['modèle', 'pattern', 'model pattern'] },
    { name: 'calibre', aliases: ['caliber', 'calibre mm'] },
    {
      name: 'manufacturer',
      aliases: ['producer', 'factory', 'fabricant', 'producteur', 'usine', 'headstamp code', 'factory code'],
    },
    {
      name: 'country_of_manufacture',
      aliases: ['country of production', 'pays de fabrication', 'pays de production', 'origin'],
    },
    {
      name: 'year',
      numeric: true,
      aliases: ['year of production', 'année', 'année de production', 'année de fabrication'],
    },
    { name: 'lot', aliases: ['batch', 'lot number', 'numéro de lot'] },
    { name: 'serial', aliases: ['serial number', 'numéro de série', 'n° de série', 'sn'] },
    { name: 'markings', aliases: ['marks', 'headstamp', 'marquages', 'marquage', 'culot'] },
    { name: 'quantity', numeric: true, aliases: ['qty', 'count', 'quantité', 'nombre'] },
    { name: 'condition', aliases: ['état', 'etat', 'state'] },
    { name: 'notes', aliases: ['note', 'remarks', 'remarques', 'observations', 'comments'] },
  ],
  schema: itemRow,
  key: (r) => r.ref,
  format: (r) => ({
    ref: r.ref,
    incident_ref: r.incident_ref,
    category: r.category,
    type: cellText(r.type),
    ...materielCellsOf(r),
    serial: cellText(r.serial),
    markings: cellText(r.markings),
    quantity: String(r.quantity),
    condition: cellText(r.condition),
    notes: cellText(r.notes),
  }),
});

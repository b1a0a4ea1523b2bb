import { itemCategories, itemConditions } from '@headstamp/items/vocabulary';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { Field } from '../common/Field';
import type { FieldErrors } from '../common/fieldErrors';
import type { ItemColumn, ItemDraft } from './record';
import { Recognised } from './Recognised';

interface Props {
  index: number;
  value: ItemDraft;
  errors: FieldErrors;
  saved: boolean;
  /** The incident's date as typed: a headstamp's year is never read after it. */
  incidentDate: string;
  onChange(patch: Partial<ItemDraft>): void;
  /** Taking the line off the form, when it may be. */
  onRemove?(): void;
  /** Editing a stored item: its reference is shown but cannot change, and its legend is this. */
  stored?: { legend: string };
}

/** The reference lists' datalists are rendered once by the page: ids below. */
export const LISTS = { calibres: 'ref-calibres', manufacturers: 'ref-manufacturers', models: 'ref-models' };

/** Each field's label, in the order of the form: the summary of problems names fields by them. */
export const ITEM_LABELS = {
  ref: 'items.ref',
  category: 'items.category',
  type: 'form.itemType',
  model: 'items.model',
  calibre: 'items.calibre',
  manufacturer: 'items.manufacturer',
  country_of_manufacture: 'form.countryOfManufacture',
  year: 'items.year',
  lot: 'form.lot',
  serial: 'form.serial',
  markings: 'items.markings',
  quantity: 'items.quantity',
  condition: 'items.condition',
  notes: 'form.notes',
} as const satisfies Partial<Record<ItemColumn, MessageKey>>;

const TEXT: [Exclude<keyof typeof ITEM_LABELS, 'ref' | 'category' | 'type'>, string?][] = [
  ['model', LISTS.models],
  ['calibre', LISTS.calibres],
  ['manufacturer', LISTS.manufacturers],
  ['country_of_manufacture'],
  ['year'],
  ['lot'],
  ['serial'],
];

/** One line of materiel; several identical casings are one line with a quantity. */
export function ItemFields({ index, value, errors, saved, incidentDate, onChange, onRemove, stored }: Props) {
  const { t, term } = useI18n();
  const id = (column: ItemColumn) => `item-${index}-${column}`;
  return (
    <fieldset className="form-grid item" disabled={saved}>
      <legend>
        {stored?.legend ?? t('form.item', { n: index + 1 })}
        {saved && <span className="badge">{t('form.saved')}</span>}
      </legend>
      <Field id={id('ref')} label={t(ITEM_LABELS.ref)} error={errors.ref} hint={stored && t('edit.refFixed')}>
        {(props) => (
          <input
            {...props}
            required
            readOnly={Boolean(stored)}
            value={value.ref}
            onChange={(e) => onChange({ ref: e.target.value })}
          />
        )}
      </Field>
      <Field id={id('category')} label={t(ITEM_LABELS.category)} error={errors.category}>
        {(props) => (
          <select {...props} value={value.category} onChange={(e) => onChange({ category: e.target.value })}>
            {itemCategories.keys.map((k) => (
              <option key={k} value={k}>
                {term(itemCategories, k)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={id('type')} label={t(ITEM_LABELS.type)} error={errors.type} hint={t('form.itemTypeHint')}>
        {(props) => (
          <input {...props} value={value.type} onChange={(e) => onChange({ type: e.target.value })} />
        )}
      </Field>
      {TEXT.map(([column, list]) => (
        <Field key={column} id={id(column)} label={t(ITEM_LABELS[column])} error={errors[column]}>
          {(props) => (
            <input
              {...props}
              list={list}
              autoComplete="off"
              value={value[column]}
              onChange={(e) => onChange({ [column]: e.target.value })}
            />
          )}
        </Field>
      ))}
      <Field
        id={id('markings')}
        label={t(ITEM_LABELS.markings)}
        error={errors.markings}
        hint={t('form.markingsHint')}
        wide
      >
        {(props) => (
          <input {...props} value={value.markings} onChange={(e) => onChange({ markings: e.target.value })} />
        )}
      </Field>
      {!saved && <Recognised item={value} incidentDate={incidentDate} onPick={onChange} />}
      <Field id={id('quantity')} label={t(ITEM_LABELS.quantity)} error={errors.quantity}>
        {(props) => (
          <input
            {...props}
            type="number"
            min={1}
            inputMode="numeric"
            value={value.quantity}
            onChange={(e) => onChange({ quantity: e.target.value })}
          />
        )}
      </Field>
      <Field id={id('condition')} label={t(ITEM_LABELS.condition)} error={errors.condition}>
        {(props) => (
          <select
            {...props}
            value={value.condition}
            onChange={(e) => onChange({ condition: e.target.value })}
          >
            <option value="">{t('form.choose')}</option>
            {itemConditions.keys.map((k) => (
              <option key={k} value={k}>
                {term(itemConditions, k)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={id('notes')} label={t(ITEM_LABELS.notes)} error={errors.notes} wide>
        {(props) => (
          <input {...props} value={value.notes} onChange={(e) => onChange({ notes: e.target.value })} />
        )}
      </Field>
      {!saved && onRemove && (
        <div className="item-actions">
          <button type="button" onClick={onRemove}>
            {t('form.removeItem', { n: index + 1 })}
          </button>
        </div>
      )}
    </fieldset>
  );
}

import { itemCategories, itemConditions, itemTypes } from '@headstamp/items/vocabulary';
import type { ItemView } from '../api/types';
import { editPath, incidentPath, Link, samplePath } from '../app/router';
import { DataTable } from '../common/DataTable';
import { useI18n } from '../i18n/i18n';

export function ItemsTable({
  items,
  incidentColumn = false,
  sampleColumn = true,
  selection,
  editable = false,
}: {
  items: ItemView[];
  /** Which incident each item was documented at (a list from several incidents). */
  incidentColumn?: boolean;
  /** The sample each item was identified as, linked to its profile. */
  sampleColumn?: boolean;
  /** A checkbox on each row, to act on the items ticked (e.g. request a trace). */
  selection?: { selected: ReadonlySet<string>; onToggle(ref: string, selected: boolean): void };
  /** A link on each row to correct the item, for who may change them. */
  editable?: boolean;
}) {
  const { t, term, country, number } = useI18n();
  return (
    <DataTable
      className="items"
      empty={t('items.none')}
      rows={items}
      rowKey={(i) => i.record.ref!}
      columns={[
        selection && {
          header: <span className="visually-hidden">{t('tracing.selectColumn')}</span>,
          className: 'select',
          cell: ({ record: r }) => (
            <input
              type="checkbox"
              aria-label={t('tracing.selectItem', { ref: r.ref ?? '' })}
              checked={selection.selected.has(r.ref ?? '')}
              onChange={(e) => selection.onToggle(r.ref ?? '', e.target.checked)}
            />
          ),
        },
        { header: t('items.ref'), className: 'nowrap', cell: ({ record: r }) => r.ref },
        editable && {
          header: <span className="visually-hidden">{t('edit.edit')}</span>,
          cell: ({ record: r }) => (
            <Link to={editPath('item', r.ref ?? '')} aria-label={t('edit.editItem', { ref: r.ref ?? '' })}>
              {t('edit.edit')}
            </Link>
          ),
        },
        incidentColumn && {
          header: t('items.incident'),
          className: 'ref',
          cell: ({ record: r }) => <Link to={incidentPath(r.incident_ref ?? '')}>{r.incident_ref}</Link>,
        },
        {
          header: t('items.category'),
          cell: ({ record: r }) => (
            <>
              {term(itemCategories, r.category ?? '')}
              {r.type && <div className="muted small">{term(itemTypes, r.type)}</div>}
            </>
          ),
        },
        { header: t('items.model'), cell: ({ record: r }) => r.model },
        { header: t('items.calibre'), className: 'nowrap', cell: ({ record: r }) => r.calibre },
        { header: t('items.manufacturer'), cell: ({ record: r }) => r.manufacturer },
        {
          header: t('items.countryOfManufacture'),
          cell: ({ record: r }) => (r.country_of_manufacture ? country(r.country_of_manufacture) : ''),
        },
        { header: t('items.year'), numeric: true, cell: ({ record: r }) => r.year },
        { header: t('items.markings'), cell: ({ record: r }) => r.markings && <code>{r.markings}</code> },
        {
          header: t('items.serialLot'),
          cell: ({ record: r }) => [r.serial, r.lot].filter(Boolean).join(' · '),
        },
        {
          header: t('items.quantity'),
          numeric: true,
          cell: ({ record: r }) => number(Number(r.quantity || 1)),
        },
        {
          header: t('items.condition'),
          cell: ({ record: r }) => (r.condition ? term(itemConditions, r.condition) : ''),
        },
        sampleColumn && {
          header: t('items.sample'),
          cell: ({ sample }) =>
            sample && (
              <Link to={samplePath(sample)} className="sample-link">
                {sample}
              </Link>
            ),
        },
      ]}
    />
  );
}

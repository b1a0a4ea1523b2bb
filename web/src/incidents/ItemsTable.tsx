import { itemCategories, itemConditions } from '@headstamp/items/vocabulary';
import type { ItemView } from '../api/types';
import { incidentPath, Link, samplePath } from '../app/router';
import { useI18n } from '../i18n/i18n';

export function ItemsTable({
  items,
  incidentColumn = false,
  sampleColumn = true,
  selection,
}: {
  items: ItemView[];
  /** Which incident each item was documented at (a list from several incidents). */
  incidentColumn?: boolean;
  /** The sample each item was identified as, linked to its profile. */
  sampleColumn?: boolean;
  /** A checkbox on each row, to act on the items ticked (e.g. request a trace). */
  selection?: { selected: ReadonlySet<string>; onToggle(ref: string, selected: boolean): void };
}) {
  const { t, term, country, number } = useI18n();
  if (items.length === 0) return <p className="muted">{t('items.none')}</p>;
  return (
    <div className="table-scroll">
      <table className="items">
        <thead>
          <tr>
            {selection && (
              <th scope="col">
                <span className="visually-hidden">{t('tracing.selectColumn')}</span>
              </th>
            )}
            <th scope="col">{t('items.ref')}</th>
            {incidentColumn && <th scope="col">{t('items.incident')}</th>}
            <th scope="col">{t('items.category')}</th>
            <th scope="col">{t('items.model')}</th>
            <th scope="col">{t('items.calibre')}</th>
            <th scope="col">{t('items.manufacturer')}</th>
            <th scope="col">{t('items.countryOfManufacture')}</th>
            <th scope="col" className="num">
              {t('items.year')}
            </th>
            <th scope="col">{t('items.markings')}</th>
            <th scope="col">{t('items.serialLot')}</th>
            <th scope="col" className="num">
              {t('items.quantity')}
            </th>
            <th scope="col">{t('items.condition')}</th>
            {sampleColumn && <th scope="col">{t('items.sample')}</th>}
          </tr>
        </thead>
        <tbody>
          {items.map(({ record: r, sample }) => (
            <tr key={r.ref}>
              {selection && (
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('tracing.selectItem', { ref: r.ref ?? '' })}
                    checked={selection.selected.has(r.ref ?? '')}
                    onChange={(e) => selection.onToggle(r.ref ?? '', e.target.checked)}
                  />
                </td>
              )}
              <td className="nowrap">{r.ref}</td>
              {incidentColumn && (
                <td className="ref">
                  <Link to={incidentPath(r.incident_ref ?? '')}>{r.incident_ref}</Link>
                </td>
              )}
              <td>
                {term(itemCategories, r.category ?? '')}
                {r.type && <div className="muted small">{r.type}</div>}
              </td>
              <td>{r.model}</td>
              <td className="nowrap">{r.calibre}</td>
              <td>{r.manufacturer}</td>
              <td>{r.country_of_manufacture ? country(r.country_of_manufacture) : ''}</td>
              <td className="num">{r.year}</td>
              <td>{r.markings && <code>{r.markings}</code>}</td>
              <td>{[r.serial, r.lot].filter(Boolean).join(' · ')}</td>
              <td className="num">{number(Number(r.quantity || 1))}</td>
              <td>{r.condition ? term(itemConditions, r.condition) : ''}</td>
              {sampleColumn && (
                <td>
                  {sample && (
                    <Link to={samplePath(sample)} className="sample-link">
                      {sample}
                    </Link>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

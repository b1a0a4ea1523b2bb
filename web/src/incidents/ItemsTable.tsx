import { itemCategories, itemConditions } from '../../../src/items/vocabulary';
import type { ItemView } from '../api/types';
import { useI18n } from '../i18n/i18n';

export function ItemsTable({ items }: { items: ItemView[] }) {
  const { t, term, country, number } = useI18n();
  if (items.length === 0) return <p className="muted">{t('items.none')}</p>;
  return (
    <div className="table-scroll">
      <table className="items">
        <thead>
          <tr>
            <th scope="col">{t('items.ref')}</th>
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
          </tr>
        </thead>
        <tbody>
          {items.map(({ record: r }) => (
            <tr key={r.ref}>
              <td className="nowrap">{r.ref}</td>
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
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

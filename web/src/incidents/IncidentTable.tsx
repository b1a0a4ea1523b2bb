import { incidentTypes } from '@headstamp/incidents/vocabulary';
import type { IncidentView } from '../api/types';
import { incidentPath, Link } from '../app/router';
import { useI18n } from '../i18n/i18n';
import type { Sort } from './filters';

interface Props {
  incidents: IncidentView[];
  sort: Sort;
  onSort(sort: Sort): void;
  caption: string;
}

/** "Kidal, Kidal, Mali" says Kidal once. */
function where(...parts: (string | undefined)[]) {
  return parts.filter((part, i) => part && part !== parts[i - 1]).join(', ');
}

export function IncidentTable({ incidents, sort, onSort, caption }: Props) {
  const { t, term, date, country, number } = useI18n();
  const dateSort = sort === 'date' ? 'ascending' : sort === '-date' ? 'descending' : 'none';
  const casualties = (killed: string, injured: string) =>
    killed === '' && injured === ''
      ? '–'
      : `${killed === '' ? '–' : number(Number(killed))} / ${injured === '' ? '–' : number(Number(injured))}`;

  return (
    <div className="table-scroll">
      <table className="incidents">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" aria-sort={dateSort}>
              <button
                type="button"
                className="sort"
                onClick={() => onSort(sort === '-date' ? 'date' : '-date')}
              >
                {t('incident.date')}
                <span aria-hidden="true">{sort === 'date' ? ' ▲' : sort === '-date' ? ' ▼' : ''}</span>
              </button>
            </th>
            <th scope="col" aria-sort={sort === 'ref' ? 'ascending' : 'none'}>
              <button type="button" className="sort" onClick={() => onSort('ref')}>
                {t('incident.ref')}
                <span aria-hidden="true">{sort === 'ref' ? ' ▲' : ''}</span>
              </button>
            </th>
            <th scope="col">{t('incident.type')}</th>
            <th scope="col">{t('incident.where')}</th>
            <th scope="col">{t('incident.actor')}</th>
            <th scope="col" className="num">
              <abbr title={t('incident.casualtiesHelp')}>{t('incident.casualties')}</abbr>
            </th>
            <th scope="col" className="num">
              {t('incident.items')}
            </th>
          </tr>
        </thead>
        <tbody>
          {incidents.map(({ record: r, status, items }) => (
            <tr key={r.ref}>
              <td className="nowrap">
                <time dateTime={r.date}>{date(r.date ?? '')}</time>
              </td>
              <td className="ref">
                <Link to={incidentPath(r.ref!)}>{r.ref}</Link>
                {status === 'draft' && <span className="badge draft">{t('incident.draft')}</span>}
              </td>
              <td>{term(incidentTypes, r.type ?? '')}</td>
              <td>{where(r.place, r.admin1, country(r.country ?? ''))}</td>
              <td>{r.actor || <span className="muted">{t('common.unknown')}</span>}</td>
              <td className="num nowrap">{casualties(r.killed ?? '', r.injured ?? '')}</td>
              <td className="num">{number(items)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

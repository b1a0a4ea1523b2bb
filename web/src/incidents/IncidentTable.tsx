import { incidentTypes } from '@headstamp/incidents/vocabulary';
import type { IncidentView } from '../api/types';
import { incidentPath, Link } from '../app/router';
import { DataTable } from '../common/DataTable';
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
    <DataTable
      className="incidents"
      caption={caption}
      captionHidden
      rows={incidents}
      rowKey={(i) => i.record.ref!}
      columns={[
        {
          header: (
            <button
              type="button"
              className="sort"
              onClick={() => onSort(sort === '-date' ? 'date' : '-date')}
            >
              {t('incident.date')}
              <span aria-hidden="true">{sort === 'date' ? ' ▲' : sort === '-date' ? ' ▼' : ''}</span>
            </button>
          ),
          label: t('incident.date'),
          sort: dateSort,
          className: 'nowrap',
          cell: ({ record: r }) => <time dateTime={r.date}>{date(r.date ?? '')}</time>,
        },
        {
          header: (
            <button type="button" className="sort" onClick={() => onSort('ref')}>
              {t('incident.ref')}
              <span aria-hidden="true">{sort === 'ref' ? ' ▲' : ''}</span>
            </button>
          ),
          label: t('incident.ref'),
          sort: sort === 'ref' ? 'ascending' : 'none',
          className: 'ref',
          cell: ({ record: r, status }) => (
            <>
              <Link to={incidentPath(r.ref!)}>{r.ref}</Link>
              {status === 'draft' && <span className="badge draft">{t('incident.draft')}</span>}
            </>
          ),
        },
        { header: t('incident.type'), cell: ({ record: r }) => term(incidentTypes, r.type ?? '') },
        {
          header: t('incident.where'),
          cell: ({ record: r }) => where(r.place, r.admin1, country(r.country ?? '')),
        },
        {
          header: t('incident.actor'),
          cell: ({ record: r }) => r.actor || <span className="muted">{t('common.unknown')}</span>,
        },
        {
          header: <abbr title={t('incident.casualtiesHelp')}>{t('incident.casualties')}</abbr>,
          label: t('incident.casualties'),
          numeric: true,
          className: 'nowrap',
          cell: ({ record: r }) => casualties(r.killed ?? '', r.injured ?? ''),
        },
        { header: t('incident.items'), numeric: true, cell: ({ items }) => number(items) },
      ]}
    />
  );
}

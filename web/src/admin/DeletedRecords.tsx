import { useState } from 'react';
import { incidentTypes } from '@headstamp/incidents/vocabulary';
import { itemCategories } from '@headstamp/items/vocabulary';
import { api, paths } from '../api/client';
import type { DeletedRecords as Deleted } from '../api/types';
import { useApi } from '../api/useApi';
import { incidentPath, Link } from '../app/router';
import { DataTable, type Column } from '../common/DataTable';
import { Alert, Status } from '../common/Status';
import { refusal, useSubmit } from '../common/useSubmit';
import { useI18n } from '../i18n/i18n';

/** The deleted incidents and items, with why and by whom, and the button to restore each. */
export function DeletedRecords() {
  const { t, term, date } = useI18n();
  const deleted = useApi<Deleted>(paths.deleted);
  const [restored, setRestored] = useState('');
  const { busy, errors, done, run } = useSubmit(refusal);
  const restore = (kind: 'incident' | 'item', ref: string) =>
    run(async () => {
      await api.restoreRecord(kind, ref);
      setRestored(ref);
      deleted.reload();
    });
  const button = (kind: 'incident' | 'item', ref: string) => (
    <button
      type="button"
      disabled={busy}
      aria-label={t('deleted.restoreRef', { ref })}
      onClick={() => void restore(kind, ref)}
    >
      {t('deleted.restore')}
    </button>
  );
  // What every deleted record shows: when, by whom and why, and the button to restore it.
  const deletion = <T extends { ref: string; deletedAt: string; deletedBy: string | null; reason: string }>(
    kind: 'incident' | 'item',
  ): Column<T>[] => [
    { header: t('deleted.when'), className: 'nowrap', cell: (r) => date(r.deletedAt.slice(0, 10)) },
    { header: t('deleted.by'), cell: (r) => r.deletedBy ?? '' },
    { header: t('deleted.reason'), cell: (r) => r.reason },
    {
      header: <span className="visually-hidden">{t('deleted.restore')}</span>,
      cell: (r) => button(kind, r.ref),
    },
  ];
  return (
    <section aria-labelledby="deleted-title">
      <h2 id="deleted-title">{t('deleted.title')}</h2>
      <p className="muted">{t('deleted.intro')}</p>
      <Status loading={deleted.loading && !deleted.data} error={deleted.error} />
      {deleted.data && (
        <>
          <h3>{t('deleted.incidents')}</h3>
          <DataTable
            className="deleted"
            empty={t('deleted.none')}
            rows={deleted.data.incidents}
            rowKey={(r) => r.ref}
            columns={[
              { header: t('incident.ref'), cell: (r) => r.ref },
              { header: t('incident.date'), className: 'nowrap', cell: (r) => date(r.date) },
              { header: t('incident.type'), cell: (r) => term(incidentTypes, r.type) },
              ...deletion<Deleted['incidents'][number]>('incident'),
            ]}
          />
          <h3>{t('deleted.items')}</h3>
          <DataTable
            className="deleted"
            empty={t('deleted.none')}
            rows={deleted.data.items}
            rowKey={(r) => r.ref}
            columns={[
              { header: t('items.ref'), cell: (r) => r.ref },
              {
                header: t('items.incident'),
                cell: (r) => <Link to={incidentPath(r.incident)}>{r.incident}</Link>,
              },
              {
                header: t('items.category'),
                cell: (r) => [term(itemCategories, r.category), r.calibre].filter(Boolean).join(' · '),
              },
              ...deletion<Deleted['items'][number]>('item'),
            ]}
          />
        </>
      )}
      <Alert message={errors[''] && t('common.failed', { message: errors[''] })} />
      <p role="status" className="done">
        {done ? t('deleted.restored', { ref: restored }) : ''}
      </p>
    </section>
  );
}

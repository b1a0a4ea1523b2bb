import { useState, type FormEvent } from 'react';
import { tracingStatuses } from '@headstamp/tracing/vocabulary';
import { paths, toQuery } from '../api/client';
import type { TracingSummary } from '../api/types';
import { useApi } from '../api/useApi';
import { Link, navigate, tracingPath, useLocation } from '../app/router';
import { abilities, useMe } from '../auth/session';
import { DataTable } from '../common/DataTable';
import { Status } from '../common/Status';
import { usePageTitle } from '../common/usePageTitle';
import { useI18n } from '../i18n/i18n';

export function TracingListPage() {
  const { t, date, country, number } = useI18n();
  const { trace: allowed } = abilities(useMe());
  const { search } = useLocation();
  const status = search.get('status') ?? '';
  const requests = useApi<TracingSummary[]>(allowed ? paths.tracingRequests({ status }) : null);
  usePageTitle(t('tracing.title'));

  if (!allowed)
    return (
      <section>
        <h1>{t('tracing.title')}</h1>
        <p className="notice">{t('tracing.notForRole')}</p>
      </section>
    );

  return (
    <section className="tracing-page">
      <h1>{t('tracing.title')}</h1>
      <p className="muted">{t('tracing.intro')}</p>
      <StatusFilter key={status} status={status} />
      <Status loading={requests.loading} error={requests.error} />
      {requests.data && (
        <>
          <h2>{t('tracing.count', { count: requests.data.length })}</h2>
          <DataTable
            empty={t('tracing.none')}
            rows={requests.data}
            rowKey={(r) => r.ref}
            columns={[
              {
                header: t('tracing.ref'),
                className: 'nowrap',
                cell: (r) => <Link to={tracingPath(r.ref)}>{r.ref}</Link>,
              },
              {
                header: t('tracing.status'),
                cell: (r) => (
                  <span className={`badge status-${r.status}`}>{t(`tracing.status.${r.status}`)}</span>
                ),
              },
              { header: t('tracing.addresseeCountry'), cell: (r) => country(r.addresseeCountry) },
              { header: t('tracing.addressee'), cell: (r) => r.addressee },
              { header: t('tracing.channel'), cell: (r) => t(`tracing.channel.${r.channel}`) },
              { header: t('tracing.itemCount'), numeric: true, cell: (r) => number(r.itemCount) },
              {
                header: t('tracing.sentOn'),
                className: 'nowrap',
                cell: (r) => (r.sentOn ? date(r.sentOn) : ''),
              },
              {
                header: t('tracing.answeredOn'),
                className: 'nowrap',
                cell: (r) => (r.answeredOn ? date(r.answeredOn) : ''),
              },
              {
                header: t('tracing.diversion'),
                cell: (r) => (r.diversionEstablished ? r.diversionPoint : ''),
              },
            ]}
          />
        </>
      )}
    </section>
  );
}

function StatusFilter({ status }: { status: string }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(status);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(`/tracing${toQuery({ status: draft })}`);
  };
  return (
    <form className="filters card" onSubmit={submit} aria-label={t('tracing.filters')}>
      <div className="field">
        <label htmlFor="tracing-status">{t('tracing.status')}</label>
        <select id="tracing-status" value={draft} onChange={(e) => setDraft(e.target.value)}>
          <option value="">{t('tracing.allStatuses')}</option>
          {tracingStatuses.map((s) => (
            <option key={s} value={s}>
              {t(`tracing.status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="actions">
        <button type="submit" className="primary">
          {t('filters.apply')}
        </button>
      </div>
    </form>
  );
}

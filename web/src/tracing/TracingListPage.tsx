import { useState, type FormEvent } from 'react';
import { tracingStatuses } from '@headstamp/tracing/vocabulary';
import { paths, toQuery } from '../api/client';
import type { TracingSummary } from '../api/types';
import { useApi } from '../api/useApi';
import { Link, navigate, tracingPath, useLocation } from '../app/router';
import { abilities, useMe } from '../auth/session';
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
          {requests.data.length === 0 ? (
            <p className="muted">{t('tracing.none')}</p>
          ) : (
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('tracing.ref')}</th>
                    <th scope="col">{t('tracing.status')}</th>
                    <th scope="col">{t('tracing.addresseeCountry')}</th>
                    <th scope="col">{t('tracing.addressee')}</th>
                    <th scope="col">{t('tracing.channel')}</th>
                    <th scope="col" className="num">
                      {t('tracing.itemCount')}
                    </th>
                    <th scope="col">{t('tracing.sentOn')}</th>
                    <th scope="col">{t('tracing.answeredOn')}</th>
                    <th scope="col">{t('tracing.diversion')}</th>
                  </tr>
                </thead>
                <tbody>
                  {requests.data.map((r) => (
                    <tr key={r.ref}>
                      <td className="nowrap">
                        <Link to={tracingPath(r.ref)}>{r.ref}</Link>
                      </td>
                      <td>
                        <span className={`badge status-${r.status}`}>{t(`tracing.status.${r.status}`)}</span>
                      </td>
                      <td>{country(r.addresseeCountry)}</td>
                      <td>{r.addressee}</td>
                      <td>{t(`tracing.channel.${r.channel}`)}</td>
                      <td className="num">{number(r.itemCount)}</td>
                      <td className="nowrap">{r.sentOn ? date(r.sentOn) : ''}</td>
                      <td className="nowrap">{r.answeredOn ? date(r.answeredOn) : ''}</td>
                      <td>{r.diversionEstablished ? r.diversionPoint : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
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

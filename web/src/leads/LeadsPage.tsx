import { useState, type FormEvent } from 'react';
import { leadKinds } from '../../../src/leads/facts';
import { leadKindNames } from '../../../src/leads/vocabulary';
import { paths, toQuery } from '../api/client';
import type { LeadView } from '../api/types';
import { useApi } from '../api/useApi';
import { navigate, useLocation } from '../app/router';
import { abilities, useMe } from '../auth/session';
import { Status } from '../common/Status';
import { usePageTitle } from '../common/usePageTitle';
import { useI18n } from '../i18n/i18n';
import { LeadList } from './LeadList';

const PAGE = 50;

export function LeadsPage() {
  const { t } = useI18n();
  const me = useMe();
  const { search } = useLocation();
  const kind = search.get('kind') ?? '';
  const since = search.get('since') ?? '';
  const page = Math.max(1, Number(search.get('page') ?? '1') || 1);
  const allowed = abilities(me).readLeads;
  // One more than a page tells whether there is a next one.
  const leads = useApi<LeadView[]>(
    allowed ? paths.leads({ kind, since, limit: String(PAGE + 1), offset: String((page - 1) * PAGE) }) : null,
  );
  usePageTitle(t('nav.leads'));

  const go = (next: { kind: string; since: string; page?: number }) =>
    navigate(
      `/leads${toQuery({ kind: next.kind, since: next.since, page: next.page && next.page > 1 ? next.page : undefined })}`,
    );

  if (!allowed)
    return (
      <section>
        <h1>{t('leads.title')}</h1>
        <p className="notice">{t('leads.notForRole')}</p>
      </section>
    );

  const rows = leads.data?.slice(0, PAGE);
  const hasNext = (leads.data?.length ?? 0) > PAGE;
  return (
    <section className="leads-page">
      <h1>{t('leads.title')}</h1>
      <p className="muted">{t('leads.intro')}</p>
      <LeadFilters key={`${kind}|${since}`} kind={kind} since={since} onApply={(f) => go(f)} />
      <Status loading={leads.loading} error={leads.error} />
      {rows && <LeadList leads={rows} />}
      {rows && (page > 1 || hasNext) && (
        <nav className="pager" aria-label={t('pager.label')}>
          <button type="button" disabled={page <= 1} onClick={() => go({ kind, since, page: page - 1 })}>
            {t('pager.previous')}
          </button>
          <span>{t('pager.page', { page })}</span>
          <button type="button" disabled={!hasNext} onClick={() => go({ kind, since, page: page + 1 })}>
            {t('pager.next')}
          </button>
        </nav>
      )}
    </section>
  );
}

interface LeadFiltersProps {
  kind: string;
  since: string;
  onApply(filters: { kind: string; since: string }): void;
}

function LeadFilters({ kind, since, onApply }: LeadFiltersProps) {
  const { t, term } = useI18n();
  const [draft, setDraft] = useState({ kind, since });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  return (
    <form className="filters card" onSubmit={submit} aria-label={t('leads.filters')}>
      <div className="field">
        <label htmlFor="lead-kind">{t('leads.kind')}</label>
        <select
          id="lead-kind"
          value={draft.kind}
          onChange={(e) => setDraft({ ...draft, kind: e.target.value })}
        >
          <option value="">{t('leads.allKinds')}</option>
          {leadKinds.map((k) => (
            <option key={k} value={k}>
              {term(leadKindNames, k)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="lead-since">{t('leads.since')}</label>
        <input
          id="lead-since"
          type="date"
          value={draft.since}
          onChange={(e) => setDraft({ ...draft, since: e.target.value })}
        />
      </div>
      <div className="actions">
        <button type="submit" className="primary">
          {t('filters.apply')}
        </button>
      </div>
    </form>
  );
}

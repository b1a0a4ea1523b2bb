import { useState, type FormEvent } from 'react';
import { leadStatuses } from '@headstamp/leads/vocabulary';
import { leadKinds } from '@headstamp/leads/facts';
import { leadKindNames } from '@headstamp/leads/vocabulary';
import { getPage, paths, toQuery, type Page } from '../api/client';
import type { Assignee, LeadView } from '../api/types';
import { useApi } from '../api/useApi';
import { navigate, useLocation } from '../app/router';
import { abilities, useMe } from '../auth/session';
import { Pager } from '../common/Pager';
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
  // An inbox: what is still to be looked at, unless asked otherwise.
  const status = search.get('status') ?? 'open';
  const mine = search.get('mine') === '1';
  // Strongest first, unless asked for the newest.
  const sort = search.get('sort') === 'date' ? 'date' : 'score';
  const page = Math.max(1, Number(search.get('page') ?? '1') || 1);
  const { readLeads: allowed, decideLeads } = abilities(me);
  const leads = useApi<Page<LeadView>>(
    allowed
      ? paths.leads({
          kind,
          since,
          status: status === 'all' ? undefined : status,
          assignee: mine ? me.username : undefined,
          sort,
          limit: String(PAGE),
          offset: String((page - 1) * PAGE),
        })
      : null,
    getPage,
  );
  const assignees = useApi<Assignee[]>(decideLeads ? paths.leadAssignees : null);
  usePageTitle(t('nav.leads'));

  const filters: Filters = { kind, since, status, mine, sort };
  const go = (next: Filters & { page?: number }) =>
    navigate(
      `/leads${toQuery({
        kind: next.kind,
        since: next.since,
        status: next.status === 'open' ? undefined : next.status,
        mine: next.mine ? '1' : undefined,
        sort: next.sort === 'date' ? 'date' : undefined,
        page: next.page && next.page > 1 ? next.page : undefined,
      })}`,
    );

  if (!allowed)
    return (
      <section>
        <h1>{t('leads.title')}</h1>
        <p className="notice">{t('leads.notForRole')}</p>
      </section>
    );

  const rows = leads.data?.rows;
  const total = leads.data?.total;
  return (
    <section className="leads-page">
      <h1>{t('leads.title')}</h1>
      <p className="muted">{t('leads.intro')}</p>
      <LeadFilters
        key={`${kind}|${since}|${status}|${mine}|${sort}`}
        filters={filters}
        onApply={(f) => go(f)}
      />
      <Status loading={leads.loading} error={leads.error} />
      {total !== undefined && (
        <p className="leads-total" aria-live="polite">
          {t('leads.count', { count: total })}
        </p>
      )}
      {rows && <LeadList leads={rows} assignees={decideLeads ? (assignees.data ?? []) : undefined} />}
      {rows && total !== undefined && total > PAGE && (
        <Pager page={page} pageSize={PAGE} total={total} onPage={(p) => go({ ...filters, page: p })} />
      )}
    </section>
  );
}

interface Filters {
  kind: string;
  since: string;
  status: string;
  mine: boolean;
  sort: 'score' | 'date';
}

function LeadFilters({ filters, onApply }: { filters: Filters; onApply(filters: Filters): void }) {
  const { t, term } = useI18n();
  const [draft, setDraft] = useState(filters);
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
      <div className="field">
        <label htmlFor="lead-status">{t('leads.status')}</label>
        <select
          id="lead-status"
          value={draft.status}
          onChange={(e) => setDraft({ ...draft, status: e.target.value })}
        >
          {leadStatuses.map((s) => (
            <option key={s} value={s}>
              {t(`decision.${s}`)}
            </option>
          ))}
          <option value="all">{t('leads.allStatuses')}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="lead-sort">{t('leads.sort')}</label>
        <select
          id="lead-sort"
          value={draft.sort}
          onChange={(e) => setDraft({ ...draft, sort: e.target.value === 'date' ? 'date' : 'score' })}
        >
          <option value="score">{t('leads.sortScore')}</option>
          <option value="date">{t('leads.sortDate')}</option>
        </select>
      </div>
      <div className="field checkbox">
        <input
          id="lead-mine"
          type="checkbox"
          checked={draft.mine}
          onChange={(e) => setDraft({ ...draft, mine: e.target.checked })}
        />
        <label htmlFor="lead-mine">{t('leads.mine')}</label>
      </div>
      <div className="actions">
        <button type="submit" className="primary">
          {t('filters.apply')}
        </button>
      </div>
    </form>
  );
}

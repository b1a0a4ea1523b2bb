import { useCallback, useState, type FormEvent } from 'react';
import { leadStatuses } from '@headstamp/leads/vocabulary';
import { leadKinds } from '@headstamp/leads/facts';
import { leadKindNames, storyFacetNames } from '@headstamp/leads/vocabulary';
import { getPage, paths, toQuery, type Page } from '../api/client';
import type { Actor, Assignee, LeadFilter, LeadView, Region } from '../api/types';
import { useApi } from '../api/useApi';
import { navigate, useLocation } from '../app/router';
import { abilities, useMe } from '../auth/session';
import { ActorField } from '../common/FilterForm';
import { Pager } from '../common/Pager';
import { Status } from '../common/Status';
import { usePageTitle } from '../common/usePageTitle';
import { DayInput } from '../common/DayInput';
import { useI18n } from '../i18n/i18n';
import { RegionSelect } from '../incidents/RegionSelect';
import { BulkDecision } from './BulkDecision';
import { FindingsUpdating } from './FindingsUpdating';
import { leadKey, LeadList } from './LeadList';
import { useInboxVisit } from './useInboxVisit';

const PAGE = 50;

export function LeadsPage() {
  const { t } = useI18n();
  const me = useMe();
  const { search } = useLocation();
  const filters: Filters = {
    kind: search.get('kind') ?? '',
    since: search.get('since') ?? '',
    // An inbox: what is still to be looked at, unless asked otherwise.
    status: search.get('status') ?? 'open',
    mine: search.get('mine') === '1',
    // Strongest first, unless asked for the newest.
    sort: search.get('sort') === 'date' ? 'date' : 'score',
    country: search.get('country') ?? '',
    region: search.get('region') ?? '',
    actor: search.get('actor') ?? '',
    facet: search.get('facet') ?? '',
    sample: search.get('sample') ?? '',
    validatedOnly: search.get('validated') === '1',
    onlyNew: search.get('new') === '1',
  };
  const page = Math.max(1, Number(search.get('page') ?? '1') || 1);
  // Reached by "next": the page starts after the last finding of the one before, however deep.
  const cursor = (page > 1 && search.get('cursor')) || undefined;
  const { readLeads: allowed, decideLeads } = abilities(me);
  const previousVisit = useInboxVisit(me.username, allowed);
  // What every request of the page filters on, but what is new and the page; of the evidence,
  // only what the list shows.
  const query: LeadFilter = {
    evidence: 'brief',
    kind: filters.kind,
    since: filters.since,
    status: filters.status === 'all' ? undefined : filters.status,
    assignee: filters.mine ? me.username : undefined,
    country: filters.country,
    region: filters.region,
    actor: filters.actor,
    facet: filters.facet,
    sample: filters.sample,
    validatedOnly: filters.validatedOnly ? 'true' : undefined,
  };
  const newSince = previousVisit ?? undefined;
  const leads = useApi<Page<LeadView>>(
    // Asked once the visit is known, so that "new only" never shows everything for a moment.
    allowed && previousVisit !== undefined
      ? paths.leads({
          ...query,
          newSince: filters.onlyNew ? newSince : undefined,
          sort: filters.sort,
          limit: String(PAGE),
          ...(cursor ? { cursor } : { offset: String((page - 1) * PAGE) }),
        })
      : null,
    getPage,
  );
  // How many of the findings these filters select are new since the last visit.
  const fresh = useApi<Page<LeadView>>(
    allowed && newSince ? paths.leads({ ...query, newSince, limit: '1' }) : null,
    getPage,
  );
  const assignees = useApi<Assignee[]>(decideLeads ? paths.leadAssignees : null);
  const regions = useApi<Region[]>(allowed ? paths.regions : null);
  const actors = useApi<Actor[]>(allowed ? paths.actors : null);
  // Findings ticked for a decision in bulk: those of the page on screen only.
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [decided, setDecided] = useState<number | undefined>();
  usePageTitle(t('nav.leads'));
  const { reload: reloadLeads } = leads;
  const { reload: reloadFresh } = fresh;
  const refresh = useCallback(() => {
    reloadLeads();
    reloadFresh();
  }, [reloadLeads, reloadFresh]);

  const go = (next: Filters & { page?: number; cursor?: string }) => {
    setSelected(new Set());
    setDecided(undefined);
    navigate(
      `/leads${toQuery({
        kind: next.kind,
        since: next.since,
        status: next.status === 'open' ? undefined : next.status,
        mine: next.mine ? '1' : undefined,
        sort: next.sort === 'date' ? 'date' : undefined,
        country: next.country,
        region: next.region,
        actor: next.actor,
        facet: next.facet,
        sample: next.sample,
        validated: next.validatedOnly ? '1' : undefined,
        new: next.onlyNew ? '1' : undefined,
        page: next.page && next.page > 1 ? next.page : undefined,
        cursor: next.page && next.page > 1 ? next.cursor : undefined,
      })}`,
    );
  };

  if (!allowed)
    return (
      <section>
        <h1>{t('leads.title')}</h1>
        <p className="notice">{t('leads.notForRole')}</p>
      </section>
    );

  const rows = leads.data?.rows;
  const total = leads.data?.total;
  const chosen = rows?.filter((lead) => selected.has(leadKey(lead))) ?? [];
  const toggle = (lead: LeadView, on: boolean) =>
    setSelected((before) => {
      const after = new Set(before);
      if (on) after.add(leadKey(lead));
      else after.delete(leadKey(lead));
      return after;
    });
  return (
    <section className="leads-page">
      <h1>{t('leads.title')}</h1>
      <p className="muted">{t('leads.intro')}</p>
      <LeadFilters
        key={search.toString()}
        filters={filters}
        regions={regions.data ?? []}
        actors={actors.data ?? []}
        newCount={newSince ? fresh.data?.total : undefined}
        onApply={(f) => go(f)}
      />
      <Status loading={leads.loading} error={leads.error} />
      <FindingsUpdating onUpdated={refresh} />
      {total !== undefined && (
        <p className="leads-total" aria-live="polite">
          {t('leads.count', { count: total })}
        </p>
      )}
      {decided !== undefined && (
        <p className="notice" role="status">
          {t('bulk.done', { count: decided })}
        </p>
      )}
      {decideLeads && rows && rows.length > 0 && (
        <p className="lead-select-page">
          <input
            id="lead-select-page"
            type="checkbox"
            checked={chosen.length === rows.length}
            onChange={(e) => setSelected(new Set(e.target.checked ? rows.map(leadKey) : []))}
          />
          <label htmlFor="lead-select-page">{t('leads.selectPage')}</label>
        </p>
      )}
      {decideLeads && chosen.length > 0 && (
        <BulkDecision
          findings={chosen.map(({ kind, subject }) => ({ kind, subject }))}
          assignees={assignees.data ?? []}
          onClear={() => setSelected(new Set())}
          onDone={(count) => {
            setSelected(new Set());
            setDecided(count);
            refresh();
          }}
        />
      )}
      {rows && (
        <LeadList
          leads={rows}
          assignees={decideLeads ? (assignees.data ?? []) : undefined}
          newSince={previousVisit}
          selection={decideLeads ? { selected, toggle } : undefined}
        />
      )}
      {rows && total !== undefined && total > PAGE && (
        <Pager
          page={page}
          pageSize={PAGE}
          total={total}
          onPage={(p) =>
            go({ ...filters, page: p, cursor: p === page + 1 ? leads.data?.nextCursor : undefined })
          }
        />
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
  country: string;
  region: string;
  actor: string;
  facet: string;
  sample: string;
  validatedOnly: boolean;
  onlyNew: boolean;
}

function LeadFilters({
  filters,
  regions,
  actors,
  newCount,
  onApply,
}: {
  filters: Filters;
  regions: Region[];
  actors: Actor[];
  /** How many findings are new since the last visit; undefined when there was none before. */
  newCount: number | undefined;
  onApply(filters: Filters): void;
}) {
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
        <label htmlFor="lead-facet">{t('leads.facet')}</label>
        <select
          id="lead-facet"
          value={draft.facet}
          onChange={(e) => setDraft({ ...draft, facet: e.target.value })}
        >
          <option value="">{t('leads.allFacets')}</option>
          {storyFacetNames.keys.map((f) => (
            <option key={f} value={f}>
              {term(storyFacetNames, f)}
            </option>
          ))}
        </select>
      </div>
      <RegionSelect
        id="lead-region"
        regions={regions}
        country={draft.country || undefined}
        admin1={draft.region || undefined}
        onChange={({ country, admin1 }) => setDraft({ ...draft, country, region: admin1 })}
      />
      <ActorField
        id="lead-actor"
        actors={actors}
        value={draft.actor}
        onChange={(actor) => setDraft({ ...draft, actor })}
      />
      <div className="field">
        <label htmlFor="lead-sample">{t('leads.sample')}</label>
        <input
          id="lead-sample"
          value={draft.sample}
          autoComplete="off"
          onChange={(e) => setDraft({ ...draft, sample: e.target.value.trim() })}
        />
      </div>
      <div className="field">
        <label htmlFor="lead-since">{t('leads.since')}</label>
        <DayInput id="lead-since" value={draft.since} onChange={(since) => setDraft({ ...draft, since })} />
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
      <div className="field checkbox">
        <input
          id="lead-validated"
          type="checkbox"
          checked={draft.validatedOnly}
          onChange={(e) => setDraft({ ...draft, validatedOnly: e.target.checked })}
        />
        <label htmlFor="lead-validated">{t('leads.validatedOnly')}</label>
      </div>
      {newCount !== undefined && (
        <div className="field checkbox">
          <input
            id="lead-new"
            type="checkbox"
            checked={draft.onlyNew}
            onChange={(e) => setDraft({ ...draft, onlyNew: e.target.checked })}
          />
          <label htmlFor="lead-new">{t('leads.newSinceVisit', { count: newCount })}</label>
        </div>
      )}
      <div className="actions">
        <button type="submit" className="primary">
          {t('filters.apply')}
        </button>
      </div>
    </form>
  );
}

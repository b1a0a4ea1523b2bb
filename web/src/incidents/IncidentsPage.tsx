import { incidentTypes } from '@headstamp/incidents/vocabulary';
import { paths } from '../api/client';
import type { Actor, IncidentPage, IncidentPoint, IncidentPoints, Region } from '../api/types';
import { useApi } from '../api/useApi';
import { incidentPath, navigate, useLocation } from '../app/router';
import { LinkNotes } from '../common/LinkNotes';
import { Pager } from '../common/Pager';
import { Status } from '../common/Status';
import { usePageTitle } from '../common/usePageTitle';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { LazyMap } from '../map/LazyMap';
import { listPath, pageQuery, readList, type FilterName, type ListState } from './filters';
import { ExportLinks } from './ExportLinks';
import { IncidentFilters } from './IncidentFilters';
import { IncidentTable } from './IncidentTable';

const NO_POINTS: IncidentPoint[] = [];

/** The label of each filter's field, to name it in a note about the link. */
const FILTER_LABELS: Record<FilterName, MessageKey> = {
  q: 'filters.q',
  from: 'filters.from',
  to: 'filters.to',
  type: 'filters.type',
  country: 'filters.region',
  admin1: 'filters.region',
  actor: 'filters.actor',
  hasItems: 'filters.hasItems',
  status: 'filters.status',
};

export function IncidentsPage() {
  const { t, term, country } = useI18n();
  const { search } = useLocation();
  const { notes, ...state } = readList(search);
  const list = useApi<IncidentPage>(paths.incidents(pageQuery(state)));
  const points = useApi<IncidentPoints>(paths.incidentPoints(state.filters));
  const regions = useApi<Region[]>(paths.regions);
  const actors = useApi<Actor[]>(paths.actors);
  usePageTitle(t('nav.incidents'));

  // A new selection, order or page starts from its own place, not from the cursor of this page.
  const go = (next: Partial<ListState>) => navigate(listPath({ ...state, cursor: undefined, ...next }));
  const nextCursor = list.data?.nextCursor;
  const total = list.data?.total;

  return (
    <div className="incidents-page">
      <h1>{t('incidents.title')}</h1>
      <LinkNotes
        notes={notes}
        label={(name) => t(FILTER_LABELS[name])}
        shown={(name, value) =>
          name === 'type' ? term(incidentTypes, value) : name === 'country' ? country(value) : value
        }
      />
      <IncidentFilters
        key={search.toString()}
        value={state.filters}
        regions={regions.data ?? []}
        actors={actors.data ?? []}
        onApply={(filters) => go({ filters, page: 1 })}
      />
      <div className="incidents-layout">
        <section className="incidents-list" aria-labelledby="results">
          <h2 id="results" aria-live="polite">
            {total === undefined ? t('incidents.results') : t('incidents.count', { count: total })}
          </h2>
          <Status loading={list.loading && !list.data} error={list.error} retry={list.reload} />
          {total !== undefined && total > 0 && <ExportLinks filters={state.filters} />}
          {list.data && list.data.incidents.length === 0 && <p className="muted">{t('incidents.none')}</p>}
          {list.data && list.data.incidents.length > 0 && (
            <>
              <IncidentTable
                incidents={list.data.incidents}
                sort={state.sort}
                onSort={(sort) => go({ sort, page: 1 })}
                caption={t('incidents.count', { count: list.data.total })}
              />
              <Pager
                page={list.data.page}
                pageSize={list.data.pageSize}
                total={list.data.total}
                onPage={(page) =>
                  go(page === state.page + 1 && nextCursor ? { page, cursor: nextCursor } : { page })
                }
              />
            </>
          )}
        </section>
        <section className="incidents-map" aria-labelledby="map-title">
          <h2 id="map-title">{t('map.title')}</h2>
          {points.error ? (
            <p className="error small" role="alert">
              {t('map.pointsFailed')}{' '}
              <button type="button" className="link" onClick={points.reload}>
                {t('common.retry')}
              </button>
            </p>
          ) : (
            <p className="muted small">
              {points.data ? t('map.shown', { count: points.data.total }) : t('map.loading')}
            </p>
          )}
          <LazyMap
            points={points.data?.points ?? NO_POINTS}
            label={t('map.label')}
            onSelect={(ref) => navigate(incidentPath(ref))}
          />
        </section>
      </div>
    </div>
  );
}

import { useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { incidentTypes } from '@headstamp/incidents/vocabulary';
import { paths, toQuery } from '../api/client';
import type { Actor, LinkNetwork, LinkQuery, Region } from '../api/types';
import { useApi } from '../api/useApi';
import { incidentPath, Link, navigate, useLocation } from '../app/router';
import { DataTable } from '../common/DataTable';
import { SampleField } from '../common/SampleField';
import { SampleLinks } from '../common/SampleLinks';
import { ActorField, DateRangeFields, FilterForm } from '../common/FilterForm';
import { Status } from '../common/Status';
import { usePageTitle } from '../common/usePageTitle';
import { useI18n } from '../i18n/i18n';
import { RegionSelect } from '../incidents/RegionSelect';
import { downloadPng, downloadSvg } from './exportImage';
import { LinkGraph } from './LinkGraph';

const FIELDS = ['sample', 'actor', 'country', 'admin1', 'from', 'to', 'limit'] as const;
const LIMITS = ['100', '300', '1000'];
const DEFAULT_LIMIT = '300';

function readQuery(search: URLSearchParams): LinkQuery {
  const query: LinkQuery = {};
  for (const name of FIELDS) {
    const value = search.get(name)?.trim();
    if (value) query[name] = value;
  }
  return query;
}

export function LinksPage() {
  const { t, number } = useI18n();
  const { search } = useLocation();
  const query = useMemo(() => readQuery(search), [search]);
  const network = useApi<LinkNetwork>(paths.links(query));
  const regions = useApi<Region[]>(paths.regions);
  const actors = useApi<Actor[]>(paths.actors);
  const [active, setActive] = useState<string | null>(null);
  const svg = useRef<SVGSVGElement>(null);
  const [exportError, setExportError] = useState(false);
  usePageTitle(t('links.title'));

  const data = network.data;
  const fileName = `headstamp-links${query.sample ? `-${query.sample.replace(/[^\w.-]+/g, '_')}` : ''}`;
  // The image shows the whole network as it is, not the incident pointed at a moment ago.
  const neutral = () => {
    flushSync(() => setActive(null));
    return svg.current;
  };
  const exportPng = () => {
    const drawing = neutral();
    if (!drawing) return;
    setExportError(false);
    downloadPng(drawing, fileName).catch(() => setExportError(true));
  };
  const exportSvg = () => {
    const drawing = neutral();
    if (drawing) downloadSvg(drawing, fileName);
  };

  return (
    <div className="links-page">
      <h1>{t('links.title')}</h1>
      {data && <p className="muted">{t('links.intro', { max: data.maxIncidentsPerSample })}</p>}
      <LinkFilters
        key={search.toString()}
        value={query}
        regions={regions.data ?? []}
        actors={actors.data ?? []}
        onApply={(next) => navigate(`/links${toQuery(next)}`)}
      />
      <Status loading={network.loading && !data} error={network.error} />
      {data?.samples && query.sample && <MatchedSamples text={query.sample} samples={data.samples} />}
      {data && (
        <>
          <p aria-live="polite" data-testid="links-summary">
            {t('links.summary', { count: data.links.length, incidents: data.nodes.length })}
            {data.truncated && (
              <>
                {' '}
                <strong>
                  {t('links.truncated', { shown: data.links.length, total: number(data.total) })}
                </strong>
              </>
            )}
          </p>
          {data.links.length === 0 ? (
            <p className="muted">{t('links.none')}</p>
          ) : (
            <>
              <div className="links-layout">
                <div className="links-graph">
                  <LinkGraph
                    ref={svg}
                    network={data}
                    active={active}
                    onActive={setActive}
                    title={t('links.graphTitle')}
                  />
                  <div className="links-export">
                    <button type="button" onClick={exportPng}>
                      {t('links.downloadPng')}
                    </button>
                    <button type="button" onClick={exportSvg}>
                      {t('links.downloadSvg')}
                    </button>
                    {exportError && (
                      <span role="alert" className="error">
                        {t('links.exportFailed')}
                      </span>
                    )}
                  </div>
                </div>
                <NodeDetails network={data} active={active} />
              </div>
              <LinkTable network={data} />
            </>
          )}
        </>
      )}
    </div>
  );
}

/** What the sample filter stood for, when it was typed rather than picked. */
function MatchedSamples({ text, samples }: { text: string; samples: readonly string[] }) {
  const { t } = useI18n();
  if (samples.length === 1 && samples[0] === text) return null;
  return (
    <p data-testid="links-samples">
      {samples.length === 0 ? (
        t('links.noSampleMatch', { text })
      ) : (
        <>
          {t('links.samplesMatched', { count: samples.length, text })} <SampleLinks samples={samples} />
        </>
      )}
    </p>
  );
}

/** What links the incident pointed at or focused in the network. */
function NodeDetails({ network, active }: { network: LinkNetwork; active: string | null }) {
  const { t, term, date } = useI18n();
  const node = active ? network.nodes.find((n) => n.ref === active) : undefined;
  const links = node ? network.links.filter((l) => l.source === node.ref || l.target === node.ref) : [];
  return (
    <aside className="links-details card" aria-live="polite" aria-labelledby="links-details-title">
      <h2 id="links-details-title">{node ? node.ref : t('links.detailsTitle')}</h2>
      {!node ? (
        <p className="muted">{t('links.detailsHint')}</p>
      ) : (
        <>
          <p>
            {date(node.date)} · {term(incidentTypes, node.type)} · {node.admin1 ?? node.country}
            <br />
            {t('incident.actor')}: {node.actor ?? t('common.unknown')}
          </p>
          <p>
            <Link to={incidentPath(node.ref)}>{t('links.openIncident')}</Link>
          </p>
          <h3>{t('links.nodeLinks', { count: links.length })}</h3>
          <ul>
            {links.map((l) => {
              const other = l.source === node.ref ? l.target : l.source;
              return (
                <li key={other}>
                  <Link to={incidentPath(other)}>{other}</Link>
                  <div className="link-samples">
                    <SampleLinks samples={l.samples} />
                    {l.actor && <div>{t('links.bothBy', { actor: l.actor })}</div>}
                  </div>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </aside>
  );
}

/** The same links as a table: for the keyboard, screen readers and copying. */
function LinkTable({ network }: { network: LinkNetwork }) {
  const { t, percent } = useI18n();
  return (
    <section aria-labelledby="links-table-title">
      <h2 id="links-table-title">{t('links.tableTitle')}</h2>
      <DataTable
        className="links-table"
        rows={network.links}
        rowKey={(l) => `${l.source} ${l.target}`}
        columns={[
          {
            header: t('links.incidentA'),
            className: 'ref',
            cell: (l) => <Link to={incidentPath(l.source)}>{l.source}</Link>,
          },
          {
            header: t('links.incidentB'),
            className: 'ref',
            cell: (l) => <Link to={incidentPath(l.target)}>{l.target}</Link>,
          },
          {
            header: t('links.samples'),
            cell: (l) => <SampleLinks samples={l.samples} />,
          },
          { header: t('links.actor'), cell: (l) => l.actor ?? '' },
          {
            header: t('links.strength'),
            numeric: true,
            cell: (l) => percent(l.weight),
          },
        ]}
      />
    </section>
  );
}

interface FilterProps {
  value: LinkQuery;
  regions: Region[];
  actors: Actor[];
  onApply(query: LinkQuery): void;
}

/** The network's filters. */
function LinkFilters({ value, regions, actors, onApply }: FilterProps) {
  const { t } = useI18n();
  return (
    <FilterForm label={t('links.filters')} value={value} onApply={onApply}>
      {(draft, set) => (
        <>
          <SampleField id="l-sample" value={draft.sample} onChange={(sample) => set({ sample })} />
          <ActorField id="l-actor" actors={actors} value={draft.actor} onChange={(actor) => set({ actor })} />
          <RegionSelect
            id="l-region"
            regions={regions}
            country={draft.country}
            admin1={draft.admin1}
            onChange={(place) => set(place)}
          />
          <DateRangeFields prefix="l" from={draft.from} to={draft.to} onChange={set} />
          <div className="field">
            <label htmlFor="l-limit">{t('links.limit')}</label>
            <select
              id="l-limit"
              value={draft.limit ?? DEFAULT_LIMIT}
              onChange={(e) => set({ limit: e.target.value === DEFAULT_LIMIT ? '' : e.target.value })}
            >
              {LIMITS.map((l) => (
                <option key={l} value={l}>
                  {t('links.strongest', { count: Number(l) })}
                </option>
              ))}
            </select>
          </div>
        </>
      )}
    </FilterForm>
  );
}

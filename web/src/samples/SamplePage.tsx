import { useMemo, useState } from 'react';
import { incidentTypes } from '@headstamp/incidents/vocabulary';
import { ApiError, paths, toQuery } from '../api/client';
import type { Assignee, IncidentPoint, SampleProfile } from '../api/types';
import { useApi } from '../api/useApi';
import { incidentPath, Link, navigate } from '../app/router';
import { abilities, useMe } from '../auth/session';
import { BarChart, PALETTE } from '../charts/BarChart';
import { DataTable } from '../common/DataTable';
import { Status } from '../common/Status';
import { usePageTitle } from '../common/usePageTitle';
import type { Formatter } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { AddToCaseFile } from '../casefiles/AddToCaseFile';
import { ItemsTable } from '../incidents/ItemsTable';
import { LeadList } from '../leads/LeadList';
import { LazyMap } from '../map/LazyMap';

const KINDS: Record<string, MessageKey> = {
  ammo: 'sample.kindAmmo',
  weapon: 'sample.kindWeapon',
  explosive: 'sample.kindExplosive',
  ied: 'sample.kindIed',
};

/** `ammo:7.62x39:cn-61:2015` → "7.62x39 ammunition, producer cn-61, made in 2015". */
export function describeSample(key: string, { t }: Formatter): string {
  const [kind = '', what = '', maker = '', year = ''] = key.split(':');
  const noun = KINDS[kind];
  return t('sample.description', { what, kind: noun ? t(noun) : kind, maker, year });
}

type Incident = SampleProfile['incidents'][number];

/** Every year from the first to the last, so gaps in the timeline show as gaps. */
function yearsBetween(incidents: Incident[]): string[] {
  if (incidents.length === 0) return [];
  const first = Number(incidents[0]!.date.slice(0, 4));
  const last = Number(incidents[incidents.length - 1]!.date.slice(0, 4));
  return Array.from({ length: last - first + 1 }, (_, i) => String(first + i));
}

export function SamplePage({ sampleKey }: { sampleKey: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const me = useMe();
  // Deciders decide on the findings listed here as in the inbox.
  const deciders = useApi<Assignee[]>(abilities(me).decideLeads ? paths.leadAssignees : null);
  const assignees = abilities(me).decideLeads ? (deciders.data ?? []) : undefined;
  const profile = useApi<SampleProfile>(paths.sample(sampleKey));
  // The server's name for it, as the findings say it, once known; the key read meanwhile.
  const label = profile.data?.label;
  const description = label
    ? label.charAt(0).toUpperCase() + label.slice(1)
    : describeSample(sampleKey, i18n);
  usePageTitle(description);
  const notFound = profile.error instanceof ApiError && profile.error.status === 404;

  return (
    <article className="sample-page">
      <h1>
        {description}
        <span className="sample-key">
          <code>{sampleKey}</code>
        </span>
      </h1>
      {notFound ? (
        <p role="alert" className="notice" data-testid="not-found">
          {t('sample.notFound')}
        </p>
      ) : (
        <Status loading={profile.loading && !profile.data} error={profile.error} />
      )}
      {profile.data && (
        <>
          <Summary profile={profile.data} />
          {abilities(me).writeCaseFiles && (
            <div className="page-actions">
              <AddToCaseFile members={{ samples: [sampleKey] }} title={description} />
            </div>
          )}
          <div className="sample-top">
            <Timeline profile={profile.data} />
            <YearMap incidents={profile.data.incidents} />
          </div>
          <Actors profile={profile.data} />
          <section aria-labelledby="sample-incidents">
            <h2 id="sample-incidents">{t('sample.incidents', { count: profile.data.incidents.length })}</h2>
            <IncidentList incidents={profile.data.incidents} />
          </section>
          <section aria-labelledby="sample-items">
            <h2 id="sample-items">{t('incident.itemsTitle', { count: profile.data.items })}</h2>
            {profile.data.records.length < profile.data.items && (
              <p className="muted">
                {t('sample.recordsShown', { shown: profile.data.records.length, count: profile.data.items })}
              </p>
            )}
            <ItemsTable items={profile.data.records} incidentColumn sampleColumn={false} />
          </section>
          {abilities(me).readLeads && (
            <section aria-labelledby="sample-leads">
              <h2 id="sample-leads">{t('sample.leads', { count: profile.data.leads.length })}</h2>
              <LeadList leads={profile.data.leads} assignees={assignees} />
            </section>
          )}
        </>
      )}
    </article>
  );
}

function Summary({ profile }: { profile: SampleProfile }) {
  const { t, date, number, country } = useI18n();
  const rows: [MessageKey, string][] = [
    ['sample.firstSeen', date(profile.firstSeen)],
    ['sample.lastSeen', date(profile.lastSeen)],
    ['sample.incidentCount', number(profile.incidents.length)],
    ['sample.itemCount', `${number(profile.items)} (${t('sample.pieces', { count: profile.quantity })})`],
    ['sample.countries', profile.countries.map((c) => country(c)).join(', ')],
  ];
  return (
    <div className="sample-summary">
      <dl className="fields">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{t(label)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p>
        <Link to={`/links${toQuery({ sample: profile.sample })}`}>{t('sample.seeLinks')}</Link>
      </p>
    </div>
  );
}

function Timeline({ profile }: { profile: SampleProfile }) {
  const { t } = useI18n();
  const years = yearsBetween(profile.incidents);
  const per = (count: (i: Incident) => number) =>
    years.map((y) =>
      profile.incidents.filter((i) => i.date.startsWith(y)).reduce((sum, i) => sum + count(i), 0),
    );
  return (
    <section aria-labelledby="sample-timeline" className="sample-timeline">
      <h2 id="sample-timeline">{t('sample.timeline')}</h2>
      <BarChart
        title={t('sample.perYear')}
        categories={years}
        series={[
          { key: 'incidents', label: t('sample.seriesIncidents'), colour: PALETTE[0]!, values: per(() => 1) },
          {
            key: 'items',
            label: t('sample.seriesItems'),
            colour: PALETTE[1]!,
            values: per((i) => i.items.length),
          },
        ]}
      />
    </section>
  );
}

/** Where the sample was documented, one year at a time or all years together. */
function YearMap({ incidents }: { incidents: Incident[] }) {
  const { t, number } = useI18n();
  const [year, setYear] = useState('');
  const years = useMemo(() => [...new Set(incidents.map((i) => i.date.slice(0, 4)))], [incidents]);
  const points = useMemo<IncidentPoint[]>(
    () =>
      incidents
        .filter((i) => i.lat !== null && i.lon !== null && (year === '' || i.date.startsWith(year)))
        .map((i) => [i.lon!, i.lat!, i.ref, i.type]),
    [incidents, year],
  );
  const regions = useMemo(() => {
    const shown = incidents.filter((i) => year === '' || i.date.startsWith(year));
    return [...new Set(shown.map((i) => (i.admin1 ? `${i.admin1}` : i.country)))].sort();
  }, [incidents, year]);
  return (
    <section aria-labelledby="sample-map" className="sample-map">
      <h2 id="sample-map">{t('sample.where')}</h2>
      <div className="sample-map-tools">
        <label htmlFor="sample-year">{t('sample.year')}</label>
        <select id="sample-year" value={year} onChange={(e) => setYear(e.target.value)}>
          <option value="">{t('sample.allYears')}</option>
          {years.map((y) => (
            <option key={y} value={y}>
              {y} ({number(incidents.filter((i) => i.date.startsWith(y)).length)})
            </option>
          ))}
        </select>
        <span className="muted small" aria-live="polite">
          {t('map.shown', { count: points.length })} · {regions.join(', ')}
        </span>
      </div>
      <LazyMap
        points={points}
        size="small"
        label={t('sample.mapLabel')}
        onSelect={(ref) => navigate(incidentPath(ref))}
      />
    </section>
  );
}

function Actors({ profile }: { profile: SampleProfile }) {
  const { t } = useI18n();
  const counts = new Map<string, number>();
  for (const i of profile.incidents) {
    const actor = i.actor ?? '';
    counts.set(actor, (counts.get(actor) ?? 0) + 1);
  }
  const known = [...counts.entries()].filter(([a]) => a !== '').sort((a, b) => b[1] - a[1]);
  return (
    <section aria-labelledby="sample-actors">
      <h2 id="sample-actors">{t('sample.actors')}</h2>
      {known.length === 0 ? (
        <p className="muted">{t('sample.noActor')}</p>
      ) : (
        <ul className="sample-actors">
          {known.map(([actor, n]) => (
            <li key={actor}>
              <Link to={`/links${toQuery({ actor, sample: profile.sample })}`}>{actor}</Link>{' '}
              <span className="muted">{t('sample.atIncidents', { count: n })}</span>
            </li>
          ))}
          {counts.has('') && (
            <li className="muted">{t('sample.unattributed', { count: counts.get('') ?? 0 })}</li>
          )}
        </ul>
      )}
    </section>
  );
}

function IncidentList({ incidents }: { incidents: Incident[] }) {
  const { t, term, date, country } = useI18n();
  return (
    <DataTable
      rows={incidents}
      rowKey={(i) => i.ref}
      columns={[
        { header: t('incident.date'), className: 'nowrap', cell: (i) => date(i.date) },
        {
          header: t('incident.ref'),
          className: 'ref',
          cell: (i) => <Link to={incidentPath(i.ref)}>{i.ref}</Link>,
        },
        { header: t('incident.type'), cell: (i) => term(incidentTypes, i.type) },
        {
          header: t('incident.where'),
          cell: (i) => [i.place, i.admin1, country(i.country)].filter(Boolean).join(', '),
        },
        {
          header: t('incident.actor'),
          cell: (i) => i.actor ?? <span className="muted">{t('common.unknown')}</span>,
        },
        { header: t('incident.items'), numeric: true, cell: (i) => i.items.length },
      ]}
    />
  );
}

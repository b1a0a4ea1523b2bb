import { useMemo, useState } from 'react';
import { attributionStatuses, classifications, incidentTypes } from '@headstamp/incidents/vocabulary';
import { ApiError, paths } from '../api/client';
import type { Assignee, AttachmentView, IncidentDetail, IncidentPoint } from '../api/types';
import { useApi } from '../api/useApi';
import { editPath, incidentPath, Link, navigate } from '../app/router';
import { abilities, useMe } from '../auth/session';
import { Status } from '../common/Status';
import { usePageTitle } from '../common/usePageTitle';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { LeadList } from '../leads/LeadList';
import { LazyMap } from '../map/LazyMap';
import { ItemsTable } from './ItemsTable';
import { RequestTrace } from '../tracing/RequestTrace';
import { AddToCaseFile } from '../casefiles/AddToCaseFile';
import { IncidentReleases } from './IncidentReleases';
import { Photos } from './Photos';
import { ReviewPanel } from './ReviewPanel';

export function IncidentPage({ reference }: { reference: string }) {
  const { t } = useI18n();
  const me = useMe();
  // Deciders decide on the findings listed here as in the inbox.
  const deciders = useApi<Assignee[]>(abilities(me).decideLeads ? paths.leadAssignees : null);
  const assignees = abilities(me).decideLeads ? (deciders.data ?? []) : undefined;
  const detail = useApi<IncidentDetail>(paths.incident(reference));
  const attachments = useApi<AttachmentView[]>(paths.incidentAttachments(reference));
  // Items ticked for a tracing request.
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const { trace, writeCaseFiles, release } = abilities(me);
  const toggle = (ref: string, on: boolean) =>
    setSelected((before) => {
      const after = new Set(before);
      if (on) after.add(ref);
      else after.delete(ref);
      return after;
    });
  usePageTitle(reference);

  const notFound = detail.error instanceof ApiError && detail.error.status === 404;
  return (
    <article className="incident-page">
      <p>
        <Link to="/incidents">← {t('incident.back')}</Link>
      </p>
      <div className="page-title">
        <h1>{reference}</h1>
        {detail.data?.can.change && (
          <Link to={editPath('incident', reference)} className="button">
            {t('edit.editIncident')}
          </Link>
        )}
      </div>
      {notFound ? (
        <p role="alert" className="notice" data-testid="not-found">
          {t('incident.notFound')}
        </p>
      ) : (
        <Status loading={detail.loading && !detail.data} error={detail.error} />
      )}
      {detail.data && (
        <>
          {writeCaseFiles && (
            <div className="page-actions">
              <AddToCaseFile members={{ incidents: [reference] }} title={reference} />
            </div>
          )}
          <ReviewPanel reference={reference} detail={detail.data} onReviewed={detail.reload} />
          <div className="incident-top">
            <RecordFields detail={detail.data} seeSources={abilities(me).seeSources} />
            <IncidentLocation detail={detail.data} />
          </div>
          <section aria-labelledby="items-title">
            <h2 id="items-title">{t('incident.itemsTitle', { count: detail.data.items.length })}</h2>
            <ItemsTable
              items={detail.data.items}
              selection={trace ? { selected, onToggle: toggle } : undefined}
              editable={detail.data.can.change}
            />
            {trace && detail.data.items.length > 0 && (
              <RequestTrace items={detail.data.items.filter((i) => selected.has(i.record.ref ?? ''))} />
            )}
          </section>
          <section aria-labelledby="photos-title">
            <h2 id="photos-title">{t('incident.photos')}</h2>
            <Status loading={attachments.loading && !attachments.data} error={attachments.error} />
            {attachments.data && <Photos attachments={attachments.data} />}
          </section>
          {abilities(me).readLeads && (
            <section aria-labelledby="leads-title">
              <h2 id="leads-title">{t('incident.leads', { count: detail.data.leads.length })}</h2>
              <LeadList leads={detail.data.leads} current={reference} assignees={assignees} />
            </section>
          )}
          {release && <IncidentReleases reference={reference} />}
        </>
      )}
    </article>
  );
}

function IncidentLocation({ detail }: { detail: IncidentDetail }) {
  const { t } = useI18n();
  const r = detail.incident.record;
  const points = useMemo<IncidentPoint[]>(
    () => (r.lat && r.lon ? [[Number(r.lon), Number(r.lat), r.ref!, r.type!]] : []),
    [r.lat, r.lon, r.ref, r.type],
  );
  if (points.length === 0) return <p className="muted">{t('incident.noCoordinates')}</p>;
  return (
    <LazyMap
      points={points}
      highlight={r.ref}
      size="small"
      label={t('incident.mapLabel')}
      onSelect={(ref) => navigate(incidentPath(ref))}
    />
  );
}

function RecordFields({ detail, seeSources }: { detail: IncidentDetail; seeSources: boolean }) {
  const { t, term, date, country, number, coordinates } = useI18n();
  const r = detail.incident.record;
  const count = (value: string | undefined) => (value ? number(Number(value)) : '–');
  const rows: [MessageKey, string][] = [
    ['incident.date', date(r.date ?? '')],
    ['incident.type', term(incidentTypes, r.type ?? '')],
    ['incident.country', country(r.country ?? '')],
    ['incident.region', r.admin1 ?? ''],
    ['incident.place', r.place ?? ''],
    ['incident.coordinates', r.lat && r.lon ? coordinates(Number(r.lat), Number(r.lon)) : ''],
    ['incident.mgrs', r.mgrs ?? ''],
    ['incident.target', r.target ?? ''],
    [
      'incident.actor',
      r.actor ? `${r.actor} (${term(attributionStatuses, r.attribution ?? '')})` : t('common.unknown'),
    ],
    ['incident.killedInjured', `${count(r.killed)} / ${count(r.injured)}`],
    ['incident.peacekeepers', `${count(r.peacekeepers_killed)} / ${count(r.peacekeepers_injured)}`],
    ['incident.classification', term(classifications, r.classification ?? '')],
    ['incident.status', detail.incident.status === 'draft' ? t('incident.draft') : t('incident.validated')],
  ];
  if (seeSources) rows.push(['incident.source', r.source ?? '']);
  return (
    <div className="record">
      {r.summary && <p className="summary">{r.summary}</p>}
      <dl className="fields">
        {rows
          .filter(([, value]) => value !== '')
          .map(([label, value]) => (
            <div key={label}>
              <dt>{t(label)}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
    </div>
  );
}

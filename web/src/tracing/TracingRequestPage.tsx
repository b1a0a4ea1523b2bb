import { useState, type FormEvent } from 'react';
import { itemCategories, itemTypes } from '@headstamp/items/vocabulary';
import { incidentTypes } from '@headstamp/incidents/vocabulary';
import { tracingEvents, type TracingEvent } from '@headstamp/tracing/vocabulary';
import { ApiError, api, paths } from '../api/client';
import type { TracingEventInput, TracingRequestView } from '../api/types';
import { useApi } from '../api/useApi';
import { incidentPath, Link } from '../app/router';
import { abilities, useMe } from '../auth/session';
import { DataTable } from '../common/DataTable';
import { Status } from '../common/Status';
import { usePageTitle } from '../common/usePageTitle';
import { Field } from '../common/Field';
import { useSubmit } from '../common/useSubmit';
import { DayInput } from '../common/DayInput';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { otherErrors } from '../common/fieldErrors';

export function TracingRequestPage({ reference }: { reference: string }) {
  const { t, date, country } = useI18n();
  const { trace: allowed } = abilities(useMe());
  const loaded = useApi<TracingRequestView>(allowed ? paths.tracingRequest(reference) : null);
  // What the last change answered, shown at once (the server sends the request as it now is).
  const [changed, setChanged] = useState<TracingRequestView>();
  usePageTitle(reference);

  const back = (
    <p>
      <Link to="/tracing">← {t('tracing.back')}</Link>
    </p>
  );
  if (!allowed)
    return (
      <section>
        {back}
        <h1>{reference}</h1>
        <p className="notice">{t('tracing.notForRole')}</p>
      </section>
    );

  const request = changed ?? loaded.data;
  const notFound = loaded.error instanceof ApiError && loaded.error.status === 404;
  return (
    <article className="tracing-request">
      {back}
      <h1>
        {reference}
        {request && (
          <span className={`badge status-${request.status}`}>{t(`tracing.status.${request.status}`)}</span>
        )}
      </h1>
      {notFound ? (
        <p role="alert" className="notice">
          {t('tracing.notFound')}
        </p>
      ) : (
        <Status loading={loaded.loading && !request} error={loaded.error} />
      )}
      {request && (
        <>
          <dl className="fields">
            {(
              [
                ['tracing.addresseeCountry', country(request.addresseeCountry)],
                ['tracing.addressee', request.addressee],
                ['tracing.channel', t(`tracing.channel.${request.channel}`)],
                ['tracing.createdBy', `${request.createdBy}, ${date(request.createdAt)}`],
                ['tracing.sentOn', request.sentOn ? date(request.sentOn) : ''],
                ['tracing.answeredOn', request.answeredOn ? date(request.answeredOn) : ''],
                ['tracing.purpose', request.purpose],
              ] as [MessageKey, string][]
            )
              .filter(([, value]) => value !== '')
              .map(([label, value]) => (
                <div key={label} className={label === 'tracing.purpose' ? 'wide' : undefined}>
                  <dt>{t(label)}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
          </dl>
          <div className="export-links letter-links" role="group" aria-labelledby="letter-label">
            <span id="letter-label">{t('tracing.letter')}</span>
            <ul>
              <li>
                <a href={paths.tracingLetter(request.ref, 'en')} download hrefLang="en">
                  {t('tracing.letterEn')}
                </a>
              </li>
              <li>
                <a href={paths.tracingLetter(request.ref, 'fr')} download hrefLang="fr">
                  {t('tracing.letterFr')}
                </a>
              </li>
            </ul>
          </div>
          <section aria-labelledby="traced-title">
            <h2 id="traced-title">{t('tracing.items', { count: request.items.length })}</h2>
            <TracedItems items={request.items} />
          </section>
          <div className="tracing-columns">
            <section aria-labelledby="timeline-title">
              <h2 id="timeline-title">{t('tracing.timeline')}</h2>
              <Timeline request={request} />
              <EventForm key={request.status} request={request} onSaved={setChanged} />
            </section>
            <section aria-labelledby="outcome-title">
              <h2 id="outcome-title">{t('tracing.outcomeTitle')}</h2>
              <Outcome request={request} />
              <OutcomeForm request={request} onSaved={setChanged} />
            </section>
          </div>
        </>
      )}
    </article>
  );
}

function TracedItems({ items }: { items: TracingRequestView['items'] }) {
  const { t, term, country, date, number } = useI18n();
  return (
    <DataTable
      rows={items}
      rowKey={(i) => i.ref}
      columns={[
        { header: t('tracing.item'), className: 'nowrap', cell: (i) => i.ref },
        {
          header: t('tracing.description'),
          cell: (i) => (
            <>
              {term(itemCategories, i.category)}
              {(i.type || i.model) && (
                <div className="muted small">
                  {[term(itemTypes, i.type), i.model].filter(Boolean).join(' · ')}
                </div>
              )}
            </>
          ),
        },
        { header: t('items.calibre'), className: 'nowrap', cell: (i) => i.calibre },
        {
          header: t('tracing.made'),
          cell: (i) =>
            [i.manufacturer, i.countryOfManufacture && country(i.countryOfManufacture), i.year]
              .filter(Boolean)
              .join(', '),
        },
        { header: t('tracing.serialLot'), cell: (i) => [i.serial, i.lot].filter(Boolean).join(' · ') },
        { header: t('items.markings'), cell: (i) => i.markings && <code>{i.markings}</code> },
        { header: t('items.quantity'), numeric: true, cell: (i) => number(i.quantity) },
        {
          header: t('tracing.recovered'),
          className: 'ref',
          cell: (i) => (
            <>
              <Link to={incidentPath(i.incident.ref)}>{i.incident.ref}</Link>
              <div className="muted small">
                {[
                  date(i.incident.date),
                  term(incidentTypes, i.incident.type),
                  i.incident.place,
                  i.incident.country && country(i.incident.country),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </div>
            </>
          ),
        },
      ]}
    />
  );
}

function Timeline({ request }: { request: TracingRequestView }) {
  const { t, date } = useI18n();
  return (
    <ol className="timeline">
      <li>
        <time dateTime={request.createdAt}>{date(request.createdAt)}</time>{' '}
        <strong>{t('tracing.openedBy', { user: request.createdBy })}</strong>
      </li>
      {request.events.map((e, n) => (
        <li key={n} data-event={e.event}>
          <time dateTime={e.on}>{date(e.on)}</time> <strong>{t(`tracing.event.${e.event}`)}</strong>{' '}
          <span className="muted small">{t('tracing.recordedBy', { user: e.recordedBy })}</span>
          {e.note && <p>{e.note}</p>}
        </li>
      ))}
    </ol>
  );
}

/** Today as the reader's calendar has it, for a date field. */
function today(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

/** The steps that make sense now: a draft can only be sent; a sent request is reminded or answered. */
function stepsFor(status: TracingRequestView['status']): TracingEvent[] {
  return tracingEvents.filter((e) => (status === 'draft' ? e === 'sent' || e === 'note' : e !== 'sent'));
}

function EventForm({
  request,
  onSaved,
}: {
  request: TracingRequestView;
  onSaved(r: TracingRequestView): void;
}) {
  const { t } = useI18n();
  const steps = stepsFor(request.status);
  const [draft, setDraft] = useState<{ event: TracingEvent; on: string; note: string }>({
    event: steps[0]!,
    on: today(),
    note: '',
  });
  const { busy, errors, done, run } = useSubmit();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const step: TracingEventInput = { event: draft.event, on: draft.on };
    if (draft.note.trim()) step.note = draft.note;
    return run(async () => {
      onSaved(await api.recordTracingEvent(request.ref, step));
      setDraft({ ...draft, note: '' });
    });
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <fieldset className="form-grid">
        <legend>{t('tracing.record')}</legend>
        <Field id="step-event" label={t('tracing.event')} error={errors.event}>
          {(props) => (
            <select
              {...props}
              value={draft.event}
              onChange={(e) => setDraft({ ...draft, event: e.target.value as TracingEvent })}
            >
              {steps.map((s) => (
                <option key={s} value={s}>
                  {t(`tracing.event.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="step-on" label={t('tracing.on')} error={errors.on}>
          {(props) => (
            <DayInput {...props} required value={draft.on} onChange={(on) => setDraft({ ...draft, on })} />
          )}
        </Field>
        <Field id="step-note" label={t('tracing.note')} hint={t('tracing.noteHint')} error={errors.note} wide>
          {(props) => (
            <textarea
              {...props}
              rows={3}
              required={draft.event === 'answer'}
              value={draft.note}
              onChange={(e) => setDraft({ ...draft, note: e.target.value })}
            />
          )}
        </Field>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('tracing.saving') : t('tracing.recordStep')}
        </button>
        <p role="status">{done ? t('tracing.recorded') : ''}</p>
        <p role="alert" className="error">
          {otherErrors(errors, ['event', 'on', 'note'])}
        </p>
      </div>
    </form>
  );
}

function Outcome({ request }: { request: TracingRequestView }) {
  const { t } = useI18n();
  if (!request.outcome) return <p className="muted">{t('tracing.noOutcome')}</p>;
  return (
    <dl className="fields outcome">
      <div>
        <dt>{t('tracing.outcome')}</dt>
        <dd>{request.outcome}</dd>
      </div>
      <div>
        <dt>{t('tracing.diversion')}</dt>
        <dd>{request.diversionEstablished ? request.diversionPoint : t('tracing.diversionUnknown')}</dd>
      </div>
      {request.establishedBy && (
        <div>
          <dt>{t('tracing.establishedBy')}</dt>
          <dd>{t(`tracing.establishedBy.${request.establishedBy}`)}</dd>
        </div>
      )}
    </dl>
  );
}

function OutcomeForm({
  request,
  onSaved,
}: {
  request: TracingRequestView;
  onSaved(r: TracingRequestView): void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState({
    outcome: request.outcome ?? '',
    diversionEstablished: request.diversionEstablished,
    diversionPoint: request.diversionPoint ?? '',
    establishedBy: request.establishedBy ?? ('trace' as const),
    close: request.status === 'closed',
  });
  const { busy, errors, done, run } = useSubmit();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    return run(async () => {
      onSaved(
        await api.recordTracingOutcome(request.ref, {
          outcome: draft.outcome,
          diversionEstablished: draft.diversionEstablished,
          close: draft.close,
          ...(draft.diversionEstablished
            ? { diversionPoint: draft.diversionPoint, establishedBy: draft.establishedBy }
            : {}),
        }),
      );
    });
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <fieldset className="form-grid">
        <legend>{t('tracing.saveOutcome')}</legend>
        <Field
          id="outcome-text"
          label={t('tracing.outcome')}
          hint={t('tracing.outcomeHint')}
          error={errors.outcome}
          wide
        >
          {(props) => (
            <textarea
              {...props}
              rows={3}
              required
              value={draft.outcome}
              onChange={(e) => setDraft({ ...draft, outcome: e.target.value })}
            />
          )}
        </Field>
        <div className="field checkbox wide">
          <input
            id="outcome-established"
            type="checkbox"
            checked={draft.diversionEstablished}
            onChange={(e) => setDraft({ ...draft, diversionEstablished: e.target.checked })}
          />
          <label htmlFor="outcome-established">{t('tracing.diversionEstablished')}</label>
        </div>
        {draft.diversionEstablished && (
          <>
            <Field
              id="outcome-point"
              label={t('tracing.diversionPoint')}
              hint={t('tracing.diversionPointHint')}
              error={errors.diversionPoint}
              wide
            >
              {(props) => (
                <input
                  {...props}
                  required
                  value={draft.diversionPoint}
                  onChange={(e) => setDraft({ ...draft, diversionPoint: e.target.value })}
                />
              )}
            </Field>
            <fieldset className="choices wide">
              <legend>{t('tracing.establishedBy')}</legend>
              {(['trace', 'authority'] as const).map((by) => (
                <label key={by}>
                  <input
                    type="radio"
                    name="established-by"
                    value={by}
                    checked={draft.establishedBy === by}
                    onChange={() => setDraft({ ...draft, establishedBy: by })}
                  />{' '}
                  {t(`tracing.establishedBy.${by}`)}
                </label>
              ))}
              {errors.establishedBy && <span className="field-error">{errors.establishedBy}</span>}
            </fieldset>
          </>
        )}
        <div className="field checkbox wide">
          <input
            id="outcome-close"
            type="checkbox"
            checked={draft.close}
            // Closing is for good: saving again does not reopen the request.
            disabled={request.status === 'closed'}
            onChange={(e) => setDraft({ ...draft, close: e.target.checked })}
          />
          <label htmlFor="outcome-close">{t('tracing.close')}</label>
        </div>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('tracing.saving') : t('tracing.saveOutcome')}
        </button>
        <p role="status">{done ? t('tracing.saved') : ''}</p>
        <p role="alert" className="error">
          {otherErrors(errors, ['outcome', 'diversionPoint', 'establishedBy'])}
        </p>
      </div>
    </form>
  );
}

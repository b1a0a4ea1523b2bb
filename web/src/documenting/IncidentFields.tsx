import { attributionStatuses, classifications, incidentTypes } from '@headstamp/incidents/vocabulary';
import type { Actor, Place, Region } from '../api/types';
import { LazyMap } from '../map/LazyMap';
import { dayOrderOf, longDateLabel } from '@headstamp/core/dates';
import { useI18n } from '../i18n/i18n';
import type { Formatter } from '../i18n/format';
import type { MessageKey } from '../i18n/messages';
import { Field } from '../common/Field';
import type { FieldErrors } from '../common/fieldErrors';
import { PlacePicker } from './PlacePicker';
import type { IncidentColumn, IncidentDraft } from './record';
import { readTypedDate, swapped } from './typedDate';

interface Props {
  value: IncidentDraft;
  errors: FieldErrors;
  onChange(patch: Partial<IncidentDraft>): void;
  regions: Region[];
  actors: Actor[];
  /** Once saved, the incident is no longer sent: its fields are shown, not edited. */
  saved: boolean;
  /** Editing a stored incident: its reference is shown but cannot change. */
  refFixed?: boolean;
  /** Editing for a role that may not read sources: the stored source is shown blank, and kept. */
  sourceHidden?: boolean;
}

/** A decimal degree as typed, with a decimal comma as French spreadsheets write it. */
function degrees(text: string): number | undefined {
  const t = text.trim().replace(',', '.');
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(t) ? Number(t) : undefined;
}

/** Each field's label, in the order of the form: the summary of problems names fields by them. */
export const INCIDENT_LABELS = {
  date: 'incident.date',
  type: 'incident.type',
  country: 'incident.country',
  admin1: 'incident.region',
  place: 'incident.place',
  lat: 'form.lat',
  lon: 'form.lon',
  mgrs: 'incident.mgrs',
  ref: 'incident.ref',
  target: 'incident.target',
  actor: 'incident.actor',
  attribution: 'form.attribution',
  killed: 'form.killed',
  injured: 'form.injured',
  peacekeepers_killed: 'form.peacekeepersKilled',
  peacekeepers_injured: 'form.peacekeepersInjured',
  classification: 'incident.classification',
  source: 'incident.source',
  summary: 'form.summary',
} as const satisfies Record<IncidentColumn, MessageKey>;

const COUNTS = ['killed', 'injured', 'peacekeepers_killed', 'peacekeepers_injured'] as const;

/**
 * Beside the date, what was understood of it, in words, and which way an ambiguous one was read:
 * a date typed 03/04/2024 is the 3rd of April to a French reader and the 4th of March to an
 * American one.
 */
function dateHint(text: string, locale: string, t: Formatter['t']): { hint: string; understood: boolean } {
  const read = readTypedDate(text, locale);
  if (!read || 'error' in read) return { hint: t('form.dateHint'), understood: false };
  const label = longDateLabel(read, locale);
  let hint =
    read.precision === 'day'
      ? t('form.understood', { date: label })
      : read.precision === 'month'
        ? t('form.understoodMonth', { date: label })
        : t('form.understoodYear', { date: label });
  if (read.ambiguous) {
    const other = swapped(read);
    hint += ` ${t(dayOrderOf(locale) === 'mdy' ? 'form.readMonthFirst' : 'form.readDayFirst', {
      other: longDateLabel(other, locale),
      iso: other.date,
    })}`;
  }
  return { hint, understood: true };
}

export function IncidentFields({
  value,
  errors,
  onChange,
  regions,
  actors,
  saved,
  refFixed = false,
  sourceHidden = false,
}: Props) {
  const { t, term, country, dateLocale } = useI18n();
  const countries = [...new Set(regions.map((r) => r.country))];
  const admin1s = [...new Set(regions.filter((r) => r.country === value.country).map((r) => r.admin1 ?? ''))];
  const date = dateHint(value.date, dateLocale, t);
  const text = (column: IncidentColumn, options: { hint?: MessageKey; type?: string } = {}) => (
    <Field
      id={`incident-${column}`}
      label={t(INCIDENT_LABELS[column])}
      error={errors[column]}
      hint={options.hint && t(options.hint)}
    >
      {(props) => (
        <input
          {...props}
          type={options.type ?? 'text'}
          value={value[column]}
          onChange={(e) => onChange({ [column]: e.target.value })}
        />
      )}
    </Field>
  );

  // A place chosen in the gazetteer fills its coordinates and region (and the country, if empty).
  const pickPlace = (place: Place) =>
    onChange({
      place: place.alias ?? place.name,
      lat: String(place.lat),
      lon: String(place.lon),
      ...(place.region ? { admin1: place.region } : {}),
      ...(value.country.trim() ? {} : { country: place.country }),
    });
  const lat = degrees(value.lat);
  const lon = degrees(value.lon);
  const picked =
    lat !== undefined && lon !== undefined && Math.abs(lat) <= 90 && Math.abs(lon) <= 180
      ? { lat, lon }
      : null;

  return (
    <fieldset className="form-grid" disabled={saved}>
      <legend>
        {t('form.incident')}
        {saved && <span className="badge">{t('form.saved')}</span>}
      </legend>
      <Field
        id="incident-date"
        label={t(INCIDENT_LABELS.date)}
        error={errors.date}
        hint={date.hint}
        hintClass={date.understood ? 'understood' : undefined}
        live
      >
        {(props) => (
          <input
            {...props}
            required
            value={value.date}
            autoComplete="off"
            onChange={(e) => onChange({ date: e.target.value })}
          />
        )}
      </Field>
      <Field id="incident-type" label={t(INCIDENT_LABELS.type)} error={errors.type}>
        {(props) => (
          <select {...props} required value={value.type} onChange={(e) => onChange({ type: e.target.value })}>
            <option value="">{t('form.choose')}</option>
            {incidentTypes.keys.map((k) => (
              <option key={k} value={k}>
                {term(incidentTypes, k)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id="incident-country"
        label={t(INCIDENT_LABELS.country)}
        error={errors.country}
        hint={t('form.countryHint')}
      >
        {(props) => (
          <>
            <input
              {...props}
              required
              list="incident-countries"
              value={value.country}
              onChange={(e) => onChange({ country: e.target.value })}
            />
            <datalist id="incident-countries">
              {countries.map((code) => (
                <option key={code} value={code}>
                  {country(code)}
                </option>
              ))}
            </datalist>
          </>
        )}
      </Field>
      <Field id="incident-admin1" label={t(INCIDENT_LABELS.admin1)} error={errors.admin1}>
        {(props) => (
          <>
            <input
              {...props}
              list="incident-admin1s"
              value={value.admin1}
              onChange={(e) => onChange({ admin1: e.target.value })}
            />
            <datalist id="incident-admin1s">
              {admin1s.map((a) => (
                <option key={a} value={a} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <Field
        id="incident-place"
        label={t(INCIDENT_LABELS.place)}
        error={errors.place}
        hint={t('form.placeHint')}
      >
        {(props) => (
          <PlacePicker
            {...props}
            value={value.place}
            country={value.country}
            onText={(place) => onChange({ place })}
            onPick={pickPlace}
          />
        )}
      </Field>
      {text('lat', { hint: 'form.latHint' })}
      {text('lon')}
      {text('mgrs')}
      {!saved && (
        <div className="field wide pick-map">
          <span className="hint" id="incident-pick-hint">
            {t('form.pickHint')}
          </span>
          <LazyMap
            points={[]}
            size="small"
            label={t('form.pickLabel')}
            picked={picked}
            onPick={(lat, lon) => onChange({ lat: String(lat), lon: String(lon) })}
          />
        </div>
      )}
      <Field
        id="incident-ref"
        label={t(INCIDENT_LABELS.ref)}
        error={errors.ref}
        hint={t(refFixed ? 'edit.refFixed' : 'form.refHint')}
        wide
      >
        {(props) => (
          <input
            {...props}
            required
            readOnly={refFixed}
            value={value.ref}
            onChange={(e) => onChange({ ref: e.target.value })}
          />
        )}
      </Field>
      {text('target')}
      <Field id="incident-actor" label={t(INCIDENT_LABELS.actor)} error={errors.actor}>
        {(props) => (
          <>
            <input
              {...props}
              list="incident-actors"
              value={value.actor}
              onChange={(e) => onChange({ actor: e.target.value })}
            />
            <datalist id="incident-actors">
              {actors.map((a) => (
                <option key={a.name} value={a.name} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <Field id="incident-attribution" label={t(INCIDENT_LABELS.attribution)} error={errors.attribution}>
        {(props) => (
          <select
            {...props}
            value={value.attribution}
            onChange={(e) => onChange({ attribution: e.target.value })}
          >
            <option value="">{t('form.choose')}</option>
            {attributionStatuses.keys.map((k) => (
              <option key={k} value={k}>
                {term(attributionStatuses, k)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {COUNTS.map((column) => (
        <Field
          key={column}
          id={`incident-${column}`}
          label={t(INCIDENT_LABELS[column])}
          error={errors[column]}
        >
          {(props) => (
            <input
              {...props}
              type="number"
              min={0}
              inputMode="numeric"
              value={value[column]}
              onChange={(e) => onChange({ [column]: e.target.value })}
            />
          )}
        </Field>
      ))}
      <Field
        id="incident-classification"
        label={t(INCIDENT_LABELS.classification)}
        error={errors.classification}
      >
        {(props) => (
          <select
            {...props}
            value={value.classification}
            onChange={(e) => onChange({ classification: e.target.value })}
          >
            {classifications.keys.map((k) => (
              <option key={k} value={k}>
                {term(classifications, k)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {text('source', sourceHidden ? { hint: 'edit.sourceHidden' } : {})}
      <Field id="incident-summary" label={t(INCIDENT_LABELS.summary)} error={errors.summary} wide>
        {(props) => (
          <textarea
            {...props}
            rows={3}
            value={value.summary}
            onChange={(e) => onChange({ summary: e.target.value })}
          />
        )}
      </Field>
    </fieldset>
  );
}

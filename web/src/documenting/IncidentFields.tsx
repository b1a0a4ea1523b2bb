import { attributionStatuses, classifications, incidentTypes } from '@headstamp/incidents/vocabulary';
import type { Actor, Place, Region } from '../api/types';
import { LazyMap } from '../map/LazyMap';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { Field } from '../common/Field';
import type { FieldErrors } from '../common/fieldErrors';
import { PlacePicker } from './PlacePicker';
import type { IncidentColumn, IncidentDraft } from './record';

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

const COUNTS: [IncidentColumn, MessageKey][] = [
  ['killed', 'form.killed'],
  ['injured', 'form.injured'],
  ['peacekeepers_killed', 'form.peacekeepersKilled'],
  ['peacekeepers_injured', 'form.peacekeepersInjured'],
];

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
  const { t, term, country } = useI18n();
  const countries = [...new Set(regions.map((r) => r.country))];
  const admin1s = [...new Set(regions.filter((r) => r.country === value.country).map((r) => r.admin1 ?? ''))];
  const text = (
    column: IncidentColumn,
    label: MessageKey,
    options: { hint?: MessageKey; type?: string } = {},
  ) => (
    <Field
      id={`incident-${column}`}
      label={t(label)}
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
      <Field id="incident-date" label={t('incident.date')} error={errors.date} hint={t('form.dateHint')}>
        {(props) => (
          <input
            {...props}
            required
            value={value.date}
            placeholder="2021-08-21"
            onChange={(e) => onChange({ date: e.target.value })}
          />
        )}
      </Field>
      <Field id="incident-type" label={t('incident.type')} error={errors.type}>
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
        label={t('incident.country')}
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
      <Field id="incident-admin1" label={t('incident.region')} error={errors.admin1}>
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
      <Field id="incident-place" label={t('incident.place')} error={errors.place} hint={t('form.placeHint')}>
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
      {text('lat', 'form.lat', { hint: 'form.latHint' })}
      {text('lon', 'form.lon')}
      {text('mgrs', 'incident.mgrs')}
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
        label={t('incident.ref')}
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
      {text('target', 'incident.target')}
      <Field id="incident-actor" label={t('incident.actor')} error={errors.actor}>
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
      <Field id="incident-attribution" label={t('form.attribution')} error={errors.attribution}>
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
      {COUNTS.map(([column, label]) => (
        <Field key={column} id={`incident-${column}`} label={t(label)} error={errors[column]}>
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
      <Field id="incident-classification" label={t('incident.classification')} error={errors.classification}>
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
      {text('source', 'incident.source', sourceHidden ? { hint: 'edit.sourceHidden' } : {})}
      <Field id="incident-summary" label={t('form.summary')} error={errors.summary} wide>
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

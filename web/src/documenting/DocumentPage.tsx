import { useEffect, useRef, useState, type FormEvent } from 'react';
import { incidentTypes } from '@headstamp/incidents/vocabulary';
import { api, paths } from '../api/client';
import type { Actor, Region } from '../api/types';
import { useApi } from '../api/useApi';
import { incidentPath, navigate } from '../app/router';
import { useMe } from '../auth/session';
import { usePageTitle } from '../common/usePageTitle';
import { useI18n } from '../i18n/i18n';
import { Field } from '../common/Field';
import { IncidentFields } from './IncidentFields';
import { ItemFields } from './ItemFields';
import { ReferenceLists } from './ReferenceLists';
import { fieldErrors, type FieldErrors } from '../common/fieldErrors';
import {
  emptyIncident,
  emptyItem,
  suggestedItemRef,
  suggestedRef,
  type IncidentDraft,
  type ItemDraft,
} from './record';

interface ItemEntry {
  key: number;
  draft: ItemDraft;
  /** The reference was typed by the user: stop suggesting one. */
  refTyped: boolean;
  saved: boolean;
  errors: FieldErrors;
}

interface Problem {
  /** The control to go to: an element id. */
  target: string;
  text: string;
}

let nextKey = 1;
const newItem = (): ItemEntry => ({
  key: nextKey++,
  draft: emptyItem(),
  refTyped: false,
  saved: false,
  errors: {},
});

/**
 * Documenting an incident and its materiel in one form. The incident is saved first, then each
 * item, then the photo: after a refusal, only what was not saved is sent again.
 */
export function DocumentPage() {
  const { t, language } = useI18n();
  const me = useMe();
  const regions = useApi<Region[]>(paths.regions);
  const actors = useApi<Actor[]>(paths.actors);
  usePageTitle(t('form.title'));

  const [incident, setIncident] = useState<IncidentDraft>(emptyIncident);
  const [refTyped, setRefTyped] = useState(false);
  const [incidentSaved, setIncidentSaved] = useState(false);
  const [incidentErrors, setIncidentErrors] = useState<FieldErrors>({});
  const [items, setItems] = useState<ItemEntry[]>(() => [newItem()]);
  const [photo, setPhoto] = useState<File | null>(null);
  const [caption, setCaption] = useState('');
  const [photoError, setPhotoError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Problem[]>([]);
  const summary = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (problems.length) summary.current?.focus();
  }, [problems]);

  // Until the user types their own, references follow the case-file convention.
  const typeLabel = incident.type
    ? incidentTypes.label(incident.type as (typeof incidentTypes.keys)[number], 'en')
    : '';
  const ref = refTyped
    ? incident.ref
    : (suggestedRef(incident.date, typeLabel, incident.place) ?? incident.ref);
  const itemRef = (entry: ItemEntry, i: number) =>
    entry.refTyped ? entry.draft.ref : suggestedItemRef(incident.date, incident.place, i + 1);

  const changeIncident = (patch: Partial<IncidentDraft>) => {
    if ('ref' in patch) setRefTyped(true);
    setIncident((d) => ({ ...d, ...patch }));
  };
  const changeItem = (key: number, patch: Partial<ItemDraft>) =>
    setItems((list) =>
      list.map((e) =>
        e.key === key ? { ...e, refTyped: e.refTyped || 'ref' in patch, draft: { ...e.draft, ...patch } } : e,
      ),
    );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const found: Problem[] = [];
    const record = { ...incident, ref };
    try {
      if (!incidentSaved) {
        try {
          await api.createIncident(record);
          setIncidentSaved(true);
          setIncident(record);
          setRefTyped(true);
          setIncidentErrors({});
        } catch (error) {
          const errors = fieldErrors(error);
          setIncidentErrors(errors);
          for (const [column, text] of Object.entries(errors))
            found.push({ target: column ? `incident-${column}` : 'incident-ref', text: text ?? '' });
          return;
        }
      }
      const next = [...items];
      for (const [i, entry] of next.entries()) {
        if (entry.saved) continue;
        const draft = { ...entry.draft, ref: itemRef(entry, i), incident_ref: record.ref };
        try {
          await api.createItem(draft);
          next[i] = { ...entry, draft, refTyped: true, saved: true, errors: {} };
        } catch (error) {
          const errors = fieldErrors(error);
          next[i] = { ...entry, errors };
          for (const [column, text] of Object.entries(errors))
            found.push({
              target: `item-${i}-${column || 'ref'}`,
              text: `${t('form.item', { n: i + 1 })}: ${text}`,
            });
        }
      }
      setItems(next);
      if (found.length) return;
      if (photo) {
        try {
          await api.attach('incident', record.ref, photo, caption);
          setPhoto(null);
        } catch (error) {
          const text = fieldErrors(error)[''] ?? t('form.photoFailed');
          setPhotoError(text);
          found.push({ target: 'photo', text });
          return;
        }
      }
      navigate(incidentPath(record.ref));
    } finally {
      setProblems(found);
      setBusy(false);
    }
  };

  return (
    <div className="document-page">
      <h1>{t('form.title')}</h1>
      <p className="muted">{me.role === 'documenter' ? t('form.draftNote') : t('form.validatedNote')}</p>
      {problems.length > 0 && (
        <div
          className="error-summary"
          role="alert"
          tabIndex={-1}
          ref={summary}
          aria-labelledby="problems-title"
        >
          <h2 id="problems-title">{t('form.problems', { count: problems.length })}</h2>
          <ul>
            {problems.map((p) => (
              <li key={`${p.target} ${p.text}`}>
                <a href={`#${p.target}`}>{p.text}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form onSubmit={submit} noValidate lang={language}>
        <IncidentFields
          value={{ ...incident, ref }}
          errors={incidentErrors}
          onChange={changeIncident}
          regions={regions.data ?? []}
          actors={actors.data ?? []}
          saved={incidentSaved}
        />
        <h2>{t('form.materiel')}</h2>
        <p className="muted">{t('form.materielHint')}</p>
        {items.map((entry, i) => (
          <ItemFields
            key={entry.key}
            index={i}
            value={{ ...entry.draft, ref: itemRef(entry, i) }}
            errors={entry.errors}
            saved={entry.saved}
            incidentDate={incident.date}
            onChange={(patch) => changeItem(entry.key, patch)}
            onRemove={() => setItems((list) => list.filter((e) => e.key !== entry.key))}
          />
        ))}
        <p>
          <button type="button" onClick={() => setItems((list) => [...list, newItem()])}>
            {t('form.addItem')}
          </button>
        </p>
        <fieldset className="form-grid">
          <legend>{t('form.photo')}</legend>
          <Field id="photo" label={t('form.photoFile')} error={photoError} hint={t('form.photoHint')}>
            {(props) => (
              <input
                {...props}
                type="file"
                accept="image/jpeg,image/png,image/webp,application/pdf"
                onChange={(e) => {
                  setPhoto(e.target.files?.[0] ?? null);
                  setPhotoError(undefined);
                }}
              />
            )}
          </Field>
          <Field id="photo-caption" label={t('form.caption')} wide>
            {(props) => <input {...props} value={caption} onChange={(e) => setCaption(e.target.value)} />}
          </Field>
        </fieldset>
        <p className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('form.saving') : t('form.save')}
          </button>
        </p>
      </form>
      <ReferenceLists />
    </div>
  );
}

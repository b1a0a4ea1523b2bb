import { useEffect, useRef, useState, type FormEvent } from 'react';
import { incidentTypes } from '@headstamp/incidents/vocabulary';
import { api, ApiError, paths, problemWords } from '../api/client';
import type { Actor, Region } from '../api/types';
import { useApi } from '../api/useApi';
import { incidentPath, navigate } from '../app/router';
import { useMe } from '../auth/session';
import { usePageTitle } from '../common/usePageTitle';
import { useI18n } from '../i18n/i18n';
import { IncidentFields, INCIDENT_LABELS } from './IncidentFields';
import { ItemFields, ITEM_LABELS } from './ItemFields';
import { ReferenceLists } from './ReferenceLists';
import { fieldErrors, type FieldErrors } from '../common/fieldErrors';
import { PhotoPicker, photoId, type PhotoEntry } from './PhotoPicker';
import {
  emptyIncident,
  emptyItem,
  suggestedItemRef,
  suggestedRef,
  type IncidentColumn,
  type IncidentDraft,
  type ItemDraft,
} from './record';
import { sentDate } from './typedDate';

interface ItemEntry {
  key: number;
  draft: ItemDraft;
  /** The reference was typed by the user: stop suggesting one. */
  refTyped: boolean;
  photos: PhotoEntry[];
}

interface Problem {
  /** The control to go to: an element id. */
  target: string;
  text: string;
}

/** The server's refusal of the last save, with the items in the order they were sent. */
interface Refusal {
  error: unknown;
  sentKeys: number[];
}

let nextKey = 1;
const newItem = (): ItemEntry => ({ key: nextKey++, draft: emptyItem(), refTyped: false, photos: [] });

/** Splits the server's problems by field (`date`, `items.1.calibre`) into the incident's and each item's. */
function splitErrors(refusal: Refusal | null) {
  const incident: FieldErrors = {};
  const items = new Map<number, FieldErrors>();
  if (!refusal) return { incident, items };
  for (const [field, text] of Object.entries(fieldErrors(refusal.error))) {
    const m = /^items\.(\d+)(?:\.(\w+))?$/.exec(field);
    const key = m ? refusal.sentKeys[Number(m[1])] : undefined;
    if (m && key !== undefined) {
      const errors = items.get(key) ?? {};
      errors[m[2] ?? ''] = text;
      items.set(key, errors);
    } else incident[field] = text;
  }
  return { incident, items };
}

/**
 * Documenting an incident, its materiel and their photos in one form. The incident and its items
 * are saved together or not at all; the photos are then attached, each to the incident or to the
 * item it shows. Every problem is shown at once, beside its field and in a summary at the top.
 */
export function DocumentPage() {
  const { t, language, dateLocale } = useI18n();
  const me = useMe();
  const regions = useApi<Region[]>(paths.regions);
  const actors = useApi<Actor[]>(paths.actors);
  usePageTitle(t('form.title'));

  const [incident, setIncident] = useState<IncidentDraft>(emptyIncident);
  const [refTyped, setRefTyped] = useState(false);
  /** The incident and its items are saved: only photos remain to attach. */
  const [saved, setSaved] = useState(false);
  const [items, setItems] = useState<ItemEntry[]>(() => [newItem()]);
  const [incidentPhotos, setIncidentPhotos] = useState<PhotoEntry[]>([]);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  /** Counts the saves that found problems: each moves the focus to their summary. */
  const [failedSaves, setFailedSaves] = useState(0);
  const summary = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (failedSaves > 0) summary.current?.focus();
  }, [failedSaves]);

  // Until the user types their own, references follow the case-file convention, from the date
  // as understood (a French 14/03/2024 makes 240314, not a reference cut from the text).
  const date = sentDate(incident.date, dateLocale);
  const isoDate = /^\d{4}(-\d{2}){0,2}$/.test(date) ? date : '';
  const typeLabel = incident.type
    ? incidentTypes.label(incident.type as (typeof incidentTypes.keys)[number], 'en')
    : '';
  const ref = refTyped ? incident.ref : (suggestedRef(isoDate, typeLabel, incident.place) ?? incident.ref);
  const itemRef = (entry: ItemEntry, i: number) =>
    entry.refTyped ? entry.draft.ref : suggestedItemRef(isoDate, incident.place, i + 1);

  const changeIncident = (patch: Partial<IncidentDraft>) => {
    if ('ref' in patch) setRefTyped(true);
    setIncident((d) => ({ ...d, ...patch }));
  };
  const changeItem = (key: number, patch: Partial<ItemEntry>) =>
    setItems((list) => list.map((e) => (e.key === key ? { ...e, ...patch } : e)));
  const changeDraft = (entry: ItemEntry, patch: Partial<ItemDraft>) =>
    setItems((list) =>
      list.map((e) =>
        e.key === entry.key
          ? { ...e, refTyped: e.refTyped || 'ref' in patch, draft: { ...e.draft, ...patch } }
          : e,
      ),
    );
  const editPhotos = (
    list: PhotoEntry[],
    change: { add?: PhotoEntry[]; remove?: number; caption?: [number, string] },
  ): PhotoEntry[] => {
    let next = [...list, ...(change.add ?? [])].filter((p) => p.key !== change.remove);
    if (change.caption) {
      const [key, caption] = change.caption;
      next = next.map((p) => (p.key === key ? { ...p, caption } : p));
    }
    return next;
  };

  const errors = splitErrors(refusal);
  const allPhotos = () => [
    ...incidentPhotos.map((photo) => ({ photo, kind: 'incident' as const, ref, prefix: 'incident-photos' })),
    ...items.flatMap((entry, i) =>
      entry.photos.map((photo) => ({
        photo,
        kind: 'item' as const,
        ref: itemRef(entry, i),
        prefix: `item-${i}-photos`,
      })),
    ),
  ];

  // Every problem, in the order of the form, each linked to its control.
  const problems: Problem[] = [];
  const incidentLabel = (column: string) =>
    column in INCIDENT_LABELS ? t(INCIDENT_LABELS[column as IncidentColumn]) : undefined;
  const itemLabel = (column: string) =>
    column in ITEM_LABELS ? t(ITEM_LABELS[column as keyof typeof ITEM_LABELS]) : undefined;
  const say = (where: string | undefined, text: string) =>
    where ? t('form.problemAt', { where, text }) : text;
  for (const column of Object.keys(INCIDENT_LABELS)) {
    const text = errors.incident[column];
    if (text) problems.push({ target: `incident-${column}`, text: say(incidentLabel(column), text) });
  }
  for (const [column, text] of Object.entries(errors.incident))
    if (text && !(column in INCIDENT_LABELS)) problems.push({ target: 'incident-ref', text });
  for (const [i, entry] of items.entries()) {
    const found = errors.items.get(entry.key) ?? {};
    const ordered = [...Object.keys(ITEM_LABELS), ...Object.keys(found).filter((c) => !(c in ITEM_LABELS))];
    for (const column of ordered) {
      const text = found[column];
      if (!text) continue;
      const field = itemLabel(column);
      const where = field ? t('form.itemField', { n: i + 1, field }) : t('form.item', { n: i + 1 });
      problems.push({ target: field ? `item-${i}-${column}` : `item-${i}-ref`, text: say(where, text) });
    }
  }
  for (const { photo, prefix } of allPhotos())
    if (photo.problem && !photo.attached)
      problems.push({
        target: photoId(prefix, photo),
        text: say(photo.file.name, problemWords(photo.problem)),
      });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    let failed = false;
    try {
      const record = { ...incident, date, ref };
      const sentItems = items.map((entry, i) => ({ ...entry.draft, ref: itemRef(entry, i) }));
      const photosWrong = allPhotos().some(({ photo }) => photo.problem && !photo.attached);
      if (!saved) {
        // A wrong photo is known before anything is sent: the record is then only checked, so
        // that this one Save says everything there is to correct.
        try {
          await api.createIncident(record, sentItems, photosWrong);
          setRefusal(null);
        } catch (error) {
          setRefusal({ error, sentKeys: items.map((e) => e.key) });
          failed = true;
          return;
        }
        if (photosWrong) {
          failed = true;
          return;
        }
        setSaved(true);
        setIncident(record);
        setRefTyped(true);
        setItems((list) =>
          list.map((entry, i) => ({
            ...entry,
            refTyped: true,
            draft: { ...entry.draft, ref: sentItems[i]!.ref },
          })),
        );
      }
      // The record is saved: each photo is attached on its own, and one refused stays in the
      // form with the reason, to be removed or replaced, while the others are attached.
      for (const { photo, kind, ref: target } of allPhotos()) {
        if (photo.attached || photo.problem) continue;
        const outcome: Partial<PhotoEntry> = await api
          .attach(kind, target, photo.file, photo.caption)
          .then(() => ({ attached: true }))
          .catch((error: unknown) => ({
            problem:
              error instanceof ApiError && error.body
                ? { ...error.body, message: error.body.error }
                : { message: t('form.photoFailed') },
          }));
        if (outcome.problem) failed = true;
        const update = (list: PhotoEntry[]) =>
          list.map((p) => (p.key === photo.key ? { ...p, ...outcome } : p));
        setIncidentPhotos(update);
        setItems((list) => list.map((entry) => ({ ...entry, photos: update(entry.photos) })));
      }
      if (!failed && !photosWrong) navigate(incidentPath(record.ref));
      else failed = true;
    } finally {
      if (failed) setFailedSaves((n) => n + 1);
      setBusy(false);
    }
  };

  return (
    <div className="document-page">
      <h1>{t('form.title')}</h1>
      <p className="muted">{me.role === 'documenter' ? t('form.draftNote') : t('form.validatedNote')}</p>
      {saved && (
        <p className="notice" role="status">
          {t('form.savedPhotosPending')}
        </p>
      )}
      {failedSaves > 0 && problems.length > 0 && (
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
                <a
                  href={`#${p.target}`}
                  onClick={(e) => {
                    // To the control itself, its label in view: what a fragment alone does not do.
                    const control = document.getElementById(p.target);
                    if (!control) return;
                    e.preventDefault();
                    control.focus();
                    (control.closest('.field, li') ?? control).scrollIntoView({ block: 'center' });
                  }}
                >
                  {p.text}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form onSubmit={submit} noValidate lang={language}>
        <IncidentFields
          value={{ ...incident, ref }}
          errors={errors.incident}
          onChange={changeIncident}
          regions={regions.data ?? []}
          actors={actors.data ?? []}
          saved={saved}
        />
        <PhotoPicker
          id="incident-photos"
          legend={t('form.incidentPhotos')}
          photos={incidentPhotos}
          onAdd={(add) => setIncidentPhotos((list) => editPhotos(list, { add }))}
          onCaption={(key, caption) =>
            setIncidentPhotos((list) => editPhotos(list, { caption: [key, caption] }))
          }
          onRemove={(remove) => setIncidentPhotos((list) => editPhotos(list, { remove }))}
        />
        <h2>{t('form.materiel')}</h2>
        <p className="muted">{t('form.materielHint')}</p>
        {items.map((entry, i) => (
          <div key={entry.key} className="item-block">
            <ItemFields
              index={i}
              value={{ ...entry.draft, ref: itemRef(entry, i) }}
              errors={errors.items.get(entry.key) ?? {}}
              saved={saved}
              incidentDate={isoDate}
              onChange={(patch) => changeDraft(entry, patch)}
              onRemove={() => setItems((list) => list.filter((e) => e.key !== entry.key))}
            />
            <PhotoPicker
              id={`item-${i}-photos`}
              legend={t('form.itemPhotos', { n: i + 1 })}
              photos={entry.photos}
              onAdd={(add) => changeItem(entry.key, { photos: editPhotos(entry.photos, { add }) })}
              onCaption={(key, caption) =>
                changeItem(entry.key, { photos: editPhotos(entry.photos, { caption: [key, caption] }) })
              }
              onRemove={(remove) => changeItem(entry.key, { photos: editPhotos(entry.photos, { remove }) })}
            />
          </div>
        ))}
        {!saved && (
          <p>
            <button type="button" onClick={() => setItems((list) => [...list, newItem()])}>
              {t('form.addItem')}
            </button>
          </p>
        )}
        <p className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('form.saving') : saved ? t('form.attachPhotos') : t('form.save')}
          </button>
        </p>
      </form>
      <ReferenceLists />
    </div>
  );
}

import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { incidentTypes } from '@headstamp/incidents/vocabulary';
import { api, paths, problemWords } from '../api/client';
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
import { PhotoPicker, photoEntries, photoId, type PhotoEntry } from './PhotoPicker';
import { OutboxPanel } from './OutboxPanel';
import { ProblemSummary, type Problem } from './ProblemSummary';
import {
  attachPhoto,
  isNetworkFailure,
  refusalError,
  type OutboxEntry,
  type OutboxPhoto,
} from '../offline/outbox';
import { draftStore, queue, discard, useOutbox } from '../offline/outboxStore';
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

/** The server's refusal of the last save, with the items in the order they were sent. */
interface Refusal {
  error: unknown;
  sentKeys: number[];
}

let nextKey = 1;
const newItem = (): ItemEntry => ({ key: nextKey++, draft: emptyItem(), refTyped: false, photos: [] });

/** A photo as the browser keeps it between visits: the file itself, not its thumbnail's address. */
type KeptPhoto = Pick<PhotoEntry, 'file' | 'caption' | 'attached' | 'problem'>;

/** The form as typed, kept in the browser (debounced) so that closing the tab loses nothing. */
interface FormDraft {
  incident: IncidentDraft;
  refTyped: boolean;
  saved: boolean;
  /** The outbox entry the form holds, opened to be corrected. */
  outboxId: string | null;
  incidentPhotos: KeptPhoto[];
  items: { draft: ItemDraft; refTyped: boolean; photos: KeptPhoto[] }[];
}

const keptPhoto = ({ file, caption, attached, problem }: PhotoEntry): KeptPhoto => ({
  file,
  caption,
  attached,
  problem,
});

/** Photos kept in the browser as the form holds them again (thumbnails, the checks of their bytes). */
async function restorePhotos(kept: KeptPhoto[]): Promise<PhotoEntry[]> {
  const entries = await photoEntries(kept.map((p) => p.file));
  return entries.map((entry, i) => {
    const { caption, attached, problem } = kept[i]!;
    return { ...entry, caption, attached, problem: problem ?? entry.problem };
  });
}

const isBlank = (draft: FormDraft) =>
  JSON.stringify(draft.incident) === JSON.stringify(emptyIncident()) &&
  draft.incidentPhotos.length === 0 &&
  draft.items.every(
    (item) => JSON.stringify(item.draft) === JSON.stringify(emptyItem()) && item.photos.length === 0,
  );

/** How long typing pauses before the form is kept: often enough, not on every key. */
const KEEP_AFTER_MS = 400;

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
  /** The outbox entry being corrected: saved or kept again in its place. */
  const [outboxId, setOutboxId] = useState<string | null>(null);
  /** Said once the incident went to the outbox. */
  const [queued, setQueued] = useState(false);
  /** The form kept from before is back (or there was none): from now on, what is typed is kept. */
  const [restored, setRestored] = useState(false);
  const user = me.username;
  const waiting = useOutbox().entries.some((e) => !e.refusal);

  const fill = async (draft: FormDraft) => {
    setIncident(draft.incident);
    setRefTyped(draft.refTyped);
    setSaved(draft.saved);
    setOutboxId(draft.outboxId);
    setIncidentPhotos(await restorePhotos(draft.incidentPhotos));
    const restoredItems = await Promise.all(
      draft.items.map(async (item) => ({ ...newItem(), ...item, photos: await restorePhotos(item.photos) })),
    );
    setItems(restoredItems);
    return restoredItems;
  };
  const clearForm = () => {
    setIncident(emptyIncident());
    setRefTyped(false);
    setSaved(false);
    setOutboxId(null);
    setIncidentPhotos([]);
    setItems([newItem()]);
    setRefusal(null);
  };

  useEffect(() => {
    let current = true;
    draftStore
      .load<FormDraft>(user)
      .then((draft) => (current && draft ? fill(draft) : undefined))
      .catch((error: unknown) => console.warn(error))
      .finally(() => current && setRestored(true));
    return () => {
      current = false;
    };
  }, [user]);

  const draft = useMemo<FormDraft>(
    () => ({
      incident,
      refTyped,
      saved,
      outboxId,
      incidentPhotos: incidentPhotos.map(keptPhoto),
      items: items.map((e) => ({ draft: e.draft, refTyped: e.refTyped, photos: e.photos.map(keptPhoto) })),
    }),
    [incident, refTyped, saved, outboxId, incidentPhotos, items],
  );
  useEffect(() => {
    if (!restored) return;
    const timer = setTimeout(
      () => void (isBlank(draft) ? draftStore.clear(user) : draftStore.save(user, draft)),
      KEEP_AFTER_MS,
    );
    return () => clearTimeout(timer);
  }, [restored, user, draft]);

  /** Opens an outbox entry in the form, to correct what the server refused. */
  const open = async (entry: OutboxEntry) => {
    if (!isBlank(draft) && outboxId !== entry.id && !window.confirm(t('outbox.replaceForm'))) return;
    const photosOf = (item: number | null) =>
      entry.photos
        .filter((p) => p.item === item)
        .map(({ file, caption, attached, problem }) => ({ file, caption, attached, problem }));
    const opened = await fill({
      incident: { ...emptyIncident(), ...entry.record },
      refTyped: true,
      saved: entry.created,
      outboxId: entry.id,
      incidentPhotos: photosOf(null),
      items: entry.items.map((draft, i) => ({
        draft: { ...emptyItem(), ...draft },
        refTyped: true,
        photos: photosOf(i),
      })),
    });
    setQueued(false);
    setRefusal(
      entry.refusal ? { error: refusalError(entry.refusal), sentKeys: opened.map((e) => e.key) } : null,
    );
    setFailedSaves((n) => n + 1);
  };

  /** Keeps the incident in the outbox, to be sent when the server is reached, and empties the form. */
  const keepForLater = async (entry: Omit<OutboxEntry, 'id' | 'user' | 'queuedAt'>) => {
    await queue({
      ...entry,
      id: outboxId ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`,
      user,
      queuedAt: new Date().toISOString(),
    });
    clearForm();
    await draftStore.clear(user);
    setQueued(true);
    window.scrollTo(0, 0);
  };

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
    ...incidentPhotos.map((photo) => ({
      photo,
      kind: 'incident' as const,
      ref,
      item: null,
      prefix: 'incident-photos',
    })),
    ...items.flatMap((entry, i) =>
      entry.photos.map((photo) => ({
        photo,
        kind: 'item' as const,
        ref: itemRef(entry, i),
        item: i,
        prefix: `item-${i}-photos`,
      })),
    ),
  ];
  /** The photos as the outbox keeps them, each with the item it shows. */
  const outboxPhotos = (attachedNow = new Set<number>()): OutboxPhoto[] =>
    allPhotos().map(({ photo, item }) => ({
      file: photo.file,
      caption: photo.caption,
      item,
      attached: photo.attached || attachedNow.has(photo.key),
      problem: photo.problem,
    }));

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
    setQueued(false);
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
          // Not reached: the incident waits in the browser, unless a photo is wrong (said below).
          if (isNetworkFailure(error) && !photosWrong) {
            await keepForLater({ record, items: sentItems, photos: outboxPhotos(), created: false });
            return;
          }
          setRefusal(isNetworkFailure(error) ? null : { error, sentKeys: items.map((e) => e.key) });
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
      const attachedNow = new Set<number>();
      for (const { photo, kind, ref: target } of allPhotos()) {
        if (photo.attached || photo.problem) continue;
        const outcome = await attachPhoto(api, { kind, ref: target }, photo, t('form.photoFailed'));
        if ('unreached' in outcome) {
          // The record is saved: the photos not yet attached wait, and only they will be sent.
          await keepForLater({ record, items: sentItems, photos: outboxPhotos(attachedNow), created: true });
          return;
        }
        if ('problem' in outcome) failed = true;
        else attachedNow.add(photo.key);
        const patch: Partial<PhotoEntry> =
          'problem' in outcome ? { problem: outcome.problem } : { attached: true };
        const update = (list: PhotoEntry[]) =>
          list.map((p) => (p.key === photo.key ? { ...p, ...patch } : p));
        setIncidentPhotos(update);
        setItems((list) => list.map((entry) => ({ ...entry, photos: update(entry.photos) })));
      }
      if (!failed && !photosWrong) {
        await draftStore.clear(user);
        const sentFrom = outboxId;
        clearForm();
        if (sentFrom) await discard({ id: sentFrom, user });
        navigate(incidentPath(record.ref));
      } else failed = true;
    } finally {
      if (failed) setFailedSaves((n) => n + 1);
      setBusy(false);
    }
  };

  return (
    <div className="document-page">
      <h1>{t('form.title')}</h1>
      <p className="muted">{me.role === 'documenter' ? t('form.draftNote') : t('form.validatedNote')}</p>
      <OutboxPanel onOpen={(entry) => void open(entry)} />
      {queued && waiting && (
        <p className="notice" role="status">
          {t('outbox.queued')}
        </p>
      )}
      {saved && (
        <p className="notice" role="status">
          {t('form.savedPhotosPending')}
        </p>
      )}
      {failedSaves > 0 && problems.length > 0 && <ProblemSummary problems={problems} ref={summary} />}
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

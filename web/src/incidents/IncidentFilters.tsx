import { useState, type FormEvent } from 'react';
import { incidentTypes } from '@headstamp/incidents/vocabulary';
import type { Actor, Region } from '../api/types';
import { useI18n } from '../i18n/i18n';
import type { Filters } from './filters';
import { RegionSelect } from './RegionSelect';

interface Props {
  value: Filters;
  regions: Region[];
  actors: Actor[];
  onApply(filters: Filters): void;
}

/** The list's filters; they apply on submit, so a slow link is asked once per change of mind. */
export function IncidentFilters({ value, regions, actors, onApply }: Props) {
  const { t, term } = useI18n();
  const [draft, setDraft] = useState<Filters>(value);
  const set = (patch: Filters) => setDraft((d) => ({ ...d, ...patch }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  const clear = () => {
    setDraft({});
    onApply({});
  };

  return (
    <form className="filters card" role="search" aria-label={t('filters.label')} onSubmit={submit}>
      <div className="field grow">
        <label htmlFor="f-q">{t('filters.q')}</label>
        <input
          id="f-q"
          type="search"
          value={draft.q ?? ''}
          placeholder={t('filters.qPlaceholder')}
          onChange={(e) => set({ q: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="f-from">{t('filters.from')}</label>
        <input
          id="f-from"
          type="date"
          value={draft.from ?? ''}
          onChange={(e) => set({ from: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="f-to">{t('filters.to')}</label>
        <input id="f-to" type="date" value={draft.to ?? ''} onChange={(e) => set({ to: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor="f-type">{t('filters.type')}</label>
        <select id="f-type" value={draft.type ?? ''} onChange={(e) => set({ type: e.target.value })}>
          <option value="">{t('filters.any')}</option>
          {incidentTypes.keys.map((key) => (
            <option key={key} value={key}>
              {term(incidentTypes, key)}
            </option>
          ))}
        </select>
      </div>
      <RegionSelect
        id="f-region"
        regions={regions}
        country={draft.country}
        admin1={draft.admin1}
        onChange={(place) => set(place)}
      />
      <div className="field">
        <label htmlFor="f-actor">{t('filters.actor')}</label>
        <input
          id="f-actor"
          list="f-actor-list"
          value={draft.actor ?? ''}
          onChange={(e) => set({ actor: e.target.value })}
          autoComplete="off"
        />
        <datalist id="f-actor-list">
          {actors.map((a) => (
            <option key={a.name} value={a.name} />
          ))}
        </datalist>
      </div>
      <div className="field">
        <label htmlFor="f-items">{t('filters.hasItems')}</label>
        <select id="f-items" value={draft.hasItems ?? ''} onChange={(e) => set({ hasItems: e.target.value })}>
          <option value="">{t('filters.any')}</option>
          <option value="true">{t('filters.withItems')}</option>
          <option value="false">{t('filters.withoutItems')}</option>
        </select>
      </div>
      <div className="actions">
        <button type="submit" className="primary">
          {t('filters.apply')}
        </button>
        <button type="button" onClick={clear}>
          {t('filters.clear')}
        </button>
      </div>
    </form>
  );
}

import { incidentTypes } from '@headstamp/incidents/vocabulary';
import type { Actor, Region } from '../api/types';
import { ActorField, DateRangeFields, FilterForm } from '../common/FilterForm';
import { useI18n } from '../i18n/i18n';
import type { Filters } from './filters';
import { RegionSelect } from './RegionSelect';

interface Props {
  value: Filters;
  regions: Region[];
  actors: Actor[];
  onApply(filters: Filters): void;
}

/** The incident list's filters. */
export function IncidentFilters({ value, regions, actors, onApply }: Props) {
  const { t, term } = useI18n();
  return (
    <FilterForm label={t('filters.label')} value={value} onApply={onApply}>
      {(draft, set) => (
        <>
          <div className="field grow">
            <label htmlFor="f-q">{t('filters.q')}</label>
            <span id="f-q-hint" className="hint">
              {t('filters.qHint')}
            </span>
            <input
              id="f-q"
              type="search"
              value={draft.q ?? ''}
              placeholder={t('filters.qPlaceholder')}
              aria-describedby="f-q-hint"
              maxLength={200}
              onChange={(e) => set({ q: e.target.value })}
            />
          </div>
          <DateRangeFields prefix="f" from={draft.from} to={draft.to} onChange={set} />
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
          <ActorField id="f-actor" actors={actors} value={draft.actor} onChange={(actor) => set({ actor })} />
          <div className="field">
            <label htmlFor="f-items">{t('filters.hasItems')}</label>
            <select
              id="f-items"
              value={draft.hasItems ?? ''}
              onChange={(e) => set({ hasItems: e.target.value })}
            >
              <option value="">{t('filters.any')}</option>
              <option value="true">{t('filters.withItems')}</option>
              <option value="false">{t('filters.withoutItems')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-status">{t('filters.status')}</label>
            <select
              id="f-status"
              value={draft.status ?? ''}
              onChange={(e) => set({ status: e.target.value })}
            >
              <option value="">{t('filters.any')}</option>
              <option value="draft">{t('incident.draft')}</option>
              <option value="validated">{t('incident.validated')}</option>
            </select>
          </div>
        </>
      )}
    </FilterForm>
  );
}

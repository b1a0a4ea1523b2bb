import { attributionStatuses, classifications, incidentTypes } from '@headstamp/incidents/vocabulary';
import { itemCategories, itemConditions } from '@headstamp/items/vocabulary';
import { ApiError, paths } from '../api/client';
import type { HistoryEntry } from '../api/types';
import { useApi } from '../api/useApi';
import { Status } from '../common/Status';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { INCIDENT_LABELS } from './IncidentFields';
import { ITEM_LABELS } from './ItemFields';

// A record's reference never changes: a change is shown by its other columns, labelled as in
// the form; others (stored keys, ids) are not shown.
const changeable = (labels: Record<string, MessageKey>) =>
  Object.fromEntries(Object.entries(labels).filter(([column]) => column !== 'ref'));
const LABELS: Record<'incident' | 'item', Record<string, MessageKey>> = {
  incident: changeable(INCIDENT_LABELS),
  item: { incident_ref: 'items.incident', ...changeable(ITEM_LABELS) },
};

type State = Record<string, unknown>;
const stateOf = (value: unknown): State => (value && typeof value === 'object' ? (value as State) : {});

/**
 * Who changed what and when, newest first: an incident's history with its items', or one item's
 * (`item`). Beside the edit forms, so a correction is made knowing what was corrected before.
 */
export function RecordHistory({ incident, item }: { incident: string; item?: string }) {
  const { t } = useI18n();
  const history = useApi<HistoryEntry[]>(paths.incidentHistory(incident));
  const forbidden = history.error instanceof ApiError && history.error.status === 403;
  const entries = (history.data ?? [])
    .filter((e) => (item ? e.entity === 'item' && e.key === item : true))
    .reverse();
  return (
    <aside className="record-history" aria-labelledby="history-title">
      <h2 id="history-title">{t('history.title')}</h2>
      {forbidden ? (
        <p className="muted">{t('history.unavailable')}</p>
      ) : (
        <Status loading={history.loading && !history.data} error={history.error} />
      )}
      {history.data && entries.length === 0 && <p className="muted">{t('history.none')}</p>}
      {entries.length > 0 && (
        <ol>
          {entries.map((entry, i) => (
            <Entry key={`${entry.at} ${i}`} entry={entry} showKey={!item && entry.entity === 'item'} />
          ))}
        </ol>
      )}
    </aside>
  );
}

function Entry({ entry, showKey }: { entry: HistoryEntry; showKey: boolean }) {
  const { t, language } = useI18n();
  const before = stateOf(entry.before);
  const after = stateOf(entry.after);
  const [what, note] =
    entry.action === 'create'
      ? [t('history.create')]
      : entry.action === 'delete'
        ? [t('history.delete'), after.reason]
        : after.review === 'sent_back'
          ? [t('history.sentBack'), after.comment]
          : after.review === 'validated'
            ? [t('history.validated'), after.comment]
            : before.deleted === true && after.deleted === false
              ? [t('history.restore')]
              : [t('history.update')];
  const labels = LABELS[entry.entity === 'item' ? 'item' : 'incident'];
  const changed =
    entry.action === 'update' && after.review === undefined && after.deleted === undefined
      ? Object.keys(labels).filter((c) => JSON.stringify(before[c]) !== JSON.stringify(after[c]))
      : [];
  const when = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <li>
      <p className="history-head">
        <time dateTime={entry.at}>{when.format(new Date(entry.at))}</time> · {entry.actor}
      </p>
      <p>
        <strong>{what}</strong>
        {showKey && <span className="muted"> ({t('history.item', { ref: entry.key })})</span>}
        {typeof note === 'string' && note && (
          <>
            {' '}
            <q>{note}</q>
          </>
        )}
      </p>
      {changed.length > 0 && (
        <dl className="history-changes">
          {changed.map((column) => (
            <div key={column}>
              <dt>{t(labels[column]!)}</dt>
              <dd>
                <del>
                  <Value entity={entry.entity} column={column} value={before[column]} />
                </del>{' '}
                → <Value entity={entry.entity} column={column} value={after[column]} />
              </dd>
            </div>
          ))}
        </dl>
      )}
    </li>
  );
}

/** A value as stored in the history: dates with their precision, vocabulary keys in words. */
function Value({ entity, column, value }: { entity: string; column: string; value: unknown }) {
  const { t, term, date, country } = useI18n();
  if (value === null || value === undefined || value === '')
    return <span className="muted">{t('history.empty')}</span>;
  if (typeof value === 'object' && 'date' in value && typeof value.date === 'string') return date(value.date);
  const text = String(value);
  if (column === 'type' && entity === 'incident') return term(incidentTypes, text);
  if (column === 'category') return term(itemCategories, text);
  if (column === 'condition') return term(itemConditions, text);
  if (column === 'classification') return term(classifications, text);
  if (column === 'attribution') return term(attributionStatuses, text);
  if (column === 'country' || column === 'country_of_manufacture') return country(text);
  return text;
}

import { incidentPath, Link } from '../app/router';
import { fieldErrors } from '../common/fieldErrors';
import { useI18n } from '../i18n/i18n';
import { refusalError, type OutboxEntry } from '../offline/outbox';
import { discard, sendWaiting, useOutbox } from '../offline/outboxStore';

/**
 * What was documented while the server could not be reached: each incident waiting to be sent,
 * or refused with the server's reason (to open in the form and correct, or to discard), and
 * those sent since the page was opened.
 */
export function OutboxPanel({ onOpen }: { onOpen(entry: OutboxEntry): void }) {
  const { t, date } = useI18n();
  const { entries, sending, sent } = useOutbox();
  if (entries.length === 0 && sent.length === 0) return null;
  const waiting = entries.filter((e) => !e.refusal).length;
  const reason = (entry: OutboxEntry) =>
    entry.refusal ? Object.values(fieldErrors(refusalError(entry.refusal))).join(' ') : '';
  return (
    <section className="outbox" aria-labelledby="outbox-title">
      <h2 id="outbox-title">{t(entries.length > 0 ? 'outbox.title' : 'outbox.sentTitle')}</h2>
      {entries.length > 0 && (
        <p role="status">
          {t('outbox.count', { count: entries.length })} {sending ? t('outbox.sending') : ''}
        </p>
      )}
      <ul className="outbox-entries">
        {entries.map((entry) => (
          <li key={entry.id} className={entry.refusal ? 'refused' : undefined}>
            <span className="outbox-ref">{entry.record.ref}</span>{' '}
            <span className="muted">{entry.record.date ? date(entry.record.date) : ''}</span>{' '}
            {entry.refusal ? (
              <>
                <span className="badge refused">{t('outbox.refused')}</span>
                <span className="field-error">{reason(entry)}</span>
                <span className="outbox-actions">
                  <button type="button" onClick={() => onOpen(entry)}>
                    {t('outbox.open', { ref: entry.record.ref ?? '' })}
                  </button>
                  <button type="button" onClick={() => void discard(entry)}>
                    {t('outbox.discard', { ref: entry.record.ref ?? '' })}
                  </button>
                </span>
              </>
            ) : (
              <span className="badge">{t(entry.created ? 'outbox.photosWaiting' : 'outbox.waiting')}</span>
            )}
          </li>
        ))}
        {sent.map((record) => (
          <li key={record.id}>
            <Link to={incidentPath(record.ref)}>{record.ref}</Link>{' '}
            <span className="badge saved">{t('outbox.saved')}</span>
          </li>
        ))}
      </ul>
      {waiting > 0 && !sending && (
        <p>
          <button type="button" onClick={() => void sendWaiting({ evenOffline: true })}>
            {t('outbox.sendNow')}
          </button>
        </p>
      )}
    </section>
  );
}

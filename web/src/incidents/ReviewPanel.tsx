import { useState } from 'react';
import { api } from '../api/client';
import type { IncidentDetail } from '../api/types';
import { Alert } from '../common/Status';
import { refusal, useSubmit } from '../common/useSubmit';
import { useI18n } from '../i18n/i18n';
import { DismissForm } from '../leads/LeadDecision';

/**
 * A draft's review: what reviewers decided (a comment sent back is what its documenter reads
 * here), and for a reviewer the buttons to validate it or send it back with a comment.
 */
export function ReviewPanel({
  reference,
  detail,
  onReviewed,
}: {
  reference: string;
  detail: IncidentDetail;
  onReviewed(): void;
}) {
  const { t, language } = useI18n();
  const [sending, setSending] = useState(false);
  const { busy, errors, run } = useSubmit(refusal);
  const draft = detail.incident.status === 'draft';
  if (!draft && detail.reviews.length === 0) return null;
  const when = new Intl.DateTimeFormat(language, { dateStyle: 'medium' });
  const review = (action: () => Promise<unknown>) =>
    run(async () => {
      await action();
      setSending(false);
      onReviewed();
    });
  return (
    <section className={`review-panel${draft ? ' draft' : ''}`} aria-labelledby="review-title">
      <h2 id="review-title">{t('review.title')}</h2>
      {draft && <p>{t('review.draftNote')}</p>}
      {detail.reviews.length > 0 && (
        <ol className="reviews">
          {detail.reviews.map((r) => (
            <li key={r.at}>
              {t(r.decision === 'sent_back' ? 'review.sentBack' : 'review.validatedBy', {
                user: r.reviewer,
                date: when.format(new Date(r.at)),
              })}
              {r.comment && (
                <>
                  {' '}
                  <q className="review-comment">{r.comment}</q>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
      {detail.can.review && !sending && (
        <p className="form-actions">
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => void review(() => api.validateIncident(reference))}
          >
            {t('review.validate')}
          </button>
          <button type="button" disabled={busy} onClick={() => setSending(true)}>
            {t('review.sendBack')}
          </button>
        </p>
      )}
      {sending && (
        <DismissForm
          busy={busy}
          labels={{ reason: 'review.comment', submit: 'review.sendBackSubmit' }}
          onCancel={() => setSending(false)}
          onDismiss={(comment) => void review(() => api.sendBackIncident(reference, comment))}
        />
      )}
      <Alert message={errors[''] && t('common.failed', { message: errors[''] })} />
    </section>
  );
}

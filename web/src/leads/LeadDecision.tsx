import { useId, useState, type FormEvent } from 'react';
import type { LeadStatus } from '@headstamp/leads/vocabulary';
import { api } from '../api/client';
import type { Assignee, LeadDecisionInput, LeadDecisionView, LeadView } from '../api/types';
import { Alert } from '../common/Status';
import { refusal, useSubmit } from '../common/useSubmit';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

/** Where a lead stands, and (for those who may decide) the buttons to confirm, dismiss, reopen or assign it. */
export function LeadDecision({ lead, assignees }: { lead: LeadView; assignees?: Assignee[] }) {
  const { t, date } = useI18n();
  const [decision, setDecision] = useState<LeadDecisionView | undefined>(lead.decision);
  const [dismissing, setDismissing] = useState(false);
  const { busy, errors, run } = useSubmit(refusal);
  const status: LeadStatus = decision?.status ?? 'open';

  const decide = (change: Omit<LeadDecisionInput, 'kind' | 'subject'>) =>
    run(async () => {
      setDecision(await api.decideLead({ kind: lead.kind, subject: lead.subject, ...change }));
      setDismissing(false);
    });

  return (
    <div className="lead-decision">
      <p className="decision-state">
        <span className={`badge status-${status}`}>{t(`decision.${status}`)}</span>
        {decision && decision.status !== 'open' && (
          <span className="muted">
            {' '}
            {t('decision.by', { user: decision.decidedBy, date: date(decision.decidedAt.slice(0, 10)) })}
          </span>
        )}
        {decision?.reason && <q className="decision-reason">{decision.reason}</q>}
        {decision?.assignee && (
          <span className="assignee">{t('decision.assignedTo', { user: decision.assignee })}</span>
        )}
      </p>
      {assignees && (
        <div className="decision-actions">
          {status !== 'confirmed' && (
            <button type="button" disabled={busy} onClick={() => decide({ status: 'confirmed' })}>
              {t('decision.confirm')}
            </button>
          )}
          {status !== 'dismissed' && !dismissing && (
            <button type="button" disabled={busy} onClick={() => setDismissing(true)}>
              {t('decision.dismiss')}
            </button>
          )}
          {status !== 'open' && (
            <button type="button" disabled={busy} onClick={() => decide({ status: 'open' })}>
              {t('decision.reopen')}
            </button>
          )}
          <AssigneeSelect
            value={decision?.assignee ?? ''}
            assignees={assignees}
            disabled={busy}
            onChange={(assignee) => decide({ assignee: assignee || null })}
          />
        </div>
      )}
      {dismissing && (
        <DismissForm
          busy={busy}
          onCancel={() => setDismissing(false)}
          onDismiss={(reason) => decide({ status: 'dismissed', reason })}
        />
      )}
      <Alert message={errors[''] && t('common.failed', { message: errors[''] })} />
    </div>
  );
}

export function AssigneeSelect({
  value,
  assignees,
  disabled,
  onChange,
  label = 'decision.assign',
}: {
  value: string;
  assignees: Assignee[];
  disabled: boolean;
  onChange(username: string): void;
  label?: MessageKey;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <span className="assign">
      <label htmlFor={id}>{t(label)}</label>
      <select id={id} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('decision.nobody')}</option>
        {assignees.map((a) => (
          <option key={a.username} value={a.username}>
            {a.displayName}
          </option>
        ))}
      </select>
    </span>
  );
}

/** A reason, and the button to dismiss for it: one lead's, or (with its own labels) a selection's. */
export function DismissForm({
  busy,
  onDismiss,
  onCancel,
  labels = { reason: 'decision.reason', submit: 'decision.dismissLead' },
}: {
  busy: boolean;
  onDismiss(reason: string): void;
  onCancel(): void;
  labels?: { reason: MessageKey; submit: MessageKey };
}) {
  const { t } = useI18n();
  const id = useId();
  const [reason, setReason] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The server refuses a reason shorter than three characters; say so beside the field.
    if (reason.trim().length < 3) return setTooShort(true);
    onDismiss(reason.trim());
  };
  return (
    <form className="dismiss-form" onSubmit={submit}>
      <label htmlFor={id}>{t(labels.reason)}</label>
      <textarea
        id={id}
        value={reason}
        maxLength={2000}
        rows={2}
        aria-required="true"
        aria-invalid={tooShort}
        aria-describedby={tooShort ? `${id}-error` : undefined}
        onChange={(e) => {
          setReason(e.target.value);
          setTooShort(false);
        }}
      />
      {tooShort && (
        <p id={`${id}-error`} className="field-error">
          {t('decision.reasonNeeded')}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t(labels.submit)}
        </button>
        <button type="button" onClick={onCancel}>
          {t('decision.cancel')}
        </button>
      </div>
    </form>
  );
}

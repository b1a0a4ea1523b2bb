import { useState } from 'react';
import { api } from '../api/client';
import type { Assignee, LeadBulkDecisionInput } from '../api/types';
import { Alert } from '../common/Status';
import { refusal, useSubmit } from '../common/useSubmit';
import { useI18n } from '../i18n/i18n';
import { AssigneeSelect, DismissForm } from './LeadDecision';

type Finding = LeadBulkDecisionInput['findings'][number];

/**
 * The bar over a selection of findings: confirm them, dismiss them for one reason, or assign
 * them, in one request that decides all of them or none.
 */
export function BulkDecision({
  findings,
  assignees,
  onDone,
  onClear,
}: {
  findings: Finding[];
  assignees: Assignee[];
  onDone(decided: number): void;
  onClear(): void;
}) {
  const { t } = useI18n();
  const [dismissing, setDismissing] = useState(false);
  const [assignee, setAssignee] = useState('');
  const { busy, errors, run } = useSubmit(refusal);
  const decide = (change: Omit<LeadBulkDecisionInput, 'findings'>) =>
    run(async () => {
      const decided = await api.decideLeads({ findings, ...change });
      setDismissing(false);
      onDone(decided.length);
    });

  return (
    <div className="bulk-bar" role="region" aria-label={t('bulk.label')}>
      <span className="bulk-count" aria-live="polite">
        {t('bulk.selected', { count: findings.length })}
      </span>
      <button type="button" disabled={busy} onClick={() => decide({ status: 'confirmed' })}>
        {t('bulk.confirm')}
      </button>
      {!dismissing && (
        <button type="button" disabled={busy} onClick={() => setDismissing(true)}>
          {t('bulk.dismiss')}
        </button>
      )}
      <AssigneeSelect
        label="bulk.assign"
        value={assignee}
        assignees={assignees}
        disabled={busy}
        onChange={setAssignee}
      />
      <button type="button" disabled={busy} onClick={() => decide({ assignee: assignee || null })}>
        {t('bulk.assignSelected')}
      </button>
      <button type="button" className="link" disabled={busy} onClick={onClear}>
        {t('bulk.clear')}
      </button>
      {dismissing && (
        <DismissForm
          busy={busy}
          labels={{ reason: 'bulk.reason', submit: 'bulk.dismissSelected' }}
          onCancel={() => setDismissing(false)}
          onDismiss={(reason) => decide({ status: 'dismissed', reason })}
        />
      )}
      <Alert message={errors[''] && t('common.failed', { message: errors[''] })} />
    </div>
  );
}

import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from '../app/router';
import { type FieldErrors } from '../common/fieldErrors';
import { Alert, Status } from '../common/Status';
import { refusal, useSubmit } from '../common/useSubmit';
import { usePageTitle } from '../common/usePageTitle';
import { useI18n } from '../i18n/i18n';
import { DismissForm } from '../leads/LeadDecision';
import { ProblemSummary } from './ProblemSummary';
import { RecordHistory } from './RecordHistory';

/** Columns of a stored record, as the documenting form's drafts hold them (text). */
export function draftOf<K extends string>(columns: readonly K[], record: Record<string, string>) {
  return Object.fromEntries(columns.map((c) => [c, record[c] ?? ''])) as Record<K, string>;
}

interface Props {
  title: string;
  /** The incident page the edit comes from and returns to. */
  incident: string;
  /** The item edited, when it is one: its history alone is shown. */
  item?: string;
  /** The record is loaded and the viewer may change it: the form is shown. */
  ready: boolean;
  loading: boolean;
  error: Error | undefined;
  /** Loaded, but the viewer's role may not change it. */
  forbidden: boolean;
  errors: FieldErrors;
  /** The id of the control of a column, to go to from the summary. */
  controlOf(column: string): string;
  busy: boolean;
  onSubmit(): void;
  /** The fields: the documenting form's own. */
  children: ReactNode;
  deletion: { hint: string; open: string; onDelete(reason: string): Promise<void> };
}

/**
 * Editing a stored record in place with the documenting form's fields: what was wrong after a
 * save, summed up and beside each field; the record's history beside the form; and deletion for
 * a reason, under it.
 */
export function EditForm(props: Props) {
  const { t, language } = useI18n();
  usePageTitle(props.title);
  const summary = useRef<HTMLDivElement>(null);
  const problems = Object.entries(props.errors).map(([column, text]) => ({
    target: props.controlOf(column),
    text: text ?? '',
  }));
  useEffect(() => {
    if (problems.length) summary.current?.focus();
  }, [problems.length]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit();
  };
  return (
    <div className="edit-page">
      <p>
        <Link to={`/incidents/${encodeURIComponent(props.incident)}`}>← {t('edit.back')}</Link>
      </p>
      <h1>{props.title}</h1>
      <Status loading={props.loading} error={props.error} />
      {props.forbidden && <p className="notice">{t('edit.notAllowed')}</p>}
      {props.ready && (
        <div className="edit-layout">
          <div>
            {problems.length > 0 && <ProblemSummary problems={problems} ref={summary} />}
            <form onSubmit={submit} noValidate lang={language}>
              {props.children}
              <p className="form-actions">
                <button type="submit" className="primary" disabled={props.busy}>
                  {props.busy ? t('form.saving') : t('form.save')}
                </button>
                <Link to={`/incidents/${encodeURIComponent(props.incident)}`}>{t('decision.cancel')}</Link>
              </p>
            </form>
            <DeleteRecord {...props.deletion} />
          </div>
          <RecordHistory incident={props.incident} {...(props.item ? { item: props.item } : {})} />
        </div>
      )}
    </div>
  );
}

function DeleteRecord({ hint, open, onDelete }: Props['deletion']) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const { busy, errors, run } = useSubmit(refusal);
  return (
    <section className="delete-record" aria-labelledby="delete-title">
      <h2 id="delete-title">{t('edit.deleteTitle')}</h2>
      <p className="muted">{hint}</p>
      {asking ? (
        <DismissForm
          busy={busy}
          labels={{ reason: 'edit.deleteReason', submit: 'edit.confirmDelete' }}
          onCancel={() => setAsking(false)}
          onDismiss={(reason) => void run(() => onDelete(reason))}
        />
      ) : (
        <button type="button" className="danger" onClick={() => setAsking(true)}>
          {open}
        </button>
      )}
      <Alert message={errors[''] && t('common.failed', { message: errors[''] })} />
    </section>
  );
}

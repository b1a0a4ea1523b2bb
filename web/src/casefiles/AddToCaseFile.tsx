import { useId, useState, type FormEvent } from 'react';
import { api, paths } from '../api/client';
import type { CaseFileChange, CaseFileMembers, CaseFileSummary } from '../api/types';
import { useApi } from '../api/useApi';
import { Link } from '../app/router';
import { changeText } from './change';
import { Alert } from '../common/Status';
import { useRefusal } from '../common/refusals';
import { useSubmit } from '../common/useSubmit';
import { useI18n } from '../i18n/i18n';

const NEW = 'new';

/**
 * "Add to a case file" for what a page shows (an incident, a finding, a sample): into a case file
 * chosen from the list, or a new one opened with it. What comes with it (the incidents whole,
 * their items, photos and findings) is the server's to decide; the answer says what came.
 */
export function AddToCaseFile({ members, title }: { members: CaseFileMembers; title: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const id = useId();
  const [open, setOpen] = useState(false);
  const list = useApi<CaseFileSummary[]>(open ? paths.caseFiles : null);
  const [chosen, setChosen] = useState('');
  const [newTitle, setNewTitle] = useState(title);
  const [result, setResult] = useState<CaseFileChange>();
  const refusal = useRefusal();
  const { busy, errors, run } = useSubmit(refusal);
  const target = chosen || (list.data && list.data.length > 0 ? String(list.data[0]!.id) : NEW);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setResult(undefined);
    return run(async () => {
      setResult(
        target === NEW
          ? await api.createCaseFile({ title: newTitle.trim(), members })
          : await api.addToCaseFile(Number(target), members),
      );
      list.reload();
    });
  };

  return (
    <details className="add-to-casefile" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('casefiles.addTo')}</summary>
      <form onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('casefiles.addToWhich')}</label>
          <select id={`${id}-file`} value={target} onChange={(e) => setChosen(e.target.value)}>
            {(list.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
            <option value={NEW}>{t('casefiles.addToNew')}</option>
          </select>
        </div>
        {target === NEW && (
          <div className="field">
            <label htmlFor={`${id}-title`}>{t('casefiles.caseTitle')}</label>
            <input
              id={`${id}-title`}
              required
              maxLength={200}
              value={newTitle}
              onChange={(e) => setNewTitle(e.target.value)}
            />
          </div>
        )}
        <button type="submit" className="primary" disabled={busy || (list.loading && !list.data)}>
          {t('casefiles.addButton')}
        </button>
      </form>
      <Alert message={errors['']} />
      {result && (
        <p role="status" className="done">
          {t('casefiles.addedTo')} <Link to={`/case-files/${result.id}`}>{result.title}</Link>.{' '}
          {changeText(result, i18n)}
        </p>
      )}
    </details>
  );
}

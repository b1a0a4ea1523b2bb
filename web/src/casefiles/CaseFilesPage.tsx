import { useState, type FormEvent } from 'react';
import { classifications } from '@headstamp/incidents/vocabulary';
import { api, paths } from '../api/client';
import type { CaseFileFields, CaseFileSummary } from '../api/types';
import { useApi } from '../api/useApi';
import { Link, navigate } from '../app/router';
import { abilities, useMe } from '../auth/session';
import { Alert, Status } from '../common/Status';
import { DataTable } from '../common/DataTable';
import { usePageTitle } from '../common/usePageTitle';
import { Field } from '../common/Field';
import { refusal, useSubmit } from '../common/useSubmit';
import { useI18n } from '../i18n/i18n';

export const caseFilePath = (id: number) => `/case-files/${id}`;

/** The case files the user may see: all for the cell, those released to it for a partner. */
export function CaseFilesPage() {
  const { t, language } = useI18n();
  const me = useMe();
  const can = abilities(me);
  const list = useApi<CaseFileSummary[]>(can.readCaseFiles ? paths.caseFiles : null);
  usePageTitle(t('casefiles.title'));
  if (!can.readCaseFiles)
    return (
      <section>
        <h1>{t('casefiles.title')}</h1>
        <p className="notice">{t('common.forbidden')}</p>
      </section>
    );
  return (
    <section className="casefiles-page">
      <h1>{t('casefiles.title')}</h1>
      <p className="muted">
        {me.partner ? t('casefiles.introPartner', { partner: me.partner }) : t('casefiles.intro')}
      </p>
      <Status loading={list.loading && !list.data} error={list.error} />
      {list.data && list.data.length === 0 && <p>{t('casefiles.none')}</p>}
      {list.data && list.data.length > 0 && (
        <DataTable
          className="casefiles"
          rows={list.data}
          rowKey={(c) => c.id}
          columns={[
            { header: t('casefiles.caseTitle'), cell: (c) => <Link to={caseFilePath(c.id)}>{c.title}</Link> },
            {
              header: t('casefiles.classification'),
              cell: (c) => classifications.label(c.classification, language),
            },
            {
              header: t('casefiles.contents'),
              cell: (c) =>
                t('casefiles.counts', {
                  incidents: c.incidents,
                  items: c.items,
                  photos: c.photos,
                  leads: c.leads,
                }),
            },
            { header: t('casefiles.updated'), cell: (c) => c.updatedAt.slice(0, 10) },
            can.writeCaseFiles && {
              header: t('casefiles.releasedTo'),
              cell: (c) => (c.releasedTo ?? []).join(', ') || '–',
            },
          ]}
        />
      )}
      {can.writeCaseFiles && <NewCaseFileForm />}
    </section>
  );
}

const EMPTY: Required<CaseFileFields> = {
  title: '',
  finding: '',
  classification: 'confidential',
  handling: '',
};

function NewCaseFileForm() {
  const { t, language } = useI18n();
  const [draft, setDraft] = useState(EMPTY);
  const { busy, errors, run } = useSubmit(refusal);
  const set = (name: keyof typeof EMPTY) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [name]: e.target.value });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    return run(async () => {
      const created = await api.createCaseFile({ ...draft, handling: draft.handling?.trim() || null });
      navigate(caseFilePath(created.id));
    });
  };

  return (
    <form className="casefile-form" onSubmit={(e) => void submit(e)}>
      <fieldset className="form-grid">
        <legend>{t('casefiles.new')}</legend>
        <Field id="casefile-title" label={t('casefiles.caseTitle')} wide>
          {(props) => (
            <input {...props} required maxLength={200} value={draft.title} onChange={set('title')} />
          )}
        </Field>
        <Field id="casefile-classification" label={t('casefiles.classification')}>
          {(props) => (
            <select {...props} value={draft.classification} onChange={set('classification')}>
              {classifications.keys.map((k) => (
                <option key={k} value={k}>
                  {classifications.label(k, language)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="casefile-handling" label={t('casefiles.handling')} hint={t('casefiles.handlingHint')}>
          {(props) => (
            <input {...props} maxLength={200} value={draft.handling ?? ''} onChange={set('handling')} />
          )}
        </Field>
        <Field id="casefile-finding" label={t('casefiles.finding')} wide>
          {(props) => <textarea {...props} rows={5} value={draft.finding} onChange={set('finding')} />}
        </Field>
      </fieldset>
      <Alert message={errors['']} />
      <button type="submit" disabled={busy}>
        {t('casefiles.create')}
      </button>
    </form>
  );
}

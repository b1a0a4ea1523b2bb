import { useState, type FormEvent } from 'react';
import { classifications, incidentTypes } from '@headstamp/incidents/vocabulary';
import { leadKindNames } from '@headstamp/leads/vocabulary';
import { api, ApiError, paths } from '../api/client';
import type { CaseFile, CaseFileMembers } from '../api/types';
import { useApi } from '../api/useApi';
import { incidentPath, Link } from '../app/router';
import { abilities, useMe } from '../auth/session';
import { Status } from '../common/Status';
import { usePageTitle } from '../common/usePageTitle';
import { Field } from '../common/Field';
import { useI18n } from '../i18n/i18n';

/** One case file: what it says and contains, its documents, and for the cell its members and releases. */
export function CaseFilePage({ id }: { id: number }) {
  const { t, language } = useI18n();
  const can = abilities(useMe());
  const loaded = useApi<CaseFile>(paths.caseFile(id));
  const caseFile = loaded.data;
  usePageTitle(caseFile?.title ?? t('casefiles.title'));
  if (!caseFile) return <Status loading={loaded.loading} error={loaded.error} />;
  return (
    <article className="casefile-page">
      <p className="muted">
        <Link to="/case-files">{t('casefiles.title')}</Link> · {t('casefiles.number', { id: caseFile.id })}
      </p>
      <h1>{caseFile.title}</h1>
      <Handling caseFile={caseFile} />
      <p className="downloads">
        <a href={paths.caseFilePdf(caseFile.id, language)} download>
          {t('casefiles.downloadPdf')}
        </a>{' '}
        <a href={paths.caseFilePackage(caseFile.id)} download>
          {t('casefiles.downloadPackage')}
        </a>
      </p>
      <section aria-labelledby="finding-title">
        <h2 id="finding-title">{t('casefiles.finding')}</h2>
        <p className="finding">{caseFile.finding || t('casefiles.noFinding')}</p>
      </section>
      {can.writeCaseFiles && <FindingForm caseFile={caseFile} onSaved={loaded.reload} />}
      <Contents caseFile={caseFile} editable={can.writeCaseFiles} onChanged={loaded.reload} />
      {can.writeCaseFiles && <MembersForm caseFile={caseFile} onChanged={loaded.reload} />}
      {can.writeCaseFiles && <Releases caseFile={caseFile} onChanged={loaded.reload} />}
    </article>
  );
}

function Handling({ caseFile }: { caseFile: CaseFile }) {
  const { language } = useI18n();
  const level = classifications.label(caseFile.classification, language);
  return (
    <p className="handling">
      <strong>{level}</strong>
      {caseFile.handling ? ` — ${caseFile.handling}` : ''}
    </p>
  );
}

const refusal = (error: unknown) => (error instanceof ApiError ? error.message : String(error));

function FindingForm({ caseFile, onSaved }: { caseFile: CaseFile; onSaved(): void }) {
  const { t } = useI18n();
  const [finding, setFinding] = useState(caseFile.finding);
  const [problem, setProblem] = useState('');
  const [saved, setSaved] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api.updateCaseFile(caseFile.id, { finding });
      setProblem('');
      setSaved(true);
      onSaved();
    } catch (error) {
      setProblem(refusal(error));
    }
  };
  return (
    <form className="casefile-form" onSubmit={(e) => void submit(e)}>
      <Field id="casefile-edit-finding" label={t('casefiles.editFinding')} wide>
        {(props) => (
          <textarea
            {...props}
            rows={5}
            value={finding}
            onChange={(e) => {
              setFinding(e.target.value);
              setSaved(false);
            }}
          />
        )}
      </Field>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      <button type="submit">{t('casefiles.save')}</button>
      {saved && (
        <span role="status" className="muted">
          {' '}
          {t('casefiles.saved')}
        </span>
      )}
    </form>
  );
}

function Contents({
  caseFile,
  editable,
  onChanged,
}: {
  caseFile: CaseFile;
  editable: boolean;
  onChanged(): void;
}) {
  const { t, language } = useI18n();
  const [problem, setProblem] = useState('');
  const remove = async (members: Partial<CaseFileMembers>) => {
    try {
      await api.setCaseFileMembers(caseFile.id, members, false);
      setProblem('');
      onChanged();
    } catch (error) {
      setProblem(refusal(error));
    }
  };
  const type = (value: string | undefined) => {
    const key = value ? incidentTypes.parse(value) : undefined;
    return key ? incidentTypes.label(key, language) : (value ?? '');
  };
  return (
    <>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      <section aria-labelledby="incidents-title">
        <h2 id="incidents-title">{t('casefiles.incidents', { count: caseFile.incidents.length })}</h2>
        <div className="table-scroll">
          <table className="casefile-incidents">
            <thead>
              <tr>
                <th scope="col">{t('casefiles.reference')}</th>
                <th scope="col">{t('casefiles.date')}</th>
                <th scope="col">{t('casefiles.type')}</th>
                <th scope="col">{t('casefiles.place')}</th>
                {editable && <th scope="col">{t('casefiles.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {caseFile.incidents.map((i) => (
                <tr key={i.ref}>
                  {/* Partners see the case file's copy, not the register: no link for them. */}
                  <td>{editable ? <Link to={incidentPath(i.ref)}>{i.ref}</Link> : i.ref}</td>
                  <td>{i.record.date}</td>
                  <td>{type(i.record.type)}</td>
                  <td>{[i.record.place, i.record.country].filter(Boolean).join(', ')}</td>
                  {editable && (
                    <td>
                      <button type="button" onClick={() => void remove({ incidents: [i.ref] })}>
                        {t('casefiles.remove', { what: i.ref })}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="items-title">
        <h2 id="items-title">{t('casefiles.items', { count: caseFile.items.length })}</h2>
        <div className="table-scroll">
          <table className="casefile-items">
            <thead>
              <tr>
                <th scope="col">{t('casefiles.item')}</th>
                <th scope="col">{t('casefiles.incident')}</th>
                <th scope="col">{t('casefiles.model')}</th>
                <th scope="col">{t('casefiles.calibre')}</th>
                <th scope="col">{t('casefiles.markings')}</th>
                <th scope="col">{t('casefiles.serial')}</th>
                <th scope="col">{t('casefiles.lot')}</th>
                <th scope="col">{t('casefiles.madeIn')}</th>
                {editable && <th scope="col">{t('casefiles.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {caseFile.items.map((i) => (
                <tr key={i.ref}>
                  <td>{i.ref}</td>
                  <td>{i.incident}</td>
                  <td>{i.record.model}</td>
                  <td>{i.record.calibre}</td>
                  <td>{i.record.markings}</td>
                  <td>{i.record.serial}</td>
                  <td>{i.record.lot}</td>
                  <td>{i.record.country_of_manufacture}</td>
                  {editable && (
                    <td>
                      <button type="button" onClick={() => void remove({ items: [i.ref] })}>
                        {t('casefiles.remove', { what: i.ref })}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {caseFile.photos.length > 0 && (
        <section aria-labelledby="photos-title">
          <h2 id="photos-title">{t('casefiles.photos', { count: caseFile.photos.length })}</h2>
          <ul>
            {caseFile.photos.map((p) => (
              <li key={p.id}>
                {p.fileName} — {p.item ?? p.incident}
                {p.caption ? `: ${p.caption}` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
      {caseFile.leads.length > 0 && (
        <section aria-labelledby="leads-title">
          <h2 id="leads-title">{t('casefiles.leads', { count: caseFile.leads.length })}</h2>
          <ul>
            {caseFile.leads.map((l) => (
              <li key={`${l.kind}:${l.subject}`}>
                <strong>{leadKindNames.label(l.kind, language)}</strong>: {l.explanation}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** References typed one a line (or separated by semicolons), as analysts paste them. */
const refsOf = (text: string) =>
  text
    .split(/[\n;]/)
    .map((r) => r.trim())
    .filter(Boolean);

function MembersForm({ caseFile, onChanged }: { caseFile: CaseFile; onChanged(): void }) {
  const { t } = useI18n();
  const [incidents, setIncidents] = useState('');
  const [items, setItems] = useState('');
  const [problem, setProblem] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api.setCaseFileMembers(caseFile.id, { incidents: refsOf(incidents), items: refsOf(items) }, true);
      setIncidents('');
      setItems('');
      setProblem('');
      onChanged();
    } catch (error) {
      setProblem(refusal(error));
    }
  };
  return (
    <form className="casefile-form" onSubmit={(e) => void submit(e)}>
      <fieldset className="form-grid">
        <legend>{t('casefiles.add')}</legend>
        <p className="muted wide">{t('casefiles.addHint')}</p>
        <Field id="casefile-add-incidents" label={t('casefiles.addIncidents')} hint={t('casefiles.oneALine')}>
          {(props) => (
            <textarea {...props} rows={3} value={incidents} onChange={(e) => setIncidents(e.target.value)} />
          )}
        </Field>
        <Field id="casefile-add-items" label={t('casefiles.addItems')} hint={t('casefiles.oneALine')}>
          {(props) => (
            <textarea {...props} rows={3} value={items} onChange={(e) => setItems(e.target.value)} />
          )}
        </Field>
      </fieldset>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      <button type="submit">{t('casefiles.addButton')}</button>
    </form>
  );
}

function Releases({ caseFile, onChanged }: { caseFile: CaseFile; onChanged(): void }) {
  const { t } = useI18n();
  const [partner, setPartner] = useState('');
  const [problem, setProblem] = useState('');
  const release = async (to: string, released: boolean) => {
    try {
      await api.setCaseFileRelease(caseFile.id, to, released);
      setPartner('');
      setProblem('');
      onChanged();
    } catch (error) {
      setProblem(refusal(error));
    }
  };
  const releasedTo = caseFile.releasedTo ?? [];
  return (
    <section aria-labelledby="releases-title">
      <h2 id="releases-title">{t('casefiles.releases')}</h2>
      {releasedTo.length === 0 ? (
        <p className="muted">{t('casefiles.notReleased')}</p>
      ) : (
        <ul className="casefile-releases">
          {releasedTo.map((p) => (
            <li key={p}>
              {p}{' '}
              <button type="button" onClick={() => void release(p, false)}>
                {t('casefiles.withdraw', { partner: p })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="casefile-form"
        onSubmit={(e) => {
          e.preventDefault();
          void release(partner.trim(), true);
        }}
      >
        <Field id="casefile-partner" label={t('casefiles.partner')} hint={t('casefiles.partnerHint')}>
          {(props) => (
            <input
              {...props}
              required
              maxLength={200}
              value={partner}
              onChange={(e) => setPartner(e.target.value)}
            />
          )}
        </Field>
        {problem && (
          <p role="alert" className="error">
            {problem}
          </p>
        )}
        <button type="submit">{t('casefiles.release')}</button>
      </form>
    </section>
  );
}

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { classifications, incidentTypes } from '@headstamp/incidents/vocabulary';
import { leadKindNames } from '@headstamp/leads/vocabulary';
import { api, paths } from '../api/client';
import type { CaseFile, CaseFileChange, CaseFileGaps, CaseFileMembers } from '../api/types';
import { useApi } from '../api/useApi';
import { incidentPath, Link } from '../app/router';
import { abilities, useMe } from '../auth/session';
import { Alert, Status } from '../common/Status';
import { DataTable } from '../common/DataTable';
import { usePageTitle } from '../common/usePageTitle';
import { Field } from '../common/Field';
import { useRefusal } from '../common/refusals';
import { refusal, useSubmit } from '../common/useSubmit';
import { useI18n } from '../i18n/i18n';
import { changeText } from './change';

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
      {can.writeCaseFiles && <Gaps caseFile={caseFile} onChanged={loaded.reload} />}
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

function FindingForm({ caseFile, onSaved }: { caseFile: CaseFile; onSaved(): void }) {
  const { t } = useI18n();
  const [finding, setFinding] = useState(caseFile.finding);
  const { errors, done, setDone, run } = useSubmit(refusal);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    return run(async () => {
      await api.updateCaseFile(caseFile.id, { finding });
      onSaved();
    });
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
              setDone(false);
            }}
          />
        )}
      </Field>
      <Alert message={errors['']} />
      <button type="submit">{t('casefiles.save')}</button>
      {done && (
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
  const { t, language, term, date, country } = useI18n();
  const { errors, run } = useSubmit(useRefusal());
  const remove = (members: Partial<CaseFileMembers>) =>
    run(async () => {
      await api.removeFromCaseFile(caseFile.id, members);
      onChanged();
    });
  const removeButton = (what: string, members: CaseFileMembers) => (
    <button type="button" onClick={() => void remove(members)}>
      {t('casefiles.remove', { what })}
    </button>
  );
  return (
    <>
      <Alert message={errors['']} />
      <section aria-labelledby="incidents-title">
        <h2 id="incidents-title">{t('casefiles.incidents', { count: caseFile.incidents.length })}</h2>
        <DataTable
          className="casefile-incidents"
          rows={caseFile.incidents}
          rowKey={(i) => i.ref}
          columns={[
            {
              header: t('casefiles.reference'),
              // Partners see the case file's copy, not the register: no link for them.
              cell: (i) => (editable ? <Link to={incidentPath(i.ref)}>{i.ref}</Link> : i.ref),
            },
            { header: t('casefiles.date'), className: 'nowrap', cell: (i) => date(i.record.date ?? '') },
            { header: t('casefiles.type'), cell: (i) => term(incidentTypes, i.record.type) },
            {
              header: t('casefiles.place'),
              cell: (i) =>
                [i.record.place, i.record.country && country(i.record.country)].filter(Boolean).join(', '),
            },
            editable && {
              header: t('casefiles.actions'),
              cell: (i) => removeButton(i.ref, { incidents: [i.ref] }),
            },
          ]}
        />
      </section>
      <section aria-labelledby="items-title">
        <h2 id="items-title">{t('casefiles.items', { count: caseFile.items.length })}</h2>
        <DataTable
          className="casefile-items"
          rows={caseFile.items}
          rowKey={(i) => i.ref}
          columns={[
            { header: t('casefiles.item'), cell: (i) => i.ref },
            { header: t('casefiles.incident'), cell: (i) => i.incident },
            { header: t('casefiles.model'), cell: (i) => i.record.model },
            { header: t('casefiles.calibre'), cell: (i) => i.record.calibre },
            { header: t('casefiles.markings'), cell: (i) => i.record.markings },
            { header: t('casefiles.serial'), cell: (i) => i.record.serial },
            { header: t('casefiles.lot'), cell: (i) => i.record.lot },
            {
              header: t('casefiles.madeIn'),
              cell: (i) => i.record.country_of_manufacture && country(i.record.country_of_manufacture),
            },
            editable && {
              header: t('casefiles.actions'),
              cell: (i) => removeButton(i.ref, { items: [i.ref] }),
            },
          ]}
        />
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
                <strong>{leadKindNames.label(l.kind, language)}</strong>
                {/* French sets a (no-break) space before a colon. */}
                {language === 'fr' ? '\u00a0: ' : ': '}
                {(language === 'fr' ? l.explanationFr : undefined) ?? l.explanation}
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
  const i18n = useI18n();
  const { t } = i18n;
  const [incidents, setIncidents] = useState('');
  const [items, setItems] = useState('');
  const [result, setResult] = useState<CaseFileChange>();
  const { errors, setErrors, run } = useSubmit(useRefusal());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setResult(undefined);
    const members = { incidents: refsOf(incidents), items: refsOf(items) };
    // Nothing typed: said here, beside the fields, rather than sent to be refused.
    if (members.incidents.length + members.items.length === 0)
      return setErrors({ '': t('refusal.nothingNamed') });
    return run(async () => {
      setResult(await api.addToCaseFile(caseFile.id, members));
      setIncidents('');
      setItems('');
      onChanged();
    });
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
      <Alert message={errors['']} />
      <button type="submit">{t('casefiles.addButton')}</button>
      <p role="status" className="done">
        {result && changeText(result, i18n)}
      </p>
    </form>
  );
}

/** How many of the findings outside the case file to list, strongest first, before "and N more". */
const SHOWN_FINDINGS = 20;

/** What the case file lacks, as the register now stands, with a button to add a missing finding. */
function Gaps({ caseFile, onChanged }: { caseFile: CaseFile; onChanged(): void }) {
  const i18n = useI18n();
  const { t, term } = i18n;
  const gaps = useApi<CaseFileGaps>(paths.caseFileGaps(caseFile.id));
  // Asked again whenever the case file changes, by whichever form changed it.
  const { reload } = gaps;
  const seen = useRef(caseFile.updatedAt);
  useEffect(() => {
    if (seen.current === caseFile.updatedAt) return;
    seen.current = caseFile.updatedAt;
    reload();
  }, [caseFile.updatedAt, reload]);
  const [result, setResult] = useState<CaseFileChange>();
  const { busy, errors, run } = useSubmit(useRefusal());
  const add = (lead: { kind: CaseFileGaps['findingsOutside'][number]['kind']; subject: string }) =>
    run(async () => {
      setResult(await api.addToCaseFile(caseFile.id, { leads: [lead] }));
      onChanged();
    });
  const g = gaps.data;
  const complete =
    g &&
    g.itemsWithoutPhotos.length +
      g.findingsOutside.length +
      g.drafts.length +
      g.gone.length +
      g.notReleased.length ===
      0;
  return (
    <section aria-labelledby="gaps-title" className="casefile-gaps">
      <h2 id="gaps-title">{t('casefiles.gaps')}</h2>
      <Status loading={gaps.loading && !g} error={gaps.error} />
      {complete && <p className="muted">{t('casefiles.gapsNone')}</p>}
      {g && (
        <ul className="gap-list">
          {g.itemsWithoutPhotos.length > 0 && (
            <li>
              {t('casefiles.gapPhotos', {
                count: g.itemsWithoutPhotos.length,
                list: g.itemsWithoutPhotos.join(', '),
              })}
            </li>
          )}
          {g.drafts.length > 0 && (
            <li>{t('casefiles.gapDrafts', { count: g.drafts.length, list: g.drafts.join('; ') })}</li>
          )}
          {g.gone.length > 0 && (
            <li>{t('casefiles.gapGone', { count: g.gone.length, list: g.gone.join('; ') })}</li>
          )}
          {g.notReleased.map((r) => (
            <li key={r.partner}>
              {t('casefiles.gapReleases', {
                partner: r.partner,
                count: r.incidents.length,
                list: r.incidents.join('; '),
              })}
            </li>
          ))}
          {g.findingsOutside.length > 0 && (
            <li>
              {t('casefiles.gapFindings', { count: g.findingsOutside.length })}
              <ul className="gap-findings">
                {g.findingsOutside.slice(0, SHOWN_FINDINGS).map((f) => (
                  <li key={`${f.kind}:${f.subject}`}>
                    <strong>{term(leadKindNames, f.kind)}</strong> {f.title}
                    {f.missing.length > 0 && (
                      <span className="muted">
                        {' '}
                        — {t('casefiles.gapBrings', { list: f.missing.join('; ') })}
                      </span>
                    )}{' '}
                    <button
                      type="button"
                      disabled={busy}
                      aria-label={t('casefiles.addFinding', { finding: f.title })}
                      onClick={() => void add(f)}
                    >
                      {t('casefiles.addButton')}
                    </button>
                  </li>
                ))}
                {g.findingsOutside.length > SHOWN_FINDINGS && (
                  <li className="muted">
                    {t('leads.more', { count: g.findingsOutside.length - SHOWN_FINDINGS })}
                  </li>
                )}
              </ul>
            </li>
          )}
        </ul>
      )}
      <Alert message={errors['']} />
      <p role="status" className="done">
        {result && changeText(result, i18n)}
      </p>
    </section>
  );
}

function Releases({ caseFile, onChanged }: { caseFile: CaseFile; onChanged(): void }) {
  const { t } = useI18n();
  const [partner, setPartner] = useState('');
  const { errors, run } = useSubmit(refusal);
  const release = (to: string, released: boolean) =>
    run(async () => {
      await api.setCaseFileRelease(caseFile.id, to, released);
      setPartner('');
      onChanged();
    });
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
        <Alert message={errors['']} />
        <button type="submit">{t('casefiles.release')}</button>
      </form>
    </section>
  );
}

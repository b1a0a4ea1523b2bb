import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import type { ImportProblem, ImportReport } from '../api/types';
import { abilities, useMe } from '../auth/session';
import { DataTable } from '../common/DataTable';
import { Alert } from '../common/Status';
import { usePageTitle } from '../common/usePageTitle';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

interface Upload {
  name: string;
  /** The file's bytes, base64-encoded, as POST /import takes them. */
  content: string;
}

type Step =
  | { step: 'choosing' }
  | { step: 'checking' }
  /** The dry run's answer, and the very files it checked: those are what a confirmation writes. */
  | { step: 'previewed'; uploads: Upload[]; report: ImportReport }
  | { step: 'importing'; uploads: Upload[]; report: ImportReport }
  | { step: 'imported'; report: ImportReport };

function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error(file.name));
    reader.readAsDataURL(file);
  });
}

/**
 * Imports CSV files or an XLSX workbook in two steps: a dry run shows every row error and
 * every row that would change, and only a confirmation writes, all or nothing.
 */
export function ImportPage() {
  const { t } = useI18n();
  const allowed = abilities(useMe()).importFiles;
  const [files, setFiles] = useState<File[]>([]);
  const [state, setState] = useState<Step>({ step: 'choosing' });
  const [failure, setFailure] = useState('');
  // A new key empties the file input after an import.
  const [inputKey, setInputKey] = useState(0);
  usePageTitle(t('import.title'));

  if (!allowed)
    return (
      <section>
        <h1>{t('import.title')}</h1>
        <p className="notice">{t('import.notForRole')}</p>
      </section>
    );

  const check = async (event: FormEvent) => {
    event.preventDefault();
    setFailure('');
    setState({ step: 'checking' });
    const uploads: Upload[] = [];
    for (const file of files) {
      try {
        uploads.push({ name: file.name, content: await base64Of(file) });
      } catch {
        setFailure(t('import.unreadable', { name: file.name }));
        setState({ step: 'choosing' });
        return;
      }
    }
    try {
      setState({ step: 'previewed', uploads, report: await api.importFiles(uploads, true) });
    } catch (error) {
      setFailure(t('common.failed', { message: error instanceof Error ? error.message : String(error) }));
      setState({ step: 'choosing' });
    }
  };

  const confirm = async () => {
    if (state.step !== 'previewed' || !state.report.ok) return;
    setFailure('');
    setState({ ...state, step: 'importing' });
    try {
      const report = await api.importFiles(state.uploads, false);
      // The register may have changed since the dry run: then the new problems are shown instead.
      if (report.ok) {
        setState({ step: 'imported', report });
        setFiles([]);
        setInputKey((k) => k + 1);
      } else setState({ step: 'previewed', uploads: state.uploads, report });
    } catch (error) {
      setFailure(t('common.failed', { message: error instanceof Error ? error.message : String(error) }));
      setState({ ...state, step: 'previewed' });
    }
  };

  const busy = state.step === 'checking' || state.step === 'importing';
  return (
    <section className="import-page">
      <h1>{t('import.title')}</h1>
      <p className="muted">{t('import.intro')}</p>
      <form className="filters card" onSubmit={(e) => void check(e)}>
        <div className="field grow">
          <label htmlFor="import-files">{t('import.files')}</label>
          <input
            key={inputKey}
            id="import-files"
            type="file"
            multiple
            required
            accept=".csv,.tsv,.txt,.xlsx"
            onChange={(e) => {
              setFiles([...(e.target.files ?? [])]);
              // A preview belongs to the files it checked.
              setState({ step: 'choosing' });
            }}
          />
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || files.length === 0}>
            {state.step === 'checking' ? t('import.checking') : t('import.check')}
          </button>
        </div>
      </form>
      <Alert message={failure} />
      <div role="status">
        {state.step === 'imported' && (
          <p className="notice done" data-testid="imported">
            {t('import.done', {
              created: sum(state.report, 'created'),
              updated: sum(state.report, 'updated'),
            })}
          </p>
        )}
      </div>
      {(state.step === 'previewed' || state.step === 'importing') && (
        <Preview
          report={state.report}
          importing={state.step === 'importing'}
          onConfirm={() => void confirm()}
        />
      )}
    </section>
  );
}

const sum = (report: ImportReport, what: 'created' | 'updated') =>
  report.tables.reduce((total, table) => total + table[what], 0);

function Preview(props: { report: ImportReport; importing: boolean; onConfirm(): void }) {
  const { t, number } = useI18n();
  const { report, importing } = props;
  const changed = sum(report, 'created') + sum(report, 'updated');
  const kind = (k: string) => t(`import.kind.${k}` as MessageKey);
  return (
    <section aria-labelledby="preview-title" className="import-preview">
      <h2 id="preview-title">{t('import.preview')}</h2>
      {report.ok ? (
        <p className="notice">{t('import.valid')}</p>
      ) : (
        <p role="alert" className="error-summary" data-testid="import-blocked">
          {t('import.problems', { count: report.errors.length })}
        </p>
      )}
      {report.errors.length > 0 && (
        <Problems title={t('import.errors')} problems={report.errors} header="import.message" />
      )}
      {report.warnings.length > 0 && (
        <Problems title={t('import.warnings')} problems={report.warnings} header="import.note" />
      )}
      {report.recognition && (
        <p className="notice" data-testid="import-recognition">
          {t('import.recognition', {
            items: number(report.recognition.items),
            recognised: number(report.recognition.recognised),
            ambiguous: number(report.recognition.ambiguous),
            unrecognised: number(report.recognition.unrecognised),
            noMaker: number(report.recognition.noMaker),
            headstamps: number(report.recognition.headstampsRead),
          })}
        </p>
      )}
      {report.tables.length > 0 && (
        <>
          <h3>{t('import.tables')}</h3>
          <DataTable
            className="import-tables"
            rows={report.tables}
            rowKey={(table) => table.file}
            columns={[
              { header: t('import.file'), cell: (table) => table.file },
              { header: t('import.holds'), cell: (table) => kind(table.kind) },
              { header: t('import.rows'), numeric: true, cell: (table) => number(table.rows) },
              // Counted only once the rows are valid.
              {
                header: t('import.new'),
                numeric: true,
                cell: (table) => (report.ok ? number(table.created) : '–'),
              },
              {
                header: t('import.changed'),
                numeric: true,
                cell: (table) => (report.ok ? number(table.updated) : '–'),
              },
              {
                header: t('import.unchanged'),
                numeric: true,
                cell: (table) => (report.ok ? number(table.unchanged) : '–'),
              },
            ]}
          />
        </>
      )}
      {report.ok && (
        <>
          <h3>{t('import.changes')}</h3>
          {changed === 0 ? (
            <p className="muted">{t('import.noChanges')}</p>
          ) : (
            <>
              {report.changes.length < changed && (
                <p className="muted">
                  {t('import.changesCapped', { shown: report.changes.length, count: changed })}
                </p>
              )}
              <DataTable
                className="import-changes"
                rows={report.changes}
                rowKey={(c) => `${c.file}:${c.line}`}
                columns={[
                  { header: t('import.file'), cell: (c) => c.file },
                  { header: t('import.row'), numeric: true, cell: (c) => c.line },
                  { header: t('import.holds'), cell: (c) => kind(c.kind) },
                  { header: t('import.record'), cell: (c) => c.key },
                  { header: t('import.change'), cell: (c) => t(`import.change.${c.change}`) },
                ]}
              />
            </>
          )}
        </>
      )}
      <div className="import-confirm">
        <button
          type="button"
          className="primary"
          disabled={!report.ok || importing}
          aria-describedby={report.ok ? undefined : 'confirm-blocked'}
          onClick={props.onConfirm}
        >
          {importing ? t('import.importing') : t('import.confirm')}
        </button>
        {!report.ok && (
          <p id="confirm-blocked" className="muted">
            {t('import.confirmBlocked')}
          </p>
        )}
      </div>
    </section>
  );
}

function Problems(props: { title: string; problems: ImportProblem[]; header: MessageKey }) {
  const { t } = useI18n();
  return (
    <>
      <h3>{props.title}</h3>
      <DataTable
        className="import-problems"
        rows={props.problems}
        rowKey={(_, index) => index}
        columns={[
          { header: t('import.file'), cell: (p) => p.file },
          { header: t('import.row'), numeric: true, cell: (p) => p.line ?? '–' },
          { header: t('import.column'), cell: (p) => (p.column ? <code>{p.column}</code> : '–') },
          { header: t(props.header), cell: (p) => p.message },
        ]}
      />
    </>
  );
}

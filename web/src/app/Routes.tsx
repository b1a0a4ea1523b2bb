import { lazy, Suspense, type ReactNode } from 'react';
import { DashboardPage } from '../dashboard/DashboardPage';
import { useI18n } from '../i18n/i18n';
import { IncidentPage } from '../incidents/IncidentPage';
import { IncidentsPage } from '../incidents/IncidentsPage';
import { LeadsPage } from '../leads/LeadsPage';
import { useLocation } from './router';

// Only field teams document: their form is fetched when first opened.
const DocumentPage = lazy(() =>
  import('../documenting/DocumentPage').then((module) => ({ default: module.DocumentPage })),
);

// Reference lists, administration and imports are occasional work: fetched when first opened.
const ReferencePage = lazy(() =>
  import('../reference/ReferencePage').then((module) => ({ default: module.ReferencePage })),
);
const AdminPage = lazy(() => import('../admin/AdminPage').then((module) => ({ default: module.AdminPage })));
const ImportPage = lazy(() =>
  import('../admin/ImportPage').then((module) => ({ default: module.ImportPage })),
);

// Case files are the cell's occasional output: fetched when first opened.
const CaseFilesPage = lazy(() =>
  import('../casefiles/CaseFilesPage').then((module) => ({ default: module.CaseFilesPage })),
);
const CaseFilePage = lazy(() =>
  import('../casefiles/CaseFilePage').then((module) => ({ default: module.CaseFilePage })),
);

// The links network and a sample's profile are for exploring: fetched when first opened.
const LinksPage = lazy(() => import('../links/LinksPage').then((module) => ({ default: module.LinksPage })));
const SamplePage = lazy(() =>
  import('../samples/SamplePage').then((module) => ({ default: module.SamplePage })),
);

// Tracing requests and reports are the analysts' occasional work: fetched when first opened.
const TracingListPage = lazy(() =>
  import('../tracing/TracingListPage').then((module) => ({ default: module.TracingListPage })),
);
const TracingRequestPage = lazy(() =>
  import('../tracing/TracingRequestPage').then((module) => ({ default: module.TracingRequestPage })),
);
const ReportsPage = lazy(() =>
  import('../reports/ReportsPage').then((module) => ({ default: module.ReportsPage })),
);

export function Routes() {
  const { path } = useLocation();
  const { t } = useI18n();
  if (path === '/') return <DashboardPage />;
  if (path === '/incidents') return <IncidentsPage />;
  const incident = /^\/incidents\/(.+)$/.exec(path);
  if (incident) return <IncidentPage key={incident[1]} reference={decodeURIComponent(incident[1]!)} />;
  if (path === '/leads') return <LeadsPage />;
  if (path === '/case-files')
    return (
      <Later>
        <CaseFilesPage />
      </Later>
    );
  const caseFile = /^\/case-files\/([1-9]\d{0,9})$/.exec(path);
  if (caseFile)
    return (
      <Later>
        <CaseFilePage key={caseFile[1]} id={Number(caseFile[1])} />
      </Later>
    );
  if (path === '/links')
    return (
      <Later>
        <LinksPage />
      </Later>
    );
  const sample = /^\/samples\/(.+)$/.exec(path);
  if (sample) {
    const key = decodeURIComponent(sample[1]!);
    return (
      <Later>
        <SamplePage key={key} sampleKey={key} />
      </Later>
    );
  }
  const reference = /^\/reference(?:\/([^/]+))?$/.exec(path);
  if (reference)
    return (
      <Later>
        <ReferencePage list={reference[1]} />
      </Later>
    );
  if (path === '/tracing')
    return (
      <Later>
        <TracingListPage />
      </Later>
    );
  const tracing = /^\/tracing\/(.+)$/.exec(path);
  if (tracing) {
    const ref = decodeURIComponent(tracing[1]!);
    return (
      <Later>
        <TracingRequestPage key={ref} reference={ref} />
      </Later>
    );
  }
  if (path === '/reports')
    return (
      <Later>
        <ReportsPage />
      </Later>
    );
  if (path === '/admin')
    return (
      <Later>
        <AdminPage />
      </Later>
    );
  if (path === '/import')
    return (
      <Later>
        <ImportPage />
      </Later>
    );
  if (path === '/document')
    return (
      <Suspense
        fallback={
          <p role="status" className="muted">
            {t('common.loading')}
          </p>
        }
      >
        <DocumentPage />
      </Suspense>
    );
  return (
    <section>
      <h1>{t('common.pageNotFound')}</h1>
    </section>
  );
}

/** A page fetched when first opened. */
function Later({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Suspense
      fallback={
        <p role="status" className="muted">
          {t('common.loading')}
        </p>
      }
    >
      {children}
    </Suspense>
  );
}

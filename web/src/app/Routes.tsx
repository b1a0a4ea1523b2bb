import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { DashboardPage } from '../dashboard/DashboardPage';
import { useI18n } from '../i18n/i18n';
import { IncidentPage } from '../incidents/IncidentPage';
import { IncidentsPage } from '../incidents/IncidentsPage';
import { LeadsPage } from '../leads/LeadsPage';
import { Link, useLocation } from './router';

/** A page in a chunk of its own, fetched when first opened. */
function later<P extends object>(load: () => Promise<ComponentType<P>>) {
  return lazy(() => load().then((page) => ({ default: page })));
}

// The pages everyone opens every day are in the first bundle; the others are occasional work
// (documenting is for field teams; case files, tracing, reports, reference lists, imports and
// administration for the cell; links and samples for exploring) and are fetched when first opened.
const DocumentPage = later(() => import('../documenting/DocumentPage').then((m) => m.DocumentPage));
const EditIncidentPage = later(() =>
  import('../documenting/EditIncidentPage').then((m) => m.EditIncidentPage),
);
const EditItemPage = later(() => import('../documenting/EditItemPage').then((m) => m.EditItemPage));
const ReferencePage = later(() => import('../reference/ReferencePage').then((m) => m.ReferencePage));
const AdminPage = later(() => import('../admin/AdminPage').then((m) => m.AdminPage));
const ImportPage = later(() => import('../admin/ImportPage').then((m) => m.ImportPage));
const AccountPage = later(() => import('../account/AccountPage').then((m) => m.AccountPage));
const CaseFilesPage = later(() => import('../casefiles/CaseFilesPage').then((m) => m.CaseFilesPage));
const CaseFilePage = later(() => import('../casefiles/CaseFilePage').then((m) => m.CaseFilePage));
const LinksPage = later(() => import('../links/LinksPage').then((m) => m.LinksPage));
const SamplePage = later(() => import('../samples/SamplePage').then((m) => m.SamplePage));
const TracingListPage = later(() => import('../tracing/TracingListPage').then((m) => m.TracingListPage));
const TracingRequestPage = later(() =>
  import('../tracing/TracingRequestPage').then((m) => m.TracingRequestPage),
);
const ReportsPage = later(() => import('../reports/ReportsPage').then((m) => m.ReportsPage));

export function Routes() {
  const { path } = useLocation();
  const { t } = useI18n();
  const page = pageAt(path);
  if (!page)
    return (
      <section>
        <h1>{t('common.pageNotFound')}</h1>
        <p>
          <Link to="/">{t('common.home')}</Link>
        </p>
      </section>
    );
  return (
    <Suspense
      fallback={
        <p role="status" className="muted">
          {t('common.loading')}
        </p>
      }
    >
      {page}
    </Suspense>
  );
}

/** The page at a path, or undefined for none. */
function pageAt(path: string): ReactNode | undefined {
  /** The decoded part of the path a pattern's group matches. */
  const part = (pattern: RegExp) => {
    const match = pattern.exec(path);
    return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
  };
  switch (path) {
    case '/':
      return <DashboardPage />;
    case '/incidents':
      return <IncidentsPage />;
    case '/leads':
      return <LeadsPage />;
    case '/case-files':
      return <CaseFilesPage />;
    case '/links':
      return <LinksPage />;
    case '/tracing':
      return <TracingListPage />;
    case '/reports':
      return <ReportsPage />;
    case '/admin':
      return <AdminPage />;
    case '/import':
      return <ImportPage />;
    case '/account':
      return <AccountPage />;
    case '/document':
      return <DocumentPage />;
  }
  const editIncident = part(/^\/incidents\/([^/]+)\/edit$/);
  if (editIncident) return <EditIncidentPage key={editIncident} reference={editIncident} />;
  const editItem = part(/^\/items\/([^/]+)\/edit$/);
  if (editItem) return <EditItemPage key={editItem} reference={editItem} />;
  const incident = part(/^\/incidents\/(.+)$/);
  if (incident) return <IncidentPage key={incident} reference={incident} />;
  const caseFile = part(/^\/case-files\/([1-9]\d{0,9})$/);
  if (caseFile) return <CaseFilePage key={caseFile} id={Number(caseFile)} />;
  const sample = part(/^\/samples\/(.+)$/);
  if (sample) return <SamplePage key={sample} sampleKey={sample} />;
  const tracing = part(/^\/tracing\/(.+)$/);
  if (tracing) return <TracingRequestPage key={tracing} reference={tracing} />;
  if (/^\/reference(\/[^/]+)?$/.test(path)) return <ReferencePage list={part(/^\/reference\/([^/]+)$/)} />;
  return undefined;
}

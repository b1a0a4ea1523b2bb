import { lazy, Suspense } from 'react';
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

export function Routes() {
  const { path } = useLocation();
  const { t } = useI18n();
  if (path === '/') return <DashboardPage />;
  if (path === '/incidents') return <IncidentsPage />;
  const incident = /^\/incidents\/(.+)$/.exec(path);
  if (incident) return <IncidentPage key={incident[1]} reference={decodeURIComponent(incident[1]!)} />;
  if (path === '/leads') return <LeadsPage />;
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

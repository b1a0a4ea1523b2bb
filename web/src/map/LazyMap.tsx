import { lazy, Suspense } from 'react';
import { useI18n } from '../i18n/i18n';
import type { MapProps } from './IncidentMap';

// MapLibre is most of the application's weight: it is fetched only when a map is shown.
const IncidentMap = lazy(() => import('./IncidentMap'));

export function LazyMap(props: MapProps) {
  const { t } = useI18n();
  return (
    <Suspense
      fallback={
        <div className="map map-placeholder" role="status">
          {t('map.loading')}
        </div>
      }
    >
      <IncidentMap {...props} />
    </Suspense>
  );
}

import { Component, lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { fetchCountries } from './boundaries';
import type { MapProps } from './IncidentMap';

// MapLibre is most of the application's weight: it is fetched only when a map is shown.
const load = () => import('./IncidentMap');
// A failed load is remembered by `lazy`: trying again takes a new one.
let IncidentMap = lazy(load);

/**
 * Fetches the map's code and coarse boundaries ahead of the first map, and starts its worker:
 * the incidents page then draws its map at once. A failure is left for the map to report.
 */
export function preloadMap() {
  load().then(
    (map) => map.prewarm(),
    () => {},
  );
  fetchCountries('coarse').catch(() => {});
}

/** Shows `fallback` instead of its children when they fail to load (offline, a new release). */
class LoadFailure extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

export function LazyMap(props: MapProps) {
  const { t, language } = useI18n();
  const [attempt, setAttempt] = useState(0);
  const retry = () => {
    IncidentMap = lazy(load);
    setAttempt((n) => n + 1);
  };
  // The boundaries come while the map's code does, rather than after it.
  useEffect(() => {
    fetchCountries('coarse').catch(() => {});
  }, []);
  return (
    <LoadFailure
      key={attempt}
      fallback={
        <div className="map map-placeholder" role="alert" data-testid="map-failed">
          <p>
            {t('map.failed')}{' '}
            <button type="button" className="link" onClick={retry}>
              {t('common.retry')}
            </button>
          </p>
        </div>
      }
    >
      <Suspense
        fallback={
          <div className="map map-placeholder" role="status">
            {t('map.loading')}
          </div>
        }
      >
        {/* MapLibre words its controls and attribution when the map is made: a change of language makes it again. */}
        <IncidentMap key={language} {...props} />
      </Suspense>
    </LoadFailure>
  );
}

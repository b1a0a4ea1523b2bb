import type { Feature, FeatureCollection, Point } from 'geojson';
import maplibregl, { type GeoJSONSource, type MapLayerMouseEvent } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState } from 'react';
import type { IncidentPoint } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { EMPTY, loadCountries, loadRegions, offlineStyle } from './basemap';

export interface MapProps {
  points: IncidentPoint[];
  /** Says what the map shows, for screen readers (the table beside it lists the same). */
  label: string;
  /** Opens an incident when its point is chosen. */
  onSelect?(ref: string): void;
  /** An incident drawn apart from the others. */
  highlight?: string;
  /** Taller for a page about the map, shorter beside a record. */
  size?: 'large' | 'small';
}

type PointProperties = { ref: string; type: string; highlight: boolean };

function toFeatures(points: IncidentPoint[], highlight: string | undefined): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: points.map(([lon, lat, ref, type]): Feature<Point, PointProperties> => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [lon, lat] },
      properties: { ref, type, highlight: ref === highlight },
    })),
  };
}

function fit(map: maplibregl.Map, points: IncidentPoint[]) {
  if (points.length === 0) return;
  const bounds = new maplibregl.LngLatBounds();
  for (const [lon, lat] of points) bounds.extend([lon, lat]);
  map.fitBounds(bounds, { padding: 48, maxZoom: points.length === 1 ? 5 : 9, duration: 0 });
}

/** Incidents on a map of the theatre, clustered, that works with no internet connection. */
export default function IncidentMap({ points, label, onSelect, highlight, size = 'large' }: MapProps) {
  const { t } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const [failed, setFailed] = useState(false);
  const [ready, setReady] = useState(false);
  const [baseLayer, setBaseLayer] = useState(false);
  const [regionCount, setRegionCount] = useState(0);
  // Handlers read the latest props and words without rebuilding the map.
  const latest = useRef({ onSelect, t });
  useEffect(() => {
    latest.current = { onSelect, t };
  });

  useEffect(() => {
    if (!container.current) return;
    let map: maplibregl.Map;
    try {
      map = new maplibregl.Map({
        container: container.current,
        style: offlineStyle(),
        center: [-2, 15],
        zoom: 4,
        minZoom: 1,
        maxZoom: 14,
        dragRotate: false,
        pitchWithRotate: false,
        attributionControl: { compact: true, customAttribution: 'Natural Earth' },
      });
    } catch {
      // No WebGL (an old tablet, a locked-down browser): the table still lists everything.
      // eslint-disable-next-line react-hooks/set-state-in-effect -- once, when the map cannot start
      setFailed(true);
      return;
    }
    mapRef.current = map;
    map.touchZoomRotate.disableRotation();
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    const popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false, offset: 10 });

    map.on('error', (event) => console.warn('map', event.error));
    map.on('load', () => {
      setReady(true);
      loadCountries().then(
        (countries) => {
          (map.getSource('countries') as GeoJSONSource | undefined)?.setData(countries);
          map.once('idle', () => setBaseLayer(true));
        },
        (error: unknown) => console.warn('country boundaries', error),
      );
      loadRegions().then(
        (regions) => {
          (map.getSource('regions') as GeoJSONSource | undefined)?.setData(regions);
          setRegionCount(regions.features.length);
        },
        (error: unknown) => console.warn('region boundaries', error),
      );
    });
    map.on('click', 'clusters', (event: MapLayerMouseEvent) => {
      const cluster = event.features?.[0];
      const id = cluster?.properties?.cluster_id as number | undefined;
      if (!cluster || id === undefined || cluster.geometry.type !== 'Point') return;
      const center = cluster.geometry.coordinates as [number, number];
      void (map.getSource('incidents') as GeoJSONSource)
        .getClusterExpansionZoom(id)
        .then((zoom) => map.easeTo({ center, zoom }));
    });
    map.on('click', 'points', (event: MapLayerMouseEvent) => {
      const ref = event.features?.[0]?.properties?.ref as string | undefined;
      if (ref) latest.current.onSelect?.(ref);
    });
    for (const layer of ['clusters', 'points'] as const) {
      map.on('mousemove', layer, (event: MapLayerMouseEvent) => {
        const found = event.features?.[0];
        if (!found) return;
        map.getCanvas().style.cursor = 'pointer';
        const text =
          layer === 'clusters'
            ? latest.current.t('map.cluster', { count: Number(found.properties?.point_count ?? 0) })
            : String(found.properties?.ref ?? '');
        popup.setLngLat(event.lngLat).setText(text).addTo(map);
      });
      map.on('mouseleave', layer, () => {
        map.getCanvas().style.cursor = '';
        popup.remove();
      });
    }
    return () => {
      popup.remove();
      map.remove();
      mapRef.current = null;
    };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    (map.getSource('incidents') as GeoJSONSource | undefined)?.setData(
      points.length ? toFeatures(points, highlight) : EMPTY,
    );
    fit(map, points);
  }, [points, highlight, ready]);

  if (failed) {
    return (
      <p className="map map-placeholder" role="note">
        {t('map.noWebgl')}
      </p>
    );
  }
  return (
    <div
      ref={container}
      className={`map map-${size}`}
      role="region"
      aria-label={label}
      data-testid="map"
      data-ready={ready ? 'true' : 'false'}
      data-base-layer={baseLayer ? 'true' : 'false'}
      data-regions={regionCount}
    />
  );
}

import type { Feature, FeatureCollection, Point } from 'geojson';
import maplibregl, { type GeoJSONSource, type MapLayerMouseEvent } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState } from 'react';
import type { IncidentPoint } from '../api/types';
import type { Formatter } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import {
  attribution,
  colours,
  countriesAround,
  EMPTY,
  loadCountries,
  loadRegions,
  offlineStyle,
} from './basemap';
import { within, type Area } from './areas';
import { showClusterCounts } from './clusters';
import { showTowns } from './towns';

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
  /** A point chosen on the map (a form's coordinates), marked and shown close up. */
  picked?: { lat: number; lon: number } | null;
  /** Makes a click on the map choose a point (rounded to about a metre). */
  onPick?(lat: number, lon: number): void;
}

/** Starts MapLibre's worker before the first map needs it (it reads the whole library again). */
export function prewarm() {
  maplibregl.prewarm();
}

/** MapLibre's words for its controls, as its `locale` option names them. */
function mapLocale(t: Formatter['t']): Record<string, string> {
  return {
    'Map.Title': t('map.title'),
    'Marker.Title': t('map.marker'),
    'NavigationControl.ZoomIn': t('map.zoomIn'),
    'NavigationControl.ZoomOut': t('map.zoomOut'),
    'NavigationControl.ResetBearing': t('map.rotate'),
    'AttributionControl.ToggleAttribution': t('map.sources'),
    'Popup.Close': t('map.close'),
  };
}

/** The zoom a chosen point is shown at: close enough to see the towns around it. */
const PICK_ZOOM = 8;
const round5 = (n: number) => Math.round(n * 1e5) / 1e5;

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
export default function IncidentMap({
  points,
  label,
  onSelect,
  highlight,
  size = 'large',
  picked,
  onPick,
}: MapProps) {
  const { t, number } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const [failed, setFailed] = useState(false);
  const [ready, setReady] = useState(false);
  const [baseLayer, setBaseLayer] = useState<'none' | 'coarse' | 'fine'>('none');
  const [clusterCount, setClusterCount] = useState(0);
  const clusters = useRef<ReturnType<typeof showClusterCounts> | null>(null);
  const [regionCount, setRegionCount] = useState(0);
  const [townCount, setTownCount] = useState(0);
  const marker = useRef<maplibregl.Marker | null>(null);
  // Handlers read the latest props and words without rebuilding the map.
  const latest = useRef({ onSelect, onPick, t, number });
  useEffect(() => {
    latest.current = { onSelect, onPick, t, number };
  });
  const picking = Boolean(onPick);

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
        attributionControl: { compact: true, customAttribution: attribution(latest.current.t('map.towns')) },
        // MapLibre's own words (its buttons' names), in the reader's language.
        locale: mapLocale(latest.current.t),
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
    let stopTowns: (() => void) | undefined;
    let removed = false;
    /** The view, widened by `margin` views on each side. */
    const viewArea = (margin: number): Area => {
      const b = map.getBounds();
      const [width, height] = [b.getEast() - b.getWest(), b.getNorth() - b.getSouth()];
      return [
        b.getWest() - margin * width,
        b.getSouth() - margin * height,
        b.getEast() + margin * width,
        b.getNorth() + margin * height,
      ];
    };
    /** Where the boundaries are drawn in detail: the view they were drawn for and a margin around it. */
    let detailed: Area | undefined;
    /** Draws a set of boundaries, and says so once the map has drawn them. */
    const drawCountries = async (detail: 'coarse' | 'fine') => {
      const area = detail === 'fine' ? viewArea(0.25) : undefined;
      const countries = area ? await countriesAround(area) : await loadCountries('coarse');
      if (removed) return;
      (map.getSource('countries') as GeoJSONSource | undefined)?.setData(countries);
      detailed = area;
      await map.once('idle');
      if (!removed) setBaseLayer(detail);
    };
    // A reader who moves beyond the detail gets it where they look now.
    map.on('moveend', () => {
      if (detailed && !within(viewArea(0), detailed)) {
        detailed = undefined;
        drawCountries('fine').catch((error: unknown) => console.warn('country boundaries', error));
      }
    });
    map.on('load', () => {
      setReady(true);
      stopTowns = showTowns(map, setTownCount);
      clusters.current = showClusterCounts(
        map,
        (count) => latest.current.number(count, { notation: 'compact' }),
        setClusterCount,
      );
      // The coarse boundaries first, at once; the detailed ones replace them when ready.
      drawCountries('coarse')
        .then(() => drawCountries('fine'))
        .catch((error: unknown) => console.warn('country boundaries', error));
      loadRegions().then(
        (regions) => {
          // The page may have moved on, and the map gone with it.
          if (removed) return;
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
    map.on('click', (event) => {
      const pick = latest.current.onPick;
      if (!pick) return;
      pick(round5(event.lngLat.lat), round5(event.lngLat.wrap().lng));
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
      removed = true;
      stopTowns?.();
      clusters.current?.stop();
      clusters.current = null;
      popup.remove();
      map.remove();
      mapRef.current = null;
    };
  }, []);

  // The chosen point: a marker, and the map brought to it unless it is already in view.
  const pickedLat = picked?.lat;
  const pickedLon = picked?.lon;
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    if (pickedLat === undefined || pickedLon === undefined) {
      marker.current?.remove();
      marker.current = null;
      return;
    }
    marker.current ??= new maplibregl.Marker({ color: colours.highlight });
    marker.current.setLngLat([pickedLon, pickedLat]).addTo(map);
    const inView = map.getBounds().contains([pickedLon, pickedLat]);
    if (!inView || map.getZoom() < PICK_ZOOM - 2)
      map.jumpTo({ center: [pickedLon, pickedLat], zoom: Math.max(map.getZoom(), PICK_ZOOM) });
  }, [pickedLat, pickedLon, ready]);

  useEffect(() => {
    const map = mapRef.current;
    if (map) map.getCanvas().style.cursor = picking ? 'crosshair' : '';
  }, [picking, ready]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    clusters.current?.reset();
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
      data-base-layer={baseLayer !== 'none' ? 'true' : 'false'}
      data-boundaries={baseLayer}
      data-clusters={clusterCount}
      data-regions={regionCount}
      data-towns={townCount}
    />
  );
}

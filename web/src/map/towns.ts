import type { FeatureCollection, Point } from 'geojson';
import maplibregl, { type GeoJSONSource } from 'maplibre-gl';
import { get, paths } from '../api/client';
import type { Town } from '../api/types';
import { EMPTY } from './basemap';

/** No town is named below this zoom (the server names only large cities at it). */
export const TOWNS_FROM_ZOOM = 4;
/** Names on the map at once, at most: more would hide the incidents. */
const MAX_LABELS = 40;
/** An estimate of a label's box in pixels (the font is the page's, 12 px). */
const CHAR_WIDTH = 8;
const LABEL_HEIGHT = 16;

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const overlaps = (a: Box, b: Box) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

function toFeatures(towns: Town[]): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: towns.map((t) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [t.lon, t.lat] },
      properties: { name: t.name, population: t.population },
    })),
  };
}

/**
 * Draws the largest towns of the view as dots and names them with HTML labels (which need no
 * font files, unlike MapLibre's own text): the largest first, none overlapping another, asked
 * again of the server after each move. Offline or refused, the map simply shows no towns.
 * Returns what stops it.
 */
export function showTowns(map: maplibregl.Map, onCount: (count: number) => void): () => void {
  let markers: maplibregl.Marker[] = [];
  let request: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const clear = () => {
    for (const marker of markers) marker.remove();
    markers = [];
  };

  const label = (towns: Town[]) => {
    clear();
    const canvas = map.getCanvas();
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    const placed: Box[] = [];
    for (const town of towns) {
      if (markers.length >= MAX_LABELS) break;
      const at = map.project([town.lon, town.lat]);
      const box = {
        left: at.x + 4,
        top: at.y - LABEL_HEIGHT / 2,
        right: at.x + 10 + town.name.length * CHAR_WIDTH,
        bottom: at.y + LABEL_HEIGHT / 2,
      };
      if (box.left < 0 || box.top < 0 || box.right > width || box.bottom > height) continue;
      if (placed.some((other) => overlaps(box, other))) continue;
      placed.push(box);
      const element = document.createElement('span');
      element.className = 'town-label';
      element.textContent = town.name;
      element.setAttribute('aria-hidden', 'true');
      markers.push(
        new maplibregl.Marker({ element, anchor: 'left', offset: [5, 0] })
          .setLngLat([town.lon, town.lat])
          .addTo(map),
      );
    }
    onCount(markers.length);
  };

  const refresh = async () => {
    request?.abort();
    const zoom = map.getZoom();
    const source = map.getSource('towns') as GeoJSONSource | undefined;
    if (zoom < TOWNS_FROM_ZOOM) {
      source?.setData(EMPTY);
      label([]);
      return;
    }
    const bounds = map.getBounds();
    const round = (n: number) => Math.round(n * 100) / 100;
    const clamp = (n: number, limit: number) => Math.max(-limit, Math.min(limit, n));
    const asked = (request = new AbortController());
    try {
      const towns = await get<Town[]>(
        paths.towns({
          west: round(clamp(bounds.getWest(), 180)),
          south: round(clamp(bounds.getSouth(), 90)),
          east: round(clamp(bounds.getEast(), 180)),
          north: round(clamp(bounds.getNorth(), 90)),
          zoom: Math.floor(zoom),
        }),
        asked.signal,
      );
      // An answer that came as the map was moved again, or removed, is not drawn.
      if (asked.signal.aborted) return;
      source?.setData(toFeatures(towns));
      label(towns);
    } catch (error) {
      if ((error as Error).name !== 'AbortError') console.warn('towns', error);
    }
  };

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), 150);
  };
  map.on('moveend', schedule);
  schedule();
  return () => {
    clearTimeout(timer);
    request?.abort();
    map.off('moveend', schedule);
    clear();
  };
}

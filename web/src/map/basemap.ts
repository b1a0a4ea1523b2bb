import type { FeatureCollection, Geometry } from 'geojson';
import type { StyleSpecification } from 'maplibre-gl';
import { feature } from 'topojson-client';
import { get, paths } from '../api/client';
import { detailAround, type Area } from './areas';
import { keptUnlessFailed } from '../common/kept';
import { fetchCountries, type BoundaryDetail } from './boundaries';

export const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

export const colours = {
  water: '#d4e4ee',
  land: '#f6f3ec',
  border: '#8c8578',
  point: '#b3400b',
  pointStroke: '#ffffff',
  highlight: '#1d4ed8',
  town: '#3d3a35',
  clusters: ['#e0a458', '#c4661f', '#8f3a0a'],
} as const;

/** Whom the map's data comes from, shown in its attribution (`towns`: the word, translated). */
export const attribution = (towns: string) => [
  'Natural Earth',
  `${towns}: <a href="https://www.geonames.org/" target="_blank" rel="noopener">GeoNames</a> (CC BY 4.0)`,
];

/**
 * The map's own style: country boundaries shipped with the application (Natural Earth, via the
 * world-atlas package), no tiles, fonts or sprites from the internet. Without glyphs MapLibre
 * draws no text: towns are dots here, and their names and the clusters' counts are HTML labels
 * (towns.ts, clusters.ts).
 */
export function offlineStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {
      // Boundaries need no detail beyond zoom 6: deeper zooms reuse those tiles, which spares the
      // browser most of the work of cutting the world into tiles.
      countries: { type: 'geojson', data: EMPTY, maxzoom: 6, tolerance: 0.6 },
      // Region (admin1) boundaries, when an analyst has imported them (Reference data).
      regions: { type: 'geojson', data: EMPTY, maxzoom: 8, tolerance: 0.6 },
      // The largest towns of the view, from the server's gazetteer (GET /places/towns).
      towns: { type: 'geojson', data: EMPTY },
      incidents: {
        type: 'geojson',
        data: EMPTY,
        cluster: true,
        clusterRadius: 36,
        clusterMaxZoom: 11,
      },
    },
    layers: [
      { id: 'water', type: 'background', paint: { 'background-color': colours.water } },
      { id: 'land', type: 'fill', source: 'countries', paint: { 'fill-color': colours.land } },
      {
        id: 'borders',
        type: 'line',
        source: 'countries',
        paint: {
          'line-color': colours.border,
          'line-width': ['interpolate', ['linear'], ['zoom'], 2, 0.5, 8, 1.5],
        },
      },
      {
        id: 'region-borders',
        type: 'line',
        source: 'regions',
        minzoom: 3,
        paint: {
          'line-color': colours.border,
          'line-dasharray': [3, 2],
          'line-width': ['interpolate', ['linear'], ['zoom'], 3, 0.4, 8, 1.2],
        },
      },
      {
        id: 'towns',
        type: 'circle',
        source: 'towns',
        paint: {
          'circle-color': colours.town,
          'circle-radius': ['step', ['get', 'population'], 2, 20_000, 2.5, 100_000, 3.5, 1_000_000, 4.5],
          'circle-stroke-color': colours.land,
          'circle-stroke-width': 1,
        },
      },
      {
        id: 'clusters',
        type: 'circle',
        source: 'incidents',
        filter: ['has', 'point_count'],
        paint: {
          'circle-color': [
            'step',
            ['get', 'point_count'],
            colours.clusters[0],
            25,
            colours.clusters[1],
            250,
            colours.clusters[2],
          ],
          'circle-radius': ['step', ['get', 'point_count'], 12, 25, 17, 250, 23, 2500, 30],
          'circle-opacity': 0.85,
          'circle-stroke-color': colours.pointStroke,
          'circle-stroke-width': 1.5,
        },
      },
      {
        id: 'points',
        type: 'circle',
        source: 'incidents',
        filter: ['!', ['has', 'point_count']],
        paint: {
          'circle-color': ['case', ['get', 'highlight'], colours.highlight, colours.point],
          'circle-radius': ['case', ['get', 'highlight'], 9, 6],
          'circle-stroke-color': colours.pointStroke,
          'circle-stroke-width': 1.5,
        },
      },
    ],
  };
}

const fetchRegions = keptUnlessFailed((path: string) => get<FeatureCollection<Geometry>>(path));

/** The imported region boundaries, fetched once a session; none imported is an empty collection. */
export const loadRegions = () => fetchRegions(paths.regionBoundaries);

type Countries = FeatureCollection<Geometry, { name?: string }>;

/** The country boundaries as features the map draws, converted once a session. */
export const loadCountries = keptUnlessFailed((detail: BoundaryDetail) =>
  fetchCountries(detail).then((topology) => feature(topology, topology.objects.countries) as Countries),
);

/**
 * The detailed boundaries where the reader looks (`area`), the coarse ones elsewhere (areas.ts).
 */
export async function countriesAround(area: Area): Promise<Countries> {
  const [fine, coarse] = await Promise.all([loadCountries('fine'), loadCountries('coarse')]);
  return detailAround(fine, coarse, area);
}

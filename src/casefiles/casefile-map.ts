import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/** A country's outline as rings of [longitude, latitude], and its name. */
interface Country {
  name: string;
  polygons: [number, number][][][];
  bbox: [number, number, number, number];
}

let countries: Country[] | undefined;

/** Country boundaries of Natural Earth 1:50m from the world-atlas package: no tiles, no network. */
function worldCountries(): Country[] {
  if (countries) return countries;
  const path = createRequire(import.meta.url).resolve('world-atlas/countries-50m.json');
  const topology = JSON.parse(readFileSync(path, 'utf8')) as Topology<{
    countries: GeometryCollection<{ name: string }>;
  }>;
  const collection = feature(topology, topology.objects.countries);
  countries = collection.features.flatMap((f) => {
    const geometry = f.geometry as Polygon | MultiPolygon | null;
    if (!geometry) return [];
    const polygons = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as [
      number,
      number,
    ][][][];
    const bbox: [number, number, number, number] = [180, 90, -180, -90];
    for (const ring of polygons.flat())
      for (const [lon, lat] of ring) {
        bbox[0] = Math.min(bbox[0], lon);
        bbox[1] = Math.min(bbox[1], lat);
        bbox[2] = Math.max(bbox[2], lon);
        bbox[3] = Math.max(bbox[3], lat);
      }
    return [{ name: f.properties?.name ?? '', polygons, bbox }];
  });
  return countries;
}

export interface Frame {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface MapPoint {
  lon: number;
  lat: number;
  label: string;
}

/** A map drawn as vector paths: projected country rings, points and where to write labels. */
export interface ProjectedMap {
  /** Per country, its rings in page coordinates (only countries in view). */
  countries: { name: string; rings: [number, number][][]; label?: [number, number] }[];
  /** Points at one place share one marker and one label. */
  markers: { x: number; y: number; label: string }[];
  /** Degrees of longitude and latitude shown, for a caption. */
  extent: { west: number; south: number; east: number; north: number };
}

/**
 * Projects the points and the countries around them into a frame: equirectangular, with
 * longitude shrunk by the cosine of the central latitude so shapes look right at the
 * latitudes of a theatre, and the view widened so the frame is filled without distortion.
 */
export function projectMap(points: MapPoint[], frame: Frame): ProjectedMap {
  let [west, south, east, north] = [
    Math.min(...points.map((p) => p.lon)),
    Math.min(...points.map((p) => p.lat)),
    Math.max(...points.map((p) => p.lon)),
    Math.max(...points.map((p) => p.lat)),
  ];
  // Room around the points, and at least a region's worth of country around a single one.
  const pad = Math.max(1.5, 0.15 * Math.max(east - west, north - south));
  [west, south, east, north] = [west - pad, south - pad, east + pad, north + pad];
  const k = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const wide = ((east - west) * k) / (north - south);
  const frameWide = frame.width / frame.height;
  if (wide < frameWide) {
    const grow = ((north - south) * frameWide) / k - (east - west);
    [west, east] = [west - grow / 2, east + grow / 2];
  } else {
    const grow = ((east - west) * k) / frameWide - (north - south);
    [south, north] = [south - grow / 2, north + grow / 2];
  }
  const scale = frame.width / ((east - west) * k);
  const project = (lon: number, lat: number): [number, number] => [
    frame.x + (lon - west) * k * scale,
    frame.y + (north - lat) * scale,
  ];

  const inView: ProjectedMap['countries'] = [];
  for (const c of worldCountries()) {
    if (c.bbox[2] < west || c.bbox[0] > east || c.bbox[3] < south || c.bbox[1] > north) continue;
    const rings: [number, number][][] = [];
    let largest: { area: number; ring: [number, number][] } | undefined;
    for (const polygon of c.polygons) {
      for (const [index, ring] of polygon.entries()) {
        const projected = thin(ring.map(([lon, lat]) => project(lon, lat)));
        if (projected.length < 3) continue;
        rings.push(projected);
        const area = index === 0 ? Math.abs(ringArea(projected)) : 0;
        if (!largest || area > largest.area) largest = { area, ring: projected };
      }
    }
    if (rings.length === 0) continue;
    const label = largest && largest.area > 4000 ? centreOf(largest.ring, frame) : undefined;
    inView.push({ name: c.name, rings, ...(label ? { label } : {}) });
  }

  const markers = new Map<string, { x: number; y: number; labels: string[] }>();
  for (const p of points) {
    const [x, y] = project(p.lon, p.lat);
    // Points within a few points of paper of each other would hide each other's label.
    const key = `${Math.round(x / 6)}:${Math.round(y / 6)}`;
    const marker = markers.get(key) ?? { x, y, labels: [] };
    marker.labels.push(p.label);
    markers.set(key, marker);
  }
  return {
    countries: inView,
    markers: [...markers.values()].map((m) => ({ x: m.x, y: m.y, label: m.labels.join(', ') })),
    extent: { west, south, east, north },
  };
}

/** Drops vertices closer than half a point to the previous one: invisible, and they swell the file. */
function thin(ring: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || Math.abs(p[0] - last[0]) + Math.abs(p[1] - last[1]) > 0.5) out.push(p);
  }
  return out;
}

function ringArea(ring: [number, number][]): number {
  let area = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    area += (ring[j]![0] + ring[i]![0]) * (ring[j]![1] - ring[i]![1]);
  return area / 2;
}

/** The middle of a ring's bounding box clipped to the frame: where a country's name goes. */
function centreOf(ring: [number, number][], frame: Frame): [number, number] | undefined {
  const xs = ring.map((p) => Math.min(Math.max(p[0], frame.x), frame.x + frame.width));
  const ys = ring.map((p) => Math.min(Math.max(p[1], frame.y), frame.y + frame.height));
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  if (x1 - x0 < 60 || y1 - y0 < 20) return undefined;
  return [(x0 + x1) / 2, (y0 + y1) / 2];
}

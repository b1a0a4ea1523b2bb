import type { FeatureCollection, Geometry } from 'geojson';

/** West, south, east, north, in degrees. */
export type Area = [number, number, number, number];

const areas = new WeakMap<Geometry, Area>();

/**
 * The box around a geometry's points (kept: the same features are sorted again as the map moves);
 * none, which overlaps nothing, for a feature without a shape.
 */
function areaOf(geometry: Geometry | null): Area {
  if (!geometry) return [Infinity, Infinity, -Infinity, -Infinity];
  const known = areas.get(geometry);
  if (known) return known;
  const area: Area = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (value: unknown): void => {
    if (!Array.isArray(value)) return;
    if (typeof value[0] === 'number') {
      const [lon, lat] = value as number[];
      area[0] = Math.min(area[0], lon!);
      area[1] = Math.min(area[1], lat!);
      area[2] = Math.max(area[2], lon!);
      area[3] = Math.max(area[3], lat!);
    } else for (const part of value) visit(part);
  };
  if (geometry.type === 'GeometryCollection')
    for (const part of geometry.geometries) {
      const [west, south, east, north] = areaOf(part);
      visit([west, south]);
      visit([east, north]);
    }
  else visit(geometry.coordinates);
  areas.set(geometry, area);
  return area;
}

const overlaps = (a: Area, b: Area) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/** Whether `a` lies wholly inside `b`. */
export const within = (a: Area, b: Area) => a[0] >= b[0] && a[1] >= b[1] && a[2] <= b[2] && a[3] <= b[3];

type Named = FeatureCollection<Geometry, { name?: string }>;

/**
 * The detailed boundaries of the countries that reach into `area`, the coarse ones of all others:
 * the browser cuts into tiles only the detail a reader can see (the whole world's was a fifth of
 * the browser's work on a page with a map, on a laptop without a graphics card), and a country
 * far away is still drawn. Countries are matched by name, which both sets give.
 */
export function detailAround(fine: Named, coarse: Named, area: Area): Named {
  const near = fine.features.filter((f) => overlaps(areaOf(f.geometry), area));
  const detailed = new Set(near.map((f) => f.properties?.name));
  return {
    type: 'FeatureCollection',
    features: [...near, ...coarse.features.filter((f) => !detailed.has(f.properties?.name))],
  };
}

import type { Geometry } from '../reference/boundaries.schema';

// Which imported region (admin1) a point lies in: the boundaries an analyst imported
// (`region_boundaries`) name regions as the incidents do, so they are preferred to the
// gazetteer's own region names. Pure: built from the boundaries, no database.

type Ring = number[][];

interface Region {
  country: string;
  admin1: string;
  polygons: Ring[][];
  west: number;
  south: number;
  east: number;
  north: number;
}

/** Ray casting: a point on the inside of the ring crosses its edges an odd number of times. */
function inRing(lon: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring and outside every hole. */
function inPolygon(lon: number, lat: number, polygon: Ring[]): boolean {
  const [outer, ...holes] = polygon;
  return outer !== undefined && inRing(lon, lat, outer) && !holes.some((hole) => inRing(lon, lat, hole));
}

export interface BoundaryFeature {
  country: string;
  admin1: string;
  geometry: Geometry;
}

export class RegionLocator {
  private readonly regions: Region[];

  constructor(features: BoundaryFeature[]) {
    this.regions = features.map(({ country, admin1, geometry }) => {
      const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
      let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
      for (const polygon of polygons)
        for (const [lon, lat] of polygon[0] ?? []) {
          west = Math.min(west, lon!);
          east = Math.max(east, lon!);
          south = Math.min(south, lat!);
          north = Math.max(north, lat!);
        }
      return { country, admin1, polygons, west, south, east, north };
    });
  }

  get size(): number {
    return this.regions.length;
  }

  /** The countries whose regions were imported. */
  covers(country: string): boolean {
    return this.regions.some((r) => r.country === country);
  }

  /** The imported region a point lies in, if any (of that country, when one is given). */
  locate(lat: number, lon: number, country?: string): { country: string; admin1: string } | undefined {
    const found = this.regions.find(
      (r) =>
        (country === undefined || r.country === country) &&
        lon >= r.west &&
        lon <= r.east &&
        lat >= r.south &&
        lat <= r.north &&
        r.polygons.some((polygon) => inPolygon(lon, lat, polygon)),
    );
    return found && { country: found.country, admin1: found.admin1 };
  }
}

import type { Db } from '../db/store';
import type { Geometry } from './boundaries.schema';

// Region boundaries are reference data every signed-in role reads: no viewer filters them.

export interface RegionBoundaries {
  type: 'FeatureCollection';
  features: { type: 'Feature'; properties: { country: string; admin1: string }; geometry: Geometry }[];
}

/** Every imported region boundary, for the maps. */
export async function regionBoundaries(db: Db): Promise<RegionBoundaries> {
  const rows = await db
    .selectFrom('region_boundaries')
    .select(['country', 'admin1', 'geometry'])
    .orderBy('country')
    .orderBy('admin1')
    .execute();
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature',
      properties: { country: r.country, admin1: r.admin1 },
      geometry: r.geometry as Geometry,
    })),
  };
}

export interface RegionBoundaryEntry {
  country: string;
  admin1: string;
  source: string;
  importedBy: string;
  importedAt: string;
}

/** Which regions have boundaries, from where and by whom: the list of the Reference page. */
export async function regionBoundaryList(db: Db): Promise<RegionBoundaryEntry[]> {
  const rows = await db
    .selectFrom('region_boundaries')
    .select(['country', 'admin1', 'source', 'imported_by', 'imported_at'])
    .orderBy('country')
    .orderBy('admin1')
    .execute();
  return rows.map((r) => ({
    country: r.country,
    admin1: r.admin1,
    source: r.source,
    importedBy: r.imported_by,
    importedAt: new Date(r.imported_at).toISOString(),
  }));
}

import { z } from 'zod';
import { may, requireThat, type Viewer } from '../access/policy';
import { AuditTrail } from '../audit/audit';
import type { Db } from '../db/store';
import { isoCountry } from '../records/cells';
import { cleanCell } from '../core/text';

/** Regions per country and points per file: a generous ceiling for admin1 boundaries. */
const MAX_REGIONS = 500;
const MAX_POSITIONS = 2_000_000;

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).rest(z.number());
// A linear ring is closed: four positions at least, the last the first.
const ring = z
  .array(position)
  .min(4)
  .refine((r) => r[0]![0] === r.at(-1)![0] && r[0]![1] === r.at(-1)![1], 'a ring must end where it starts');
const geometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1) }),
]);
type Geometry = z.infer<typeof geometry>;

/**
 * A country's region boundaries as a GeoJSON FeatureCollection of (Multi)Polygons, each named by
 * the property `nameProperty` (e.g. ADM1_FR in an OCHA COD-AB file). The names are the admin1
 * names the incidents use, so a region on the map is the region of the filters.
 */
export const boundariesImportSchema = z
  .object({
    nameProperty: z.string().min(1).max(100).default('name'),
    source: z.string().trim().min(3).max(300),
    geojson: z.object({
      type: z.literal('FeatureCollection'),
      features: z
        .array(
          z.object({
            type: z.literal('Feature'),
            properties: z.record(z.string(), z.unknown()).nullable(),
            geometry,
          }),
        )
        .min(1)
        .max(MAX_REGIONS),
    }),
  })
  .strict();

export interface RegionBoundaries {
  type: 'FeatureCollection';
  features: { type: 'Feature'; properties: { country: string; admin1: string }; geometry: Geometry }[];
}

const positions = (g: Geometry): number =>
  g.type === 'Polygon'
    ? g.coordinates.reduce((n, r) => n + r.length, 0)
    : g.coordinates.reduce((n, p) => n + p.reduce((m, r) => m + r.length, 0), 0);

/** Replaces a country's region boundaries with those of a file, all or nothing, audited. */
export async function importRegionBoundaries(
  db: Db,
  viewer: Viewer,
  countryInput: string,
  // Checked here whatever the caller: a file read from disk arrives as anything.
  input: unknown,
): Promise<{ country: string; regions: string[] }> {
  requireThat(may.importFiles(viewer), 'import reference data');
  const country = isoCountry().parse(countryInput);
  const { nameProperty, source, geojson } = boundariesImportSchema.parse(input);
  const regions = geojson.features.map((feature, index) => {
    const name = feature.properties?.[nameProperty];
    const admin1 = typeof name === 'string' ? cleanCell(name) : null;
    if (!admin1 || admin1.length > 200)
      throw new z.ZodError([
        {
          code: 'custom',
          path: ['geojson', 'features', index, 'properties', nameProperty],
          message: `feature ${index + 1} has no region name in "${nameProperty}"`,
          input: name,
        },
      ]);
    return { admin1, geometry: feature.geometry };
  });
  const names = regions.map((r) => r.admin1);
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated)
    throw new z.ZodError([
      {
        code: 'custom',
        path: ['geojson'],
        message: `the region "${repeated}" appears twice`,
        input: repeated,
      },
    ]);
  if (regions.reduce((n, r) => n + positions(r.geometry), 0) > MAX_POSITIONS)
    throw new z.ZodError([
      {
        code: 'custom',
        path: ['geojson'],
        message: `more than ${MAX_POSITIONS.toLocaleString('en-US')} points: simplify the boundaries first`,
        input: null,
      },
    ]);

  await db.transaction().execute(async (trx) => {
    const before = await trx
      .deleteFrom('region_boundaries')
      .where('country', '=', country)
      .returning('admin1')
      .execute();
    await trx
      .insertInto('region_boundaries')
      .values(
        regions.map((r) => ({
          country,
          admin1: r.admin1,
          geometry: JSON.stringify(r.geometry),
          source,
          imported_by: viewer.username,
        })),
      )
      .execute();
    const audit = new AuditTrail(trx, viewer.username);
    audit.record(
      'region_boundaries',
      country,
      before.length ? 'update' : 'create',
      before.length ? { regions: before.map((b) => b.admin1).sort() } : null,
      { regions: [...names].sort(), source },
    );
    await audit.flush();
  });
  return { country, regions: names };
}

/** Every imported region boundary, for the maps: reference data every signed-in role reads. */
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

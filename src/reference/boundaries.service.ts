import { z } from 'zod';
import { may, requireThat, type Viewer } from '../access/policy';
import { audited } from '../audit/audit';
import type { Db } from '../db/store';
import { isoCountry } from '../records/cells';
import { cleanCell } from '../core/text';
import { boundariesImportSchema, type BoundariesImport, type Geometry } from './boundaries.schema';

/** Points per file: a generous ceiling for a country's admin1 boundaries. */
const MAX_POSITIONS = 2_000_000;

const positions = (g: Geometry): number =>
  g.type === 'Polygon'
    ? g.coordinates.reduce((n, r) => n + r.length, 0)
    : g.coordinates.reduce((n, p) => n + p.reduce((m, r) => m + r.length, 0), 0);

const refused = (path: (string | number)[], message: string, input: unknown) =>
  new z.ZodError([{ code: 'custom', path, message, input }]);

/** The regions of a file, each named once, within the ceiling of points. */
function namedRegions({ nameProperty, geojson }: BoundariesImport) {
  const regions = geojson.features.map((feature, index) => {
    const name = feature.properties?.[nameProperty];
    const admin1 = typeof name === 'string' ? cleanCell(name) : null;
    if (!admin1 || admin1.length > 200)
      throw refused(
        ['geojson', 'features', index, 'properties', nameProperty],
        `feature ${index + 1} has no region name in "${nameProperty}"`,
        name,
      );
    return { admin1, geometry: feature.geometry };
  });
  const names = regions.map((r) => r.admin1);
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated) throw refused(['geojson'], `the region "${repeated}" appears twice`, repeated);
  if (regions.reduce((n, r) => n + positions(r.geometry), 0) > MAX_POSITIONS)
    throw refused(
      ['geojson'],
      `more than ${MAX_POSITIONS.toLocaleString('en-US')} points: simplify the boundaries first`,
      null,
    );
  return regions;
}

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
  const file = boundariesImportSchema.parse(input);
  const regions = namedRegions(file);
  const names = regions.map((r) => r.admin1);

  await audited(db, viewer.username, async (trx, audit) => {
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
          source: file.source,
          imported_by: viewer.username,
        })),
      )
      .execute();
    audit.record(
      'region_boundaries',
      country,
      before.length ? 'update' : 'create',
      before.length ? { regions: before.map((b) => b.admin1).sort() } : null,
      { regions: [...names].sort(), source: file.source },
    );
  });
  return { country, regions: names };
}

import { z } from 'zod';

/** Regions per country: a generous ceiling for admin1 boundaries. */
const MAX_REGIONS = 500;

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
export type Geometry = z.infer<typeof geometry>;

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
export type BoundariesImport = z.infer<typeof boundariesImportSchema>;

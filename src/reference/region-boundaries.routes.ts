import { z } from 'zod';
import { viewerOf } from '../server/auth';
import { errorSchema, type RouteContext, type TypedApp } from '../server/routing';
import { regionBoundaries, regionBoundaryList } from './boundaries.queries';
import { boundariesImportSchema } from './boundaries.schema';
import { importRegionBoundaries } from './boundaries.service';

export async function regionBoundaryRoutes(app: TypedApp, { store: { db } }: RouteContext) {
  app.get(
    '/reference/region-boundaries',
    {
      schema: {
        tags: ['reference'],
        description:
          'The imported boundaries of regions (admin1), as one GeoJSON FeatureCollection for the maps.',
      },
    },
    async (request, reply) => {
      viewerOf(request);
      return reply.header('content-type', 'application/geo+json').send(await regionBoundaries(db));
    },
  );

  app.get(
    '/reference/regions',
    {
      schema: {
        tags: ['reference'],
        description: 'The regions (admin1) whose boundaries were imported, with where they come from.',
        response: {
          200: z.array(
            z.object({
              country: z.string(),
              admin1: z.string(),
              source: z.string(),
              importedBy: z.string(),
              importedAt: z.string(),
            }),
          ),
        },
      },
    },
    async (request) => {
      viewerOf(request);
      return regionBoundaryList(db);
    },
  );

  app.put(
    '/reference/region-boundaries/:country',
    {
      schema: {
        tags: ['reference'],
        description:
          "Replaces a country's region boundaries with a GeoJSON FeatureCollection of (Multi)Polygons, each named by `nameProperty` (e.g. ADM1_FR in an OCHA COD-AB file). All or nothing; audited.",
        params: z.object({ country: z.string().min(2).max(60) }),
        body: boundariesImportSchema,
        response: {
          200: z.object({ country: z.string(), regions: z.array(z.string()) }),
          400: errorSchema,
          403: errorSchema,
        },
      },
      // Boundaries of a whole country, before simplification, run to megabytes.
      bodyLimit: 30 * 1024 * 1024,
    },
    async (request) => importRegionBoundaries(db, viewerOf(request), request.params.country, request.body),
  );
}

import { z } from 'zod';
import { loadEmbargoRecords } from '../embargoes/embargoes.repository';
import { viewerOf } from '../server/auth';
import { errorSchema, type RouteContext, type TypedApp } from '../server/routing';
import {
  boundariesImportSchema,
  importRegionBoundaries,
  regionBoundaries,
  regionBoundaryList,
} from './boundaries';

/** Reference lists every signed-in role reads: field teams pick calibres and producers from them. */
export async function referenceRoutes(app: TypedApp, { store }: RouteContext) {
  const { db } = store;
  const list = z.array(z.record(z.string(), z.unknown()));

  app.get(
    '/reference/calibres',
    { schema: { tags: ['reference'], response: { 200: list } } },
    async (request) => {
      viewerOf(request);
      return db.selectFrom('calibres').select(['key', 'label', 'kind', 'aliases']).orderBy('key').execute();
    },
  );

  app.get(
    '/reference/manufacturers',
    { schema: { tags: ['reference'], response: { 200: list } } },
    async (request) => {
      viewerOf(request);
      return db
        .selectFrom('manufacturers')
        .select([
          'key',
          'name',
          'country',
          'headstamp_codes as headstampCodes',
          'aliases',
          'confidence',
          'source',
        ])
        .orderBy('key')
        .execute();
    },
  );

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

  app.get(
    '/reference/models',
    { schema: { tags: ['reference'], response: { 200: list } } },
    async (request) => {
      viewerOf(request);
      return db
        .selectFrom('models')
        .select(['key', 'label', 'category', 'type', 'calibre', 'aliases'])
        .orderBy('key')
        .execute();
    },
  );

  app.get('/baselines', { schema: { tags: ['reference'], response: { 200: list } } }, async (request) => {
    viewerOf(request);
    return db
      .selectFrom('baselines')
      .select([
        'holder',
        'country',
        'category',
        'model',
        'calibre',
        'manufacturer',
        'year',
        'lot',
        'source',
        'sample_key as sample',
      ])
      .orderBy('country')
      .orderBy('natural_key')
      .execute();
  });

  app.get('/embargoes', { schema: { tags: ['reference'], response: { 200: list } } }, async (request) => {
    viewerOf(request);
    // The listed actors of an actor-based embargo are what it is about.
    const embargoes = [...(await loadEmbargoRecords(db)).values()];
    return embargoes.sort((a, b) => a.start.localeCompare(b.start));
  });
}

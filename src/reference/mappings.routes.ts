import { z } from 'zod';
import { viewerOf } from '../server/auth';
import { errorSchema, type RouteContext, type TypedApp } from '../server/routing';
import { mapReferenceValue, unmapReferenceValue } from './mappings.service';
import { loadMappings } from './reference.repository';
import { referenceMappingQuery, referenceMappingSchema, rekeyReportSchema } from './reference.schema';

/** Values analysts mapped once to a reference entry; each change keys the stored samples again. */
export async function referenceMappingRoutes(app: TypedApp, { store: { db } }: RouteContext) {
  app.get(
    '/reference/mappings',
    {
      schema: {
        tags: ['reference'],
        description: 'The values analysts mapped to a reference entry, read before any other rule.',
        response: { 200: z.array(referenceMappingSchema) },
      },
    },
    async (request) => {
      viewerOf(request);
      return loadMappings(db);
    },
  );

  app.post(
    '/reference/mappings',
    {
      schema: {
        tags: ['reference'],
        description:
          'Maps a value as written (e.g. the producer "Tulskiy") to a reference entry (su-539). The stored items and baseline rows are keyed again and their findings follow, in one audited transaction.',
        body: referenceMappingSchema,
        response: { 200: rekeyReportSchema, 400: errorSchema, 403: errorSchema },
      },
    },
    async (request) => mapReferenceValue(db, viewerOf(request), request.body),
  );

  app.delete(
    '/reference/mappings',
    {
      schema: {
        tags: ['reference'],
        description: 'Removes a mapping; the stored samples are keyed again without it.',
        querystring: referenceMappingQuery,
        response: { 200: rekeyReportSchema, 403: errorSchema, 404: errorSchema },
      },
    },
    async (request) => unmapReferenceValue(db, viewerOf(request), request.query.field, request.query.written),
  );
}

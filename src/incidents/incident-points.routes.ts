import { z } from 'zod';
import { viewerOf } from '../server/auth';
import type { RouteContext, TypedApp } from '../server/routing';
import { incidentFilterSchema, incidentPoints } from './incidents.queries';

export async function incidentPointRoutes(app: TypedApp, { store: { db } }: RouteContext) {
  app.get(
    '/incident-points',
    {
      schema: {
        tags: ['incidents'],
        description:
          'Every incident of a selection (the filters of GET /incidents) that has coordinates, as [longitude, latitude, ref, type]: compact enough to map a whole theatre.',
        querystring: incidentFilterSchema.omit({ sort: true, page: true, pageSize: true, cursor: true }),
        response: {
          200: z.object({
            total: z.number().int(),
            points: z.array(z.tuple([z.number(), z.number(), z.string(), z.string()])),
          }),
        },
      },
    },
    async (request) => incidentPoints(db, viewerOf(request), request.query),
  );
}

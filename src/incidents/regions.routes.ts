import { z } from 'zod';
import { viewerOf } from '../server/auth';
import type { RouteContext, TypedApp } from '../server/routing';
import { incidentRegions } from './incidents.queries';

export async function regionRoutes(app: TypedApp, { store: { db } }: RouteContext) {
  app.get(
    '/regions',
    {
      schema: {
        tags: ['incidents'],
        description: 'The countries and regions (admin1) of the incidents the caller may see, with counts.',
        response: {
          200: z.array(
            z.object({ country: z.string(), admin1: z.string().nullable(), incidents: z.number().int() }),
          ),
        },
      },
    },
    async (request) => incidentRegions(db, viewerOf(request)),
  );
}

import { z } from 'zod';
import { viewerOf } from '../server/auth';
import type { RouteContext, TypedApp } from '../server/routing';
import { listActors } from './actors.queries';

export async function actorRoutes(app: TypedApp, { store: { db } }: RouteContext) {
  app.get(
    '/actors',
    {
      schema: {
        tags: ['actors'],
        response: {
          200: z.array(
            z.object({
              name: z.string(),
              aliases: z.array(z.string()),
              parent: z.string().nullable(),
              from: z.string().nullable(),
              to: z.string().nullable(),
            }),
          ),
        },
      },
    },
    async (request) => {
      // Signed-in users only: viewerOf refuses anyone else.
      viewerOf(request);
      return listActors(db);
    },
  );
}

import { z } from 'zod';
import { viewerOf } from '../server/auth';
import type { RouteContext, TypedApp } from '../server/routing';

export async function actorRoutes(app: TypedApp, { store }: RouteContext) {
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
      viewerOf(request);
      const rows = await store.db
        .selectFrom('actors')
        .leftJoin('actors as parents', 'parents.id', 'actors.parent_id')
        .select([
          'actors.name',
          'actors.aliases',
          'parents.name as parent',
          'actors.active_from as from',
          'actors.active_to as to',
        ])
        .orderBy('actors.name')
        .execute();
      return rows;
    },
  );
}

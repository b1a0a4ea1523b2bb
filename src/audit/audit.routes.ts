import { z } from 'zod';
import { viewerOf } from '../server/auth';
import type { RouteContext, TypedApp } from '../server/routing';
import { incidentHistory } from './audit.queries';

export async function auditRoutes(app: TypedApp, { store }: RouteContext) {
  app.get(
    '/history/incident/:ref',
    {
      schema: {
        tags: ['audit'],
        description: 'Every change to an incident and its items: who, when, before and after.',
        params: z.object({ ref: z.string().min(1).max(200) }),
        response: {
          200: z.array(
            z.object({
              at: z.string(),
              actor: z.string(),
              action: z.string(),
              entity: z.string(),
              key: z.string(),
              before: z.unknown(),
              after: z.unknown(),
            }),
          ),
        },
      },
    },
    async (request) => incidentHistory(store.db, viewerOf(request), request.params.ref),
  );
}

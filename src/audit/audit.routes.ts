import { z } from 'zod';
import { viewerOf } from '../server/auth';
import { errorSchema, refParams, type RouteContext, type TypedApp } from '../server/routing';
import { incidentHistory, listDeleted } from './audit.queries';

const deletedSchema = {
  deletedAt: z.string().describe('When, as an ISO 8601 timestamp.'),
  reason: z.string(),
  deletedBy: z.string().nullable(),
};

export async function auditRoutes(app: TypedApp, { store }: RouteContext) {
  app.get(
    '/history/incident/:ref',
    {
      schema: {
        tags: ['audit'],
        description:
          'Every change to an incident and its items: who, when, before and after, its deletion and reviews included. For those who may see the incident, deleted or not (partners aside); without its source for those who may not read sources.',
        params: refParams,
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
          403: errorSchema,
          404: errorSchema,
        },
      },
    },
    async (request) => incidentHistory(store.db, viewerOf(request), request.params.ref),
  );

  app.get(
    '/deleted',
    {
      schema: {
        tags: ['audit'],
        description:
          'The deleted incidents and items, latest first, with the reason and who deleted them: what an administrator may restore (`POST /incidents/{ref}/restore`, `POST /items/{ref}/restore`). Items of a deleted incident come back with it and are not listed. Administrators only.',
        response: {
          200: z.object({
            incidents: z.array(
              z.object({ ref: z.string(), date: z.string(), type: z.string(), ...deletedSchema }),
            ),
            items: z.array(
              z.object({
                ref: z.string(),
                incident: z.string(),
                category: z.string(),
                calibre: z.string().nullable(),
                ...deletedSchema,
              }),
            ),
          }),
          403: errorSchema,
        },
      },
    },
    async (request) => listDeleted(store.db, viewerOf(request)),
  );
}

import { referenceListSchema } from '../reference/reference.schema';
import { viewerOf } from '../server/auth';
import type { RouteContext, TypedApp } from '../server/routing';
import { listBaselines } from './baselines.queries';

export async function baselineRoutes(app: TypedApp, { store: { db } }: RouteContext) {
  app.get(
    '/baselines',
    { schema: { tags: ['reference'], response: { 200: referenceListSchema } } },
    async (request) => listBaselines(db, viewerOf(request)),
  );
}

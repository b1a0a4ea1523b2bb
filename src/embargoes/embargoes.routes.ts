import { referenceListSchema } from '../reference/reference.schema';
import { viewerOf } from '../server/auth';
import type { RouteContext, TypedApp } from '../server/routing';
import { listEmbargoes } from './embargoes.queries';

export async function embargoRoutes(app: TypedApp, { store: { db } }: RouteContext) {
  app.get(
    '/embargoes',
    { schema: { tags: ['reference'], response: { 200: referenceListSchema } } },
    async (request) => {
      viewerOf(request);
      return listEmbargoes(db);
    },
  );
}

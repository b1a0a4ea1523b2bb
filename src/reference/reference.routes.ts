import { viewerOf } from '../server/auth';
import type { RouteContext, TypedApp } from '../server/routing';
import { listCalibres, listManufacturers, listModels } from './reference.queries';
import { referenceListSchema } from './reference.schema';

/** Reference lists every signed-in role reads: field teams pick calibres and producers from them. */
export async function referenceRoutes(app: TypedApp, { store: { db } }: RouteContext) {
  app.get(
    '/reference/calibres',
    { schema: { tags: ['reference'], response: { 200: referenceListSchema } } },
    async (request) => {
      viewerOf(request);
      return listCalibres(db);
    },
  );

  app.get(
    '/reference/manufacturers',
    { schema: { tags: ['reference'], response: { 200: referenceListSchema } } },
    async (request) => {
      viewerOf(request);
      return listManufacturers(db);
    },
  );

  app.get(
    '/reference/models',
    { schema: { tags: ['reference'], response: { 200: referenceListSchema } } },
    async (request) => {
      viewerOf(request);
      return listModels(db);
    },
  );
}

import { viewerOf } from '../server/auth';
import { errorSchema, type RouteContext, type TypedApp } from '../server/routing';
import { listCalibres, listManufacturers, listModels } from './reference.queries';
import { manufacturerInputSchema, referenceListSchema } from './reference.schema';
import { addManufacturer } from './reference.service';

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
    async (request) => listManufacturers(db, viewerOf(request)),
  );

  app.post(
    '/reference/manufacturers',
    {
      schema: {
        tags: ['reference'],
        description:
          'Adds a producer to the manufacturer list (administrators only, audited): what it makes, its codes as stamped, its usual names and its public source.',
        body: manufacturerInputSchema,
        response: { 201: manufacturerInputSchema, 400: errorSchema, 403: errorSchema, 409: errorSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addManufacturer(db, viewerOf(request), request.body)),
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

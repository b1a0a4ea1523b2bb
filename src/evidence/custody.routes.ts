import { z } from 'zod';
import { viewerOf } from '../server/auth';
import { errorSchema, type RouteContext, type TypedApp } from '../server/routing';
import { custodyOf } from './evidence.queries';
import { custodyEventSchema } from './evidence.schema';
import { addCustodyEvent } from './evidence.service';

const refParams = z.object({ ref: z.string().min(1).max(200) });
const errors = {
  400: errorSchema,
  403: errorSchema,
  404: errorSchema,
  409: errorSchema,
  413: errorSchema,
  415: errorSchema,
};

export async function custodyRoutes(app: TypedApp, { store }: RouteContext) {
  const { db } = store;

  app.get(
    '/items/:ref/custody',
    {
      schema: {
        tags: ['evidence'],
        description: 'The chain of custody of a physical item, oldest first.',
        params: refParams,
        response: { 200: z.array(z.record(z.string(), z.unknown())), 404: errorSchema },
      },
    },
    async (request) => custodyOf(db, viewerOf(request), request.params.ref),
  );

  app.post(
    '/items/:ref/custody',
    {
      schema: {
        tags: ['evidence'],
        description: 'Records who collected, sealed, transferred, examined or destroyed an item, and when.',
        params: refParams,
        body: custodyEventSchema,
        response: { 201: z.object({ ok: z.literal(true) }), ...errors },
      },
    },
    async (request, reply) => {
      await addCustodyEvent(db, viewerOf(request), request.params.ref, request.body);
      return reply.code(201).send({ ok: true });
    },
  );
}

import { z } from 'zod';
import { viewerOf } from '../server/auth';
import {
  errorSchema,
  okResponse,
  reasonBody,
  RECORD_BODY_LIMIT,
  recordSchema,
  refParams,
  writeErrors,
  type RouteContext,
  type TypedApp,
} from '../server/routing';
import { readItem } from './items.queries';
import { itemPageSchema } from './items.schema';
import { createItem, deleteItem, updateItem } from './items.service';

export async function itemRoutes(app: TypedApp, { store, leadSettings }: RouteContext) {
  const { db } = store;

  app.post(
    '/items',
    {
      bodyLimit: RECORD_BODY_LIMIT,
      schema: {
        tags: ['items'],
        description:
          'Documents an item, given in the columns of items.csv, at an incident the caller may change.',
        body: recordSchema,
        response: { 201: z.object({ ok: z.literal(true) }), ...writeErrors },
      },
    },
    async (request, reply) => {
      await createItem(db, viewerOf(request), request.body, leadSettings);
      return reply.code(201).send({ ok: true });
    },
  );

  app.get(
    '/items/:ref',
    {
      schema: {
        tags: ['items'],
        description:
          'An item, with what tracing requests established about its origin (for those who may see them).',
        params: refParams,
        response: { 200: itemPageSchema, 404: errorSchema },
      },
    },
    async (request) => readItem(db, viewerOf(request), request.params.ref),
  );

  app.put(
    '/items/:ref',
    {
      bodyLimit: RECORD_BODY_LIMIT,
      schema: {
        tags: ['items'],
        params: refParams,
        body: recordSchema,
        response: { ...okResponse, ...writeErrors },
      },
    },
    async (request) => {
      await updateItem(db, viewerOf(request), request.params.ref, request.body, leadSettings);
      return { ok: true as const };
    },
  );

  app.delete(
    '/items/:ref',
    {
      schema: {
        tags: ['items'],
        params: refParams,
        body: reasonBody,
        response: { ...okResponse, ...writeErrors },
      },
    },
    async (request) => {
      await deleteItem(db, viewerOf(request), request.params.ref, request.body.reason, leadSettings);
      return { ok: true as const };
    },
  );
}

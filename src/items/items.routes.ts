import { viewerOf } from '../server/auth';
import {
  errorSchema,
  recordWriteRoutes,
  refParams,
  type RouteContext,
  type TypedApp,
} from '../server/routing';
import { readItem } from './items.queries';
import { itemPageSchema } from './items.schema';
import { createItem, deleteItem, restoreItem, updateItem } from './items.service';

export async function itemRoutes(app: TypedApp, context: RouteContext) {
  const writes = { create: createItem, update: updateItem, delete: deleteItem, restore: restoreItem };
  const records = recordWriteRoutes(app, context, 'items', writes);
  records.create(
    'Documents an item, given in the columns of items.csv, at an incident the caller may change.',
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
    async (request) => readItem(context.store.db, viewerOf(request), request.params.ref),
  );

  records.change({
    update: 'Replaces an item with the record given (all its columns), by who may change its incident.',
    delete:
      'Deletes an item, keeping it and its history for the audit trail; a reason is required. An item traced or in custody cannot be deleted.',
    restore: 'An administrator restores a deleted item.',
  });
}

import { z } from 'zod';
import { viewerOf } from '../server/auth';
import { type RouteContext, type TypedApp } from '../server/routing';
import { listLeads } from './leads.queries';
import { leadQueryStringSchema, leadViewSchema } from './leads.schema';

export async function leadRoutes(app: TypedApp, { store }: RouteContext) {
  app.get(
    '/leads',
    {
      schema: {
        tags: ['leads'],
        description: 'Leads, newest first, each with the incidents, items and samples it rests on.',
        querystring: leadQueryStringSchema,
        response: { 200: z.array(leadViewSchema) },
      },
    },
    async (request) => listLeads(store.db, viewerOf(request), request.query),
  );
}

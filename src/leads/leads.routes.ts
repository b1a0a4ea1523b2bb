import { z } from 'zod';
import { leadViewSchema } from '../incidents/incidents.routes';
import { viewerOf } from '../server/auth';
import type { RouteContext, TypedApp } from '../server/routing';
import { leadKinds } from './facts';
import { listLeads } from './leads.repository';

export async function leadRoutes(app: TypedApp, { store }: RouteContext) {
  app.get(
    '/leads',
    {
      schema: {
        tags: ['leads'],
        description: 'Leads, newest first, each with the incidents, items and samples it rests on.',
        querystring: z
          .object({
            kind: z.enum(leadKinds).optional(),
            since: z.string().max(10).optional(),
            sample: z.string().min(1).max(300).optional(),
            minScore: z.coerce.number().min(0).max(1).optional(),
            limit: z.coerce.number().int().min(1).max(5000).optional(),
            offset: z.coerce.number().int().min(0).optional(),
          })
          .strict(),
        response: { 200: z.array(leadViewSchema) },
      },
    },
    async (request) => listLeads(store.db, viewerOf(request), request.query),
  );
}

import { z } from 'zod';
import { may, requireThat } from '../access/policy';
import { viewerOf } from '../server/auth';
import { errorSchema, type RouteContext, type TypedApp } from '../server/routing';
import { decideLead, leadDecisionInputSchema, leadDecisionViewSchema } from './decisions';
import { leadStatuses } from './vocabulary';
import { leadKinds } from './facts';
import { leadViewSchema, listLeads } from './leads.repository';

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
            status: z.enum(leadStatuses).optional(),
            assignee: z.string().min(1).max(100).optional(),
            limit: z.coerce.number().int().min(1).max(5000).optional(),
            offset: z.coerce.number().int().min(0).optional(),
          })
          .strict(),
        response: { 200: z.array(leadViewSchema) },
      },
    },
    async (request) => listLeads(store.db, viewerOf(request), request.query),
  );

  app.post(
    '/leads/decisions',
    {
      schema: {
        tags: ['leads'],
        description:
          'Confirm, dismiss (with a reason), reopen or assign a lead, identified by its kind and subject. Audited.',
        body: leadDecisionInputSchema,
        response: { 200: leadDecisionViewSchema, 400: errorSchema, 403: errorSchema, 404: errorSchema },
      },
      bodyLimit: 16 * 1024,
    },
    async (request) => decideLead(store.db, viewerOf(request), request.body),
  );

  app.get(
    '/leads/assignees',
    {
      schema: {
        tags: ['leads'],
        description: 'The people a lead can be assigned to: active analysts and administrators.',
        response: { 200: z.array(z.object({ username: z.string(), displayName: z.string() })) },
      },
    },
    async (request) => {
      requireThat(may.decideLeads(viewerOf(request)), 'assign leads');
      const users = await store.db
        .selectFrom('users')
        .select(['username', 'display_name'])
        .where('disabled', '=', false)
        .where('role', 'in', ['analyst', 'administrator'])
        .orderBy('display_name')
        .execute();
      return users.map((u) => ({ username: u.username, displayName: u.display_name }));
    },
  );
}

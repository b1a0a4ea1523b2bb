import { z } from 'zod';
import { viewerOf } from '../server/auth';
import { errorSchema, type RouteContext, type TypedApp } from '../server/routing';
import { decideLead } from './lead-decisions.service';
import { leadAssignees } from './leads.queries';
import { leadAssigneeSchema, leadDecisionInputSchema, leadDecisionViewSchema } from './leads.schema';

/** Analysts' decisions on leads, and the people a lead can be assigned to. */
export async function leadDecisionRoutes(app: TypedApp, { store }: RouteContext) {
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
        response: { 200: z.array(leadAssigneeSchema) },
      },
    },
    async (request) => leadAssignees(store.db, viewerOf(request)),
  );
}

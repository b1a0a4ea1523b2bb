import { z } from 'zod';
import { viewerOf } from '../server/auth';
import { errorSchema, type RouteContext, type TypedApp } from '../server/routing';
import { decideLead, decideLeads } from './lead-decisions.service';
import { leadAssignees } from './leads.queries';
import {
  leadAssigneeSchema,
  leadBulkDecisionInputSchema,
  leadBulkDecisionViewSchema,
  leadBulkMax,
  leadDecisionInputSchema,
  leadDecisionViewSchema,
} from './leads.schema';

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

  app.post(
    '/leads/decisions/bulk',
    {
      schema: {
        tags: ['leads'],
        description:
          `One decision on 1 to ${leadBulkMax} findings, each identified by its kind and subject: confirm, ` +
          'dismiss (one reason for all), reopen or assign, by the rules of a single decision. All or ' +
          'nothing: a finding that does not exist (404), or any bad input (400), and none is decided. ' +
          'Audited, an entry per finding. Answers the decision each finding now has.',
        body: leadBulkDecisionInputSchema,
        response: { 200: leadBulkDecisionViewSchema, 400: errorSchema, 403: errorSchema, 404: errorSchema },
      },
      // At most 500 findings of at most 1,000 characters each, and the change.
      bodyLimit: 640 * 1024,
    },
    async (request) => decideLeads(store.db, viewerOf(request), request.body),
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

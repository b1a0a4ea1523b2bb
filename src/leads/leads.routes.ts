import { z } from 'zod';
import { viewerOf } from '../server/auth';
import { type RouteContext, type TypedApp } from '../server/routing';
import { may, requireThat } from '../access/policy';
import { evaluateAttribution } from './engine';
import { countLeads, listLeads } from './leads.queries';
import {
  attributionEvaluationSchema,
  leadMaxPageSize,
  leadPageSize,
  leadQueryStringSchema,
  leadViewSchema,
} from './leads.schema';

export async function leadRoutes(app: TypedApp, { store, leadSettings }: RouteContext) {
  app.get(
    '/leads',
    {
      schema: {
        tags: ['leads'],
        description:
          'Leads, strongest first (`sort=date`: newest first), each with the incidents, items and ' +
          `samples it rests on. One page at a time: \`limit\` leads (${leadPageSize} unless given, at ` +
          `most ${leadMaxPageSize}) after \`offset\`; the \`X-Total-Count\` response header gives how ` +
          'many leads match the filters in all.',
        querystring: leadQueryStringSchema,
        response: { 200: z.array(leadViewSchema) },
      },
    },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const [leads, total] = await Promise.all([
        listLeads(store.db, viewer, request.query),
        countLeads(store.db, viewer, request.query),
      ]);
      void reply.header('x-total-count', total);
      return leads;
    },
  );

  app.get(
    '/leads/evaluation',
    {
      schema: {
        tags: ['leads'],
        description:
          'How well attribution does on this register: each attributed incident’s actor hidden in ' +
          'turn and predicted from the rest. Precision: right predictions of those made; coverage: ' +
          'predictions made of the incidents evaluated (those sharing a linking sample).',
        response: { 200: attributionEvaluationSchema },
      },
    },
    async (request) => {
      requireThat(may.readLeads(viewerOf(request)), 'read leads');
      return evaluateAttribution(store.db, leadSettings);
    },
  );
}

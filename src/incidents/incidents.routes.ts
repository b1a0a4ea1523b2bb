import { z } from 'zod';
import { may } from '../access/policy';
import { listLeads } from '../leads/leads.repository';
import { viewerOf } from '../server/auth';
import { notFound } from '../server/errors';
import { recordSchema, type RouteContext, type TypedApp } from '../server/routing';
import { incidentFilterSchema, listIncidents, readIncident } from './incidents.queries';

export const incidentViewSchema = z.object({
  record: recordSchema,
  status: z.enum(['draft', 'validated']),
  items: z.number().int(),
});
export const itemViewSchema = z.object({ record: recordSchema, sample: z.string().nullable() });
export const leadViewSchema = z.object({
  kind: z.string(),
  subject: z.string(),
  incidents: z.array(z.string()),
  items: z.array(z.string()),
  samples: z.array(z.string()),
  actor: z.string().optional(),
  score: z.number(),
  date: z.string(),
  explanation: z.string(),
  evidence: z.record(z.string(), z.unknown()),
});

export async function incidentRoutes(app: TypedApp, { store }: RouteContext) {
  const { db } = store;

  app.get(
    '/incidents',
    {
      schema: {
        tags: ['incidents'],
        description: 'Incidents the caller may see, filtered, sorted and paged.',
        querystring: incidentFilterSchema,
        response: {
          200: z.object({
            total: z.number().int(),
            page: z.number().int(),
            pageSize: z.number().int(),
            incidents: z.array(incidentViewSchema),
          }),
        },
      },
    },
    async (request) => listIncidents(db, viewerOf(request), request.query),
  );

  app.get(
    '/incidents/:ref',
    {
      schema: {
        tags: ['incidents'],
        description: 'One incident with its items and, for those who may read leads, the leads citing it.',
        params: z.object({ ref: z.string().min(1).max(200) }),
        response: {
          200: z.object({
            incident: incidentViewSchema,
            items: z.array(itemViewSchema),
            leads: z.array(leadViewSchema),
          }),
        },
      },
    },
    async (request) => {
      const viewer = viewerOf(request);
      const found = await readIncident(db, viewer, request.params.ref);
      if (!found) throw notFound(`incident "${request.params.ref}"`);
      const leads = may.readLeads(viewer) ? await listLeads(db, viewer, { incidentId: found.id }) : [];
      return { incident: found.incident, items: found.items, leads };
    },
  );
}

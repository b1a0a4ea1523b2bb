import { z } from 'zod';
import { may } from '../access/policy';
import { leadViewSchema, listLeads } from '../leads/leads.repository';
import { viewerOf } from '../server/auth';
import { provenanceOf } from '../tracing/tracing.queries';
import { provenanceSchema } from '../tracing/tracing.schema';
import { NotFound } from '../core/errors';
import { errorSchema, recordSchema, type RouteContext, type TypedApp } from '../server/routing';
import {
  incidentFilterSchema,
  incidentPoints,
  incidentRegions,
  listIncidents,
  listItems,
  readIncident,
} from './incidents.queries';
import {
  createIncident,
  createItem,
  deleteIncident,
  deleteItem,
  listReleases,
  releasesOf,
  setRelease,
  updateIncident,
  updateItem,
  validateIncident,
} from './incidents.service';

export const incidentViewSchema = z.object({
  record: recordSchema,
  status: z.enum(['draft', 'validated']),
  items: z.number().int(),
});
export const itemViewSchema = z.object({ record: recordSchema, sample: z.string().nullable() });

const refParams = z.object({ ref: z.string().min(1).max(200) });
const reasonBody = z.object({ reason: z.string().trim().min(3).max(2000) }).strict();
const ok = { 200: z.object({ ok: z.literal(true) }) };
const writeErrors = { 400: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };
// One record is small; a body of more than this is not one record.
const RECORD_BODY_LIMIT = 64 * 1024;

export async function incidentRoutes(app: TypedApp, { store, leadSettings }: RouteContext) {
  const { db } = store;

  app.post(
    '/incidents',
    {
      bodyLimit: RECORD_BODY_LIMIT,
      schema: {
        tags: ['incidents'],
        description:
          'Documents an incident, given in the columns of incidents.csv and checked the same way. A documenter creates a draft; an analyst a validated record.',
        body: recordSchema,
        response: { 201: z.object({ ok: z.literal(true) }), ...writeErrors },
      },
    },
    async (request, reply) => {
      await createIncident(db, viewerOf(request), request.body, leadSettings);
      return reply.code(201).send({ ok: true });
    },
  );

  app.put(
    '/incidents/:ref',
    {
      bodyLimit: RECORD_BODY_LIMIT,
      schema: {
        tags: ['incidents'],
        description: 'Replaces an incident with the record given (all its columns).',
        params: refParams,
        body: recordSchema,
        response: { ...ok, ...writeErrors },
      },
    },
    async (request) => {
      await updateIncident(db, viewerOf(request), request.params.ref, request.body, leadSettings);
      return { ok: true as const };
    },
  );

  app.delete(
    '/incidents/:ref',
    {
      schema: {
        tags: ['incidents'],
        description:
          'Deletes an incident, keeping it and its history for the audit trail; a reason is required.',
        params: refParams,
        body: reasonBody,
        response: { ...ok, ...writeErrors },
      },
    },
    async (request) => {
      await deleteIncident(db, viewerOf(request), request.params.ref, request.body.reason, leadSettings);
      return { ok: true as const };
    },
  );

  app.post(
    '/incidents/:ref/validate',
    {
      schema: {
        tags: ['incidents'],
        description: 'A reviewer validates a draft.',
        params: refParams,
        response: { ...ok, ...writeErrors },
      },
    },
    async (request) => {
      await validateIncident(db, viewerOf(request), request.params.ref);
      return { ok: true as const };
    },
  );

  app.get(
    '/incidents/:ref/releases',
    {
      schema: {
        tags: ['releases'],
        params: refParams,
        response: { 200: z.array(z.string()), ...writeErrors },
      },
    },
    async (request) => releasesOf(db, viewerOf(request), request.params.ref),
  );

  app.get(
    '/releases',
    {
      schema: {
        tags: ['releases'],
        description: 'Every release: which partner organisation sees which incident.',
        response: {
          200: z.array(
            z.object({
              incident: z.string(),
              partner: z.string(),
              releasedAt: z.string(),
              releasedBy: z.string().nullable(),
            }),
          ),
          403: errorSchema,
        },
      },
    },
    async (request) => listReleases(db, viewerOf(request)),
  );

  for (const [method, released] of [
    ['put', true],
    ['delete', false],
  ] as const) {
    app[method](
      '/incidents/:ref/releases/:partner',
      {
        schema: {
          tags: ['releases'],
          description: released
            ? 'Releases the incident and its items to a partner organisation.'
            : 'Withdraws a release.',
          params: refParams.extend({ partner: z.string().trim().min(1).max(200) }),
          response: { ...ok, ...writeErrors },
        },
      },
      async (request) => {
        await setRelease(db, viewerOf(request), request.params.ref, request.params.partner, released);
        return { ok: true as const };
      },
    );
  }

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
        response: { 200: itemViewSchema.extend({ provenance: z.array(provenanceSchema) }), 404: errorSchema },
      },
    },
    async (request) => {
      const viewer = viewerOf(request);
      const [item] = await listItems(db, viewer, { ref: request.params.ref });
      if (!item) throw new NotFound(`item "${request.params.ref}"`);
      return { ...item, provenance: await provenanceOf(db, viewer, request.params.ref) };
    },
  );

  app.put(
    '/items/:ref',
    {
      bodyLimit: RECORD_BODY_LIMIT,
      schema: { tags: ['items'], params: refParams, body: recordSchema, response: { ...ok, ...writeErrors } },
    },
    async (request) => {
      await updateItem(db, viewerOf(request), request.params.ref, request.body, leadSettings);
      return { ok: true as const };
    },
  );

  app.delete(
    '/items/:ref',
    { schema: { tags: ['items'], params: refParams, body: reasonBody, response: { ...ok, ...writeErrors } } },
    async (request) => {
      await deleteItem(db, viewerOf(request), request.params.ref, request.body.reason, leadSettings);
      return { ok: true as const };
    },
  );

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
    '/incident-points',
    {
      schema: {
        tags: ['incidents'],
        description:
          'Every incident of a selection (the filters of GET /incidents) that has coordinates, as [longitude, latitude, ref, type]: compact enough to map a whole theatre.',
        querystring: incidentFilterSchema.omit({ sort: true, page: true, pageSize: true }),
        response: {
          200: z.object({
            total: z.number().int(),
            points: z.array(z.tuple([z.number(), z.number(), z.string(), z.string()])),
          }),
        },
      },
    },
    async (request) => incidentPoints(db, viewerOf(request), request.query),
  );

  app.get(
    '/regions',
    {
      schema: {
        tags: ['incidents'],
        description: 'The countries and regions (admin1) of the incidents the caller may see, with counts.',
        response: {
          200: z.array(
            z.object({ country: z.string(), admin1: z.string().nullable(), incidents: z.number().int() }),
          ),
        },
      },
    },
    async (request) => incidentRegions(db, viewerOf(request)),
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
      if (!found) throw new NotFound(`incident "${request.params.ref}"`);
      const leads = may.readLeads(viewer) ? await listLeads(db, viewer, { incidentId: found.id }) : [];
      return { incident: found.incident, items: found.items, leads };
    },
  );
}

import { z } from 'zod';
import { viewerOf } from '../server/auth';
import {
  okResponse,
  reasonBody,
  RECORD_BODY_LIMIT,
  recordSchema,
  refParams,
  writeErrors,
  type RouteContext,
  type TypedApp,
} from '../server/routing';
import { incidentFilterSchema, listIncidents, readIncidentPage } from './incidents.queries';
import { incidentListSchema, incidentPageSchema } from './incidents.schema';
import { createIncident, deleteIncident, updateIncident, validateIncident } from './incidents.service';

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
        response: { ...okResponse, ...writeErrors },
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
        response: { ...okResponse, ...writeErrors },
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
        response: { ...okResponse, ...writeErrors },
      },
    },
    async (request) => {
      await validateIncident(db, viewerOf(request), request.params.ref);
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
          200: incidentListSchema,
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
        params: refParams,
        response: {
          200: incidentPageSchema,
        },
      },
    },
    async (request) => readIncidentPage(db, viewerOf(request), request.params.ref),
  );
}

import { z } from 'zod';
import { languageSchema } from '../core/vocabulary';
import { viewerOf } from '../server/auth';
import { errorSchema, type RouteContext, type TypedApp } from '../server/routing';
import { listTracingRequests, readTracingRequest, tracingLetter } from './tracing.queries';
import {
  newTracingRequestSchema,
  tracingEventSchema,
  tracingListSchema,
  tracingOutcomeSchema,
  tracingRequestViewSchema,
  tracingSummarySchema,
} from './tracing.schema';
import { createTracingRequest, recordTracingEvent, recordTracingOutcome } from './tracing.service';

const tags = ['tracing'];
const refParams = z.object({ ref: z.string().min(1).max(40) });
const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };
const BODY_LIMIT = 64 * 1024;

export async function tracingRoutes(app: TypedApp, { store, evidence }: RouteContext) {
  const { db } = store;

  app.get(
    '/tracing-requests',
    {
      schema: {
        tags,
        description: 'Tracing requests, newest first, with where each stands.',
        querystring: tracingListSchema,
        response: { 200: z.array(tracingSummarySchema), 403: errorSchema },
      },
    },
    async (request) => listTracingRequests(db, viewerOf(request), request.query),
  );

  app.post(
    '/tracing-requests',
    {
      schema: {
        tags,
        description:
          'Opens a tracing request for items of interest, addressed to the state of manufacture or the last legal importer. It stays a draft until recorded as sent.',
        body: newTracingRequestSchema,
        response: { 201: tracingRequestViewSchema, ...errors },
      },
      bodyLimit: BODY_LIMIT,
    },
    async (request, reply) =>
      reply.code(201).send(await createTracingRequest(db, viewerOf(request), request.body)),
  );

  app.get(
    '/tracing-requests/:ref',
    {
      schema: {
        tags,
        description:
          'A tracing request with its items, their markings and the circumstances of recovery, and its history.',
        params: refParams,
        response: { 200: tracingRequestViewSchema, 403: errorSchema, 404: errorSchema },
      },
    },
    async (request) => readTracingRequest(db, viewerOf(request), request.params.ref),
  );

  app.post(
    '/tracing-requests/:ref/events',
    {
      schema: {
        tags,
        description: 'Records that the request was sent, a reminder, the answer, or a note. Audited.',
        params: refParams,
        body: tracingEventSchema,
        response: { 200: tracingRequestViewSchema, ...errors },
      },
      bodyLimit: BODY_LIMIT,
    },
    async (request) => recordTracingEvent(db, viewerOf(request), request.params.ref, request.body),
  );

  app.put(
    '/tracing-requests/:ref/outcome',
    {
      schema: {
        tags,
        description:
          'What the answer (or a competent authority) established: in words, and whether the point of diversion is known (SDG indicator 16.4.2). Audited.',
        params: refParams,
        body: tracingOutcomeSchema,
        response: { 200: tracingRequestViewSchema, ...errors },
      },
      bodyLimit: BODY_LIMIT,
    },
    async (request) => recordTracingOutcome(db, viewerOf(request), request.params.ref, request.body),
  );

  app.get(
    '/tracing-requests/:ref/letter',
    {
      schema: {
        tags,
        description:
          'The request as a PDF letter: what the International Tracing Instrument asks for (items, markings, circumstances, intended use), with photos.',
        params: refParams,
        querystring: z.object({ lang: languageSchema.default('en') }).strict(),
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      const { fileName, pdf } = await tracingLetter(
        db,
        evidence,
        viewerOf(request),
        request.params.ref,
        request.query.lang,
      );
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(pdf);
    },
  );
}

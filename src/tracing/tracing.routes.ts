import { z } from 'zod';
import type { Db } from '../db/store';
import type { EvidenceFiles } from '../evidence/evidence-files';
import { viewerOf } from '../server/auth';
import { NotFound } from '../core/errors';
import { errorSchema, type RouteContext, type TypedApp } from '../server/routing';
import { renderTracingLetter, type LetterPhoto } from './tracing-letter';
import {
  createTracingRequest,
  listTracingRequests,
  newTracingRequestSchema,
  readTracingRequest,
  recordTracingEvent,
  recordTracingOutcome,
  tracingEventSchema,
  tracingListSchema,
  tracingOutcomeSchema,
  tracingRequestViewSchema,
  tracingSummarySchema,
  type TracingRequestView,
} from './tracing.queries';

const tags = ['tracing'];
const refParams = z.object({ ref: z.string().min(1).max(40) });
const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };
const BODY_LIMIT = 64 * 1024;
// A letter carries photos of the items, not the whole evidence locker.
const LETTER_PHOTOS = 12;

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
    async (request) =>
      found(await readTracingRequest(db, viewerOf(request), request.params.ref), request.params.ref),
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
        querystring: z.object({ lang: z.enum(['en', 'fr']).default('en') }).strict(),
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      const tracing = found(
        await readTracingRequest(db, viewerOf(request), request.params.ref),
        request.params.ref,
      );
      const pdf = await renderTracingLetter(
        tracing,
        await letterPhotos(db, evidence, tracing),
        request.query.lang,
      );
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${tracing.ref}-${request.query.lang}.pdf"`)
        .send(pdf);
    },
  );
}

function found(tracing: TracingRequestView | undefined, ref: string): TracingRequestView {
  if (!tracing) throw new NotFound(`tracing request "${ref}"`);
  return tracing;
}

/** Photos of the traced items (PDF can embed JPEG and PNG only). */
async function letterPhotos(
  db: Db,
  evidence: EvidenceFiles,
  tracing: TracingRequestView,
): Promise<LetterPhoto[]> {
  const rows = await db
    .selectFrom('attachments')
    .innerJoin('items', 'items.id', 'attachments.item_id')
    .select(['items.ref', 'attachments.sha256', 'attachments.caption'])
    .where(
      'items.ref',
      'in',
      tracing.items.map((i) => i.ref),
    )
    .where('attachments.media_type', 'in', ['image/jpeg', 'image/png'])
    .orderBy('items.ref')
    .orderBy('attachments.id')
    .limit(LETTER_PHOTOS)
    .execute();
  return Promise.all(
    rows.map(async (row) => ({
      item: row.ref,
      caption: row.caption,
      bytes: await evidence.read(row.sha256).catch(() => undefined),
    })),
  );
}

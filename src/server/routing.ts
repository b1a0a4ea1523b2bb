import type { ReadLimits } from '../transfer/read-table';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemParamsSchema } from '../core/problems.schema';
import type { Viewer } from '../access/policy';
import type { Db, Store } from '../db/store';
import type { EvidenceFiles } from '../evidence/evidence-files';
import type { LeadSettings } from '../leads/settings';
import type { RawRow } from '../records/entity';
import { viewerOf } from './auth';

/** The Fastify instance route modules get: request and response types come from their zod schemas. */
export type TypedApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/**
 * Sends JSON already checked against the route's response schema and written out (a page kept by
 * the route): Fastify sends a buffer as it is, without serializing it again, which the schema's
 * types cannot say.
 */
export function sendWrittenJson(reply: FastifyReply, body: Buffer): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(body);
}

/** What every route module receives besides the app. */
export interface RouteContext {
  store: Store;
  evidence: EvidenceFiles;
  leadSettings: LeadSettings;
  /** Bounds of one import; the defaults of transfer/read-table.ts when not configured. */
  importLimits?: ReadLimits;
  secureCookies: boolean;
}

export const errorSchema = z.object({
  /** What went wrong, in English. */
  error: z.string(),
  /** The same as a stable code with its parameters, for a client to word in its reader's language. */
  code: z.string().optional(),
  params: problemParamsSchema.optional(),
  /** Which fields of the request were wrong, and why (a schema's refusal). */
  issues: z
    .array(
      z.object({
        path: z.string(),
        message: z.string(),
        code: z.string().optional(),
        params: problemParamsSchema.optional(),
      }),
    )
    .optional(),
  /** Field-by-field problems of a record: `field`, `message`, `code`, `params` (and a file's `line`, `column`). */
  details: z.unknown().optional(),
});

/** A record in its canonical columns, as in the CSV files. */
export const recordSchema = z.record(z.string(), z.string());

export const refParams = z.object({ ref: z.string().min(1).max(200) });
const reasonBody = z.object({ reason: z.string().trim().min(3).max(2000) }).strict();
export const okResponse = { 200: z.object({ ok: z.literal(true) }) };
export const writeErrors = { 400: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };
// One record is small; a body of more than this is not one record.
export const RECORD_BODY_LIMIT = 64 * 1024;

/** The writes of a record of the register kept in its canonical columns (incidents, items). */
export interface RecordServices {
  create(db: Db, viewer: Viewer, row: RawRow): Promise<void>;
  update(db: Db, viewer: Viewer, ref: string, row: RawRow): Promise<void>;
  delete(db: Db, viewer: Viewer, ref: string, reason: string): Promise<void>;
  restore(db: Db, viewer: Viewer, ref: string): Promise<void>;
}

/**
 * The write routes of such a record, at `/<collection>` and tagged with it: `create` registers
 * POST (201 once written), `change` PUT (all its columns) and DELETE (for a reason) at
 * `/<collection>/:ref`, and POST `/<collection>/:ref/restore` (undoing a deletion). Two calls, so
 * that a module keeps its routes in the order it lists them.
 */
export function recordWriteRoutes(
  app: TypedApp,
  { store: { db } }: RouteContext,
  collection: string,
  services: RecordServices,
) {
  const path = `/${collection}`;
  const tags = [collection];
  return {
    create(description: string) {
      app.post(
        path,
        {
          bodyLimit: RECORD_BODY_LIMIT,
          schema: {
            tags,
            description,
            body: recordSchema,
            response: { 201: z.object({ ok: z.literal(true) }), ...writeErrors },
          },
        },
        async (request, reply) => {
          await services.create(db, viewerOf(request), request.body);
          return reply.code(201).send({ ok: true });
        },
      );
    },
    change(descriptions: { update?: string; delete?: string; restore?: string } = {}) {
      app.put(
        `${path}/:ref`,
        {
          bodyLimit: RECORD_BODY_LIMIT,
          schema: {
            tags,
            description: descriptions.update,
            params: refParams,
            body: recordSchema,
            response: { ...okResponse, ...writeErrors },
          },
        },
        async (request) => {
          await services.update(db, viewerOf(request), request.params.ref, request.body);
          return { ok: true as const };
        },
      );
      app.delete(
        `${path}/:ref`,
        {
          schema: {
            tags,
            description: descriptions.delete,
            params: refParams,
            body: reasonBody,
            response: { ...okResponse, ...writeErrors },
          },
        },
        async (request) => {
          await services.delete(db, viewerOf(request), request.params.ref, request.body.reason);
          return { ok: true as const };
        },
      );
      app.post(
        `${path}/:ref/restore`,
        {
          schema: {
            tags,
            description: descriptions.restore,
            params: refParams,
            response: { ...okResponse, ...writeErrors },
          },
        },
        async (request) => {
          await services.restore(db, viewerOf(request), request.params.ref);
          return { ok: true as const };
        },
      );
    },
  };
}

import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../db/store';
import type { EvidenceFiles } from '../evidence/evidence-files';
import type { LeadSettings } from '../leads/settings';

/** The Fastify instance route modules get: request and response types come from their zod schemas. */
export type TypedApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** What every route module receives besides the app. */
export interface RouteContext {
  store: Store;
  evidence: EvidenceFiles;
  leadSettings: LeadSettings;
  secureCookies: boolean;
}

export const errorSchema = z.object({
  error: z.string(),
  /** Which fields of the request were wrong, and why. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  details: z.unknown().optional(),
});

/** A record in its canonical columns, as in the CSV files. */
export const recordSchema = z.record(z.string(), z.string());

export const refParams = z.object({ ref: z.string().min(1).max(200) });
export const reasonBody = z.object({ reason: z.string().trim().min(3).max(2000) }).strict();
export const okResponse = { 200: z.object({ ok: z.literal(true) }) };
export const writeErrors = { 400: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };
// One record is small; a body of more than this is not one record.
export const RECORD_BODY_LIMIT = 64 * 1024;

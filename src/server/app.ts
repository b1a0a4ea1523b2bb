import { randomBytes } from 'node:crypto';
import { constants as zlib } from 'node:zlib';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { ZodError, type z } from 'zod';
import { problemOfIssue, type Problem, type ProblemCode } from '../core/problems';
import { Conflict, DomainError, Forbidden, Invalid, NotFound, UnsupportedType } from '../core/errors';
import { unstorableText } from '../core/text';
import { actorRoutes } from '../actors/actors.routes';
import { auditRoutes } from '../audit/audit.routes';
import { baselineRoutes } from '../baselines/baselines.routes';
import { caseFileRoutes } from '../casefiles/casefiles.routes';
import { isUniqueViolation } from '../db/errors';
import type { Store } from '../db/store';
import { embargoRoutes } from '../embargoes/embargoes.routes';
import { EvidenceFiles } from '../evidence/evidence-files';
import { attachmentRoutes } from '../evidence/attachments.routes';
import { custodyRoutes } from '../evidence/custody.routes';
import { exportRoutes } from '../exports/exports.routes';
import { incidentPointRoutes } from '../incidents/incident-points.routes';
import { incidentRoutes } from '../incidents/incidents.routes';
import { regionRoutes } from '../incidents/regions.routes';
import { itemRoutes } from '../items/items.routes';
import { leadDecisionRoutes } from '../leads/lead-decisions.routes';
import { leadRoutes } from '../leads/leads.routes';
import { startLeadsThread, startLeadsWorker } from '../leads/queue';
import { defaultLeadSettings, type LeadSettings } from '../leads/settings';
import { linkRoutes } from '../links/links.routes';
import { referenceMappingRoutes } from '../reference/mappings.routes';
import { recogniseRoutes } from '../reference/recognise.routes';
import { placeRoutes } from '../places/places.routes';
import { referenceRoutes } from '../reference/reference.routes';
import { regionBoundaryRoutes } from '../reference/region-boundaries.routes';
import { sampleRoutes } from '../samples/samples.routes';
import { statsRoutes } from '../stats/stats.routes';
import { releaseRoutes } from '../releases/releases.routes';
import { reportRoutes } from '../reports/reports.routes';
import { tracingRoutes } from '../tracing/tracing.routes';
import { importRoutes } from '../transfer/import.routes';
import type { ReadLimits } from '../transfer/read-table';
import { authRoutes } from '../users/auth.routes';
import { userRoutes } from '../users/users.routes';
import { identify } from './auth';
import { HttpError } from './errors';
import { forgeryRefusal } from './forgery';
import type { RouteContext } from './routing';
import { registerWeb } from './web';

export interface ServerOptions {
  store: Store;
  /** Signs session cookies; a random one (sessions end with the process) when not given. */
  secret?: string;
  /** Send cookies only over HTTPS (set behind a TLS proxy). */
  secureCookies?: boolean;
  logger?: boolean;
  leadSettings?: LeadSettings;
  /** Largest request body, in bytes (imports are the largest). */
  bodyLimit?: number;
  /** Where evidence files are kept (by SHA-256). */
  evidenceDir: string;
  /** Largest photo or document, in bytes. */
  maxUploadBytes?: number;
  /** The built web application (`npm run build:web`), served at `/` when given. */
  webDir?: string;
  /** Bounds of one import (rows, expanded workbook size). */
  importLimits?: ReadLimits;
  /**
   * On a PostgreSQL store, refresh the findings in a thread of their own connected to this
   * database (`headstamp serve` does), instead of on the thread that answers requests.
   */
  findingsThread?: { databaseUrl: string };
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 20 * 1024 * 1024,
    // Request ids in logs tie a user's complaint to the log lines of that request.
    genReqId: () => randomBytes(8).toString('hex'),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Lists, pages and exports compressed (brotli, else gzip) when the client accepts it: a page of
  // findings or an export is mostly repeated keys and words. Brotli at a low quality, as for any
  // answer made per request: its default (11) costs tens of times the CPU for a few per cent less.
  await app.register(compress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(cookie, { secret: options.secret ?? randomBytes(32).toString('hex') });
  await app.register(rateLimit, { global: false });
  await app.register(multipart, {
    limits: { files: 1, fields: 4, fieldSize: 4096, fileSize: options.maxUploadBytes ?? 20 * 1024 * 1024 },
    throwFileSizeLimit: true,
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Headstamp API',
        description: 'The materiel register and its leads. Every read returns only what the caller may see.',
        version: '1',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'headstamp_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });

  // PostgreSQL text cannot hold a NUL: one in the address (a path parameter, a filter) or in a
  // JSON body (where it can only be written `\u0000`) is refused here rather than failing in a query.
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.includes('%00'))
      return reply.code(400).send({ error: 'the address holds a NUL character', code: 'invalid' });
  });
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, raw, done) => {
    // `parseAs: 'string'` gives a string; the type allows a Buffer for other parsers.
    const body = typeof raw === 'string' ? raw : raw.toString('utf8');
    parseJson(request, body, (error, parsed) => {
      if (error) return done(error, undefined);
      // Every string of every body, keys included, before any schema or query sees it.
      const problem = unstorableIn(parsed);
      if (problem) return done(new HttpError(400, `the request ${problem}`), undefined);
      return done(null, parsed);
    });
  });
  // Before the body is read or anyone identified: a forged request is not even parsed.
  app.addHook('onRequest', async (request, reply) => {
    const refusal = forgeryRefusal(request.method, request.headers);
    if (refusal) return reply.code(403).send({ error: refusal, code: 'forbidden' });
  });
  app.decorateRequest('viewer', null);
  app.addHook('onRequest', async (request) => {
    request.viewer = await identify(options.store.db, request);
  });

  const maxUploadBytes = options.maxUploadBytes ?? 20 * 1024 * 1024;
  app.setErrorHandler((error, request, reply) => {
    // Every refusal carries a stable `code` (and its `params`) beside its English `error`, for
    // clients to word in their reader's language (core/problems.ts).
    if (hasZodFastifySchemaValidationErrors(error)) {
      return reply.code(400).send({
        error: 'invalid request',
        code: 'invalid',
        issues: error.validation.map((v) => ({
          path: v.instancePath.replace(/^\//, '').replace(/\//g, '.'),
          message: v.message,
          ...problemOfIssue({
            ...v.params,
            code: v.keyword,
            message: v.message,
            path: [],
          } as z.core.$ZodIssue),
        })),
      });
    }
    if (error instanceof ZodError) {
      return reply.code(400).send({
        error: 'invalid request',
        code: 'invalid',
        issues: error.issues.map((i) => ({
          path: i.path.join('.'),
          message: i.message,
          ...problemOfIssue(i),
        })),
      });
    }
    if (error instanceof HttpError)
      return reply
        .code(error.statusCode)
        .send({ error: error.message, ...statusProblem(error.statusCode), details: error.details });
    if (error instanceof DomainError) {
      const status = domainStatus(error);
      return reply
        .code(status)
        .send({ error: error.message, ...(error.problem ?? statusProblem(status)), details: error.details });
    }
    // A unique key refused a row another request wrote at the same moment (two creates of one
    // reference on a server): a conflict, answered without naming the row, which may be hidden.
    if (isUniqueViolation(error))
      return reply.code(409).send({
        error:
          'this reference or name is taken, perhaps by a request at the same moment: reload and try again',
        code: 'conflict',
      });
    const status = (error as { statusCode?: number }).statusCode;
    const message = error instanceof Error ? error.message : String(error);
    if (status && status >= 400 && status < 500) {
      const fastifyCode = (error as { code?: string }).code;
      if (fastifyCode === 'FST_REQ_FILE_TOO_LARGE')
        return reply.code(413).send({
          error: `the file is larger than the ${Math.round((maxUploadBytes / 1024 / 1024) * 10) / 10} MB allowed`,
          code: 'file_too_large',
          params: { max: maxUploadBytes },
        });
      if (fastifyCode === 'FST_FILES_LIMIT')
        return reply
          .code(413)
          .send({ error: 'send one file per request', code: 'too_many_files', params: { max: 1 } });
      return reply.code(status).send({ error: message, ...statusProblem(status) });
    }
    request.log.error(error);
    return reply.code(500).send({
      error: 'internal error; the request id is in the server log',
      code: 'internal',
      requestId: request.id,
    });
  });

  const context: RouteContext = {
    store: options.store,
    evidence: new EvidenceFiles(options.evidenceDir),
    leadSettings: options.leadSettings ?? defaultLeadSettings,
    secureCookies: options.secureCookies ?? false,
    importLimits: options.importLimits,
  };
  app.get('/healthz', async () => {
    // The embedded store runs in this process: while a long write (an import) holds its one
    // connection, the process answering is the proof that both are alive, and a query would
    // wait for the write to commit.
    if (options.store.busy?.()) return { ok: true, store: options.store.kind, busy: true };
    await options.store.db.selectFrom('schema_migrations').select('version').limit(1).execute();
    return { ok: true, store: options.store.kind };
  });
  await app.register(
    async (api) => {
      const typed = api.withTypeProvider<ZodTypeProvider>();
      for (const routes of [
        authRoutes,
        userRoutes,
        incidentRoutes,
        releaseRoutes,
        itemRoutes,
        incidentPointRoutes,
        regionRoutes,
        exportRoutes,
        leadRoutes,
        leadDecisionRoutes,
        statsRoutes,
        sampleRoutes,
        linkRoutes,
        referenceRoutes,
        referenceMappingRoutes,
        recogniseRoutes,
        regionBoundaryRoutes,
        placeRoutes,
        baselineRoutes,
        embargoRoutes,
        actorRoutes,
        importRoutes,
        tracingRoutes,
        reportRoutes,
        auditRoutes,
        attachmentRoutes,
        custodyRoutes,
        caseFileRoutes,
      ]) {
        await routes(typed, context);
      }
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: '/api/v1' },
  );
  if (options.webDir) await registerWeb(app, options.webDir);
  // Writes return once committed; the findings follow in the background (leads/queue.ts).
  const log = (line: string) => app.log.info(line);
  const leads = options.findingsThread
    ? startLeadsThread(options.store.db, options.findingsThread.databaseUrl, context.leadSettings, { log })
    : startLeadsWorker(options.store.db, context.leadSettings, { log });
  app.addHook('onClose', () => leads.stop());
  return app;
}

/** What makes a string of a parsed JSON body unstorable (`unstorableText`), or null. */
function unstorableIn(value: unknown): string | null {
  if (typeof value === 'string') return unstorableText(value);
  if (Array.isArray(value)) {
    for (const v of value) {
      const problem = unstorableIn(v);
      if (problem) return problem;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      const problem = unstorableText(key) ?? unstorableIn(v);
      if (problem) return problem;
    }
  }
  return null;
}

/** The code of a refusal that says no more than its status. */
function statusProblem(status: number): Problem {
  const codes: Record<number, ProblemCode> = {
    401: 'sign_in',
    403: 'forbidden',
    404: 'not_found',
    409: 'conflict',
    413: 'request_too_large',
    429: 'too_many_requests',
  };
  return { code: codes[status] ?? (status >= 500 ? 'internal' : 'invalid') };
}

/** The one place where the domain's refusals become HTTP statuses. */
function domainStatus(error: DomainError): number {
  if (error instanceof NotFound) return 404;
  if (error instanceof Forbidden) return 403;
  if (error instanceof Conflict) return 409;
  if (error instanceof UnsupportedType) return 415;
  if (error instanceof Invalid) return 400;
  return 500;
}

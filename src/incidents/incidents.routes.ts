import { z } from 'zod';
import { viewerOf } from '../server/auth';
import { languageQuery, readerLanguage } from '../server/language';
import {
  okResponse,
  RECORD_BODY_LIMIT,
  recordSchema,
  recordWriteRoutes,
  refParams,
  writeErrors,
  type RouteContext,
  type TypedApp,
} from '../server/routing';
import { incidentFilterSchema, listIncidents, readIncidentPage } from './incidents.queries';
import { incidentListSchema, incidentPageSchema, sendBackSchema } from './incidents.schema';
import {
  createIncident,
  deleteIncident,
  restoreIncident,
  reviewIncident,
  updateIncident,
  validateIncident,
} from './incidents.service';

/** The most items one request may document with their incident: a large arms cache, not a register. */
const MAX_ITEMS_PER_INCIDENT = 200;
// An item row is far smaller than the largest record: 200 of them fit with their incident.
const INCIDENT_WITH_ITEMS_BODY_LIMIT = 16 * RECORD_BODY_LIMIT;

/** An incident in its canonical columns, with the items found at it. */
const incidentWithItemsSchema = z
  .object({ items: z.array(recordSchema).max(MAX_ITEMS_PER_INCIDENT).optional() })
  .catchall(z.string());

export async function incidentRoutes(app: TypedApp, context: RouteContext) {
  const { db } = context.store;

  const writes = {
    create: createIncident,
    update: updateIncident,
    delete: deleteIncident,
    restore: restoreIncident,
  };
  const records = recordWriteRoutes(app, context, 'incidents', writes);
  app.post(
    '/incidents',
    {
      bodyLimit: INCIDENT_WITH_ITEMS_BODY_LIMIT,
      schema: {
        tags: ['incidents'],
        description:
          'Documents an incident, given in the columns of incidents.csv and checked the same way, with the items found at it (`items`, in the columns of items.csv; `incident_ref` may be left out). All are written in one transaction, or none: every problem is reported at once in `details`, each with its `field` (`date`, `items.1.calibre`), `code` and `params`. A documenter creates a draft; an analyst a validated record. With `dryRun=true`, everything is checked and nothing written (200).',
        querystring: z.object({ dryRun: z.enum(['true', 'false']).optional() }).strict(),
        body: incidentWithItemsSchema,
        response: {
          200: z.object({ ok: z.literal(true) }),
          201: z.object({ ok: z.literal(true) }),
          ...writeErrors,
        },
      },
    },
    async (request, reply) => {
      const { items, ...row } = request.body;
      const dryRun = request.query.dryRun === 'true';
      await createIncident(db, viewerOf(request), row, items, { dryRun });
      return reply.code(dryRun ? 200 : 201).send({ ok: true as const });
    },
  );
  records.change({
    update:
      'Replaces an incident with the record given (all its columns). A documenter changes only their own drafts; a caller who may not read sources keeps the stored source by sending it blank.',
    delete:
      'Deletes an incident, keeping it and its history for the audit trail; a reason is required. It and its items leave every list, export, statistic and lead; changing it is then refused (409) until an administrator restores it.',
    restore: 'An administrator restores a deleted incident, with its items, into lists and leads.',
  });

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

  app.post(
    '/incidents/:ref/send-back',
    {
      schema: {
        tags: ['incidents'],
        description:
          'A reviewer sends a draft back to its documenter with a comment saying what to correct (3 to 2,000 characters). It stays a draft; the comment is audited and shown on the incident page.',
        params: refParams,
        body: sendBackSchema,
        response: { ...okResponse, ...writeErrors },
      },
    },
    async (request) => {
      await reviewIncident(db, viewerOf(request), request.params.ref, {
        decision: 'sent_back',
        comment: request.body.comment,
      });
      return { ok: true as const };
    },
  );

  app.get(
    '/incidents',
    {
      schema: {
        tags: ['incidents'],
        description:
          'Incidents the caller may see, filtered, sorted and paged: `page` counts `pageSize` pages from the ' +
          'first (the deeper, the slower), `cursor` (the `nextCursor` of a page) continues after its last ' +
          'row at the same cost however deep. `total` counts the whole selection, counted again only ' +
          'when the register has changed.',
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
        querystring: z.object({ lang: languageQuery }).strict(),
        response: {
          200: incidentPageSchema,
        },
      },
    },
    async (request) =>
      readIncidentPage(
        db,
        viewerOf(request),
        request.params.ref,
        readerLanguage(request, request.query.lang),
      ),
  );
}

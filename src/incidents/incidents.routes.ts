import { z } from 'zod';
import { viewerOf } from '../server/auth';
import { languageQuery, readerLanguage } from '../server/language';
import {
  okResponse,
  recordWriteRoutes,
  refParams,
  writeErrors,
  type RouteContext,
  type TypedApp,
} from '../server/routing';
import { incidentFilterSchema, listIncidents, readIncidentPage } from './incidents.queries';
import { incidentListSchema, incidentPageSchema } from './incidents.schema';
import { createIncident, deleteIncident, updateIncident, validateIncident } from './incidents.service';

export async function incidentRoutes(app: TypedApp, context: RouteContext) {
  const { db } = context.store;

  const writes = { create: createIncident, update: updateIncident, delete: deleteIncident };
  const records = recordWriteRoutes(app, context, 'incidents', writes);
  records.create(
    'Documents an incident, given in the columns of incidents.csv and checked the same way. A documenter creates a draft; an analyst a validated record.',
  );
  records.change({
    update: 'Replaces an incident with the record given (all its columns).',
    delete: 'Deletes an incident, keeping it and its history for the audit trail; a reason is required.',
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

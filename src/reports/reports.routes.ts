import { z } from 'zod';
import { languageSchema } from '../core/vocabulary';
import { viewerOf } from '../server/auth';
import { errorSchema, type RouteContext, type TypedApp } from '../server/routing';
import { conventionReport, conventionReportFile, reportYears, sdgIndicator } from './reports.queries';
import {
  conventionReportSchema,
  periodQuery,
  reportPeriodSchema,
  reportYearsSchema,
  sdgIndicatorSchema,
} from './reports.schema';

const tags = ['reports'];
const contentTypes = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export async function reportRoutes(app: TypedApp, { store }: RouteContext) {
  const { db } = store;

  const description =
    'Weapons seized, collected or destroyed in a period, one line per item record: what a troop-contributing country declares under the ECOWAS Convention (art. 11) and keeps under the Kinshasa Convention (art. 22). Audited.';
  const lang = languageSchema.default('en');

  app.get(
    '/reports/weapons-register',
    {
      schema: {
        tags,
        description,
        querystring: periodQuery({ lang }),
        response: { 200: conventionReportSchema, 400: errorSchema, 403: errorSchema },
      },
    },
    async (request) => {
      const { lang, ...period } = request.query;
      return conventionReport(db, viewerOf(request), period, lang);
    },
  );

  app.get(
    '/reports/weapons-register/file',
    {
      schema: {
        tags,
        description: `${description} As a CSV or XLSX file (the XLSX with a sheet of totals).`,
        querystring: periodQuery({ lang, format: z.enum(['csv', 'xlsx']) }),
        produces: [contentTypes.csv, contentTypes.xlsx],
      },
    },
    async (request, reply) => {
      const { format, lang, ...period } = request.query;
      const file = await conventionReportFile(db, viewerOf(request), period, format, lang);
      return reply
        .header('content-type', contentTypes[format])
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );

  app.get(
    '/reports/years',
    {
      schema: {
        tags,
        description:
          'The years in which the caller may see weapons recovered or destroyed, oldest first: the periods a report has something to say about.',
        response: { 200: reportYearsSchema, 403: errorSchema },
      },
    },
    async (request) => ({ years: await reportYears(db, viewerOf(request)) }),
  );

  app.get(
    '/reports/sdg-16-4-2',
    {
      schema: {
        tags,
        description:
          'SDG indicator 16.4.2 for a period: the share of seized, found or surrendered arms whose point of diversion was established by a trace or a competent authority.',
        querystring: reportPeriodSchema,
        response: { 200: sdgIndicatorSchema, 400: errorSchema, 403: errorSchema },
      },
    },
    async (request) => sdgIndicator(db, viewerOf(request), request.query),
  );
}

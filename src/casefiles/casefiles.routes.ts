import { z } from 'zod';
import { languageSchema } from '../core/vocabulary';
import { viewerOf } from '../server/auth';
import { errorSchema, type RouteContext, type TypedApp } from '../server/routing';
import { downloadCaseFile } from './casefile-documents';
import {
  caseFileChangesSchema,
  caseFileFieldsSchema,
  caseFileSchema,
  caseFileSummarySchema,
  membersSchema,
} from './casefile.schema';
import { listCaseFiles, readCaseFile } from './casefiles.queries';
import {
  addMembers,
  createCaseFile,
  removeMembers,
  setCaseFileRelease,
  updateCaseFile,
} from './casefiles.service';

const idParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema };
const tags = ['case files'];

export async function caseFileRoutes(app: TypedApp, { store, evidence }: RouteContext) {
  const { db } = store;

  app.post(
    '/case-files',
    {
      schema: {
        tags,
        description:
          'Opens a case file: a title, a finding and its classification. Analysts and administrators.',
        body: caseFileFieldsSchema,
        response: { 201: caseFileSchema, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await createCaseFile(db, viewerOf(request), request.body)),
  );

  app.get(
    '/case-files',
    {
      schema: {
        tags,
        description: 'The case files the caller may see; a partner, those released to it.',
        response: { 200: z.array(caseFileSummarySchema), 403: errorSchema },
      },
    },
    async (request) => listCaseFiles(db, viewerOf(request)),
  );

  app.get(
    '/case-files/:id',
    {
      schema: {
        tags,
        description: 'A case file with its own copies of the incidents, items, photos and leads it cites.',
        params: idParams,
        response: { 200: caseFileSchema, ...errors },
      },
    },
    async (request) => readCaseFile(db, viewerOf(request), request.params.id),
  );

  app.patch(
    '/case-files/:id',
    {
      schema: {
        tags,
        description: 'Changes the title, finding, classification or handling of a case file.',
        params: idParams,
        body: caseFileChangesSchema,
        response: { 200: caseFileSchema, ...errors },
      },
    },
    async (request) => updateCaseFile(db, viewerOf(request), request.params.id, request.body),
  );

  for (const [method, adding] of [
    ['post', true],
    ['delete', false],
  ] as const) {
    app[method](
      '/case-files/:id/members',
      {
        schema: {
          tags,
          description: adding
            ? 'Adds incidents, items, photos (attachment ids) and leads (kind and subject), as copies of how they are now; an item brings its incident, a photo its incident and item, a lead what it cites. Adding one again refreshes its copy.'
            : 'Removes members, and what rests on them (an incident’s items and photos, the leads citing them).',
          params: idParams,
          body: membersSchema,
          response: { 200: caseFileSchema, ...errors },
        },
      },
      async (request) =>
        (adding ? addMembers : removeMembers)(db, viewerOf(request), request.params.id, request.body),
    );
  }

  for (const [method, released] of [
    ['put', true],
    ['delete', false],
  ] as const) {
    app[method](
      '/case-files/:id/releases/:partner',
      {
        schema: {
          tags,
          description: released
            ? 'Releases the case file (and only what it contains) to a partner organisation.'
            : 'Withdraws the release: the partner no longer sees the case file.',
          params: idParams.extend({ partner: z.string().trim().min(1).max(200) }),
          response: { 200: z.object({ ok: z.literal(true) }), ...errors },
        },
      },
      async (request) => {
        await setCaseFileRelease(db, viewerOf(request), request.params.id, request.params.partner, released);
        return { ok: true as const };
      },
    );
  }

  app.get(
    '/case-files/:id/pdf',
    {
      schema: {
        tags,
        description:
          'The case file as a PDF, in English or French: finding, map and table of the incidents, items and their markings, leads, photos. Audited.',
        params: idParams,
        querystring: z.object({ lang: languageSchema.default('en') }).strict(),
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      const { data, fileName } = await downloadCaseFile(db, evidence, viewerOf(request), request.params.id, {
        format: 'pdf',
        language: request.query.lang,
      });
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(data);
    },
  );

  app.get(
    '/case-files/:id/package',
    {
      schema: {
        tags,
        description:
          'The case file for other programs, as a zip: case-file.json (described by case-file.schema.json), incidents.csv and items.csv in the import format, and the photos.',
        params: idParams,
        produces: ['application/zip'],
      },
    },
    async (request, reply) => {
      const { data, fileName } = await downloadCaseFile(db, evidence, viewerOf(request), request.params.id, {
        format: 'package',
      });
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(data);
    },
  );
}

import { languageQuery, readerLanguage } from '../server/language';
import { z } from 'zod';
import { languageSchema } from '../core/vocabulary';
import { viewerOf } from '../server/auth';
import { errorSchema, type RouteContext, type TypedApp } from '../server/routing';
import { downloadCaseFile } from './casefile-documents';
import {
  caseFileChangeSchema,
  caseFileChangesSchema,
  caseFileGapsSchema,
  caseFileSchema,
  caseFileSummarySchema,
  membersSchema,
  newCaseFileSchema,
} from './casefile.schema';
import { caseFileGaps, listCaseFiles, readCaseFile } from './casefiles.queries';
import {
  addMembers,
  createCaseFile,
  removeMembers,
  setCaseFileRelease,
  updateCaseFile,
} from './casefiles.service';

const idParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };
const tags = ['case files'];

export async function caseFileRoutes(app: TypedApp, { store, evidence }: RouteContext) {
  const { db } = store;

  app.post(
    '/case-files',
    {
      schema: {
        tags,
        description:
          'Opens a case file: a title, a finding and its classification, and optionally its first `members` (as `POST /case-files/{id}/members` adds them): all or nothing. Analysts and administrators.',
        body: newCaseFileSchema,
        response: { 201: caseFileChangeSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { members, ...fields } = request.body;
      return reply.code(201).send(await createCaseFile(db, viewerOf(request), fields, members));
    },
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

  app.post(
    '/case-files/:id/members',
    {
      schema: {
        tags,
        description:
          'Adds incidents, items, photos (attachment ids), leads (kind and subject) and samples (keys), as copies of how they are now. An incident comes whole: its items, their photos and its own, and the findings citing it that cite nothing outside the case file (unless dismissed). A lead brings its incidents whole, a sample the incidents where it was found; an item brings its incident’s record, a photo its incident and item. Adding one again refreshes its copy; naming only what is there already, unchanged, answers 409. Refusals carry `details.code` (`case_file.nothing_named`, `case_file.nothing_new`, `case_file.members_not_found` with `details.missing`, `case_file.not_a_photo`).',
        params: idParams,
        body: membersSchema,
        response: { 200: caseFileChangeSchema, ...errors },
      },
    },
    async (request) => addMembers(db, viewerOf(request), request.params.id, request.body),
  );

  app.delete(
    '/case-files/:id/members',
    {
      schema: {
        tags,
        description:
          'Removes members, and what rests on them (an incident’s items and photos, the leads citing them).',
        params: idParams,
        body: membersSchema,
        response: { 200: caseFileSchema, ...errors },
      },
    },
    async (request) => removeMembers(db, viewerOf(request), request.params.id, request.body),
  );

  app.get(
    '/case-files/:id/gaps',
    {
      schema: {
        tags,
        description:
          'What the case file lacks, for those who assemble it: items without a photo, findings citing its incidents that it does not hold (named in `lang`, else the `Accept-Language` header’s language, with the incidents they would bring), its incidents still drafts or gone from the register, and those not released in the register to a partner the case file is released to.',
        params: idParams,
        querystring: z.object({ lang: languageQuery }).strict(),
        response: { 200: caseFileGapsSchema, ...errors },
      },
    },
    async (request) =>
      caseFileGaps(db, viewerOf(request), request.params.id, readerLanguage(request, request.query.lang)),
  );

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

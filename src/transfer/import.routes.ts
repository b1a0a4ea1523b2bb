import { z } from 'zod';
import { may, requireThat } from '../access/policy';
import { viewerOf } from '../server/auth';
import type { RouteContext, TypedApp } from '../server/routing';
import { entityKinds } from '../records/entity';
import { importFiles, MAX_LISTED_CHANGES } from './import';

const problemSchema = z.object({
  file: z.string(),
  line: z.number().optional(),
  column: z.string().optional(),
  message: z.string(),
});

export async function importRoutes(app: TypedApp, { store, importLimits }: RouteContext) {
  app.post(
    '/import',
    {
      schema: {
        tags: ['import'],
        description:
          'Imports canonical CSV files or an XLSX workbook, all or nothing, like `headstamp import`. With `dryRun` the files are checked and every row error is reported, and nothing is written.',
        body: z
          .object({
            dryRun: z.boolean().default(false),
            geocode: z
              .boolean()
              .default(true)
              .describe(
                'Give coordinates to incidents that name a place and have none, from the offline gazetteer, each with a warning.',
              ),
            files: z
              .array(
                z
                  .object({
                    name: z.string().min(1).max(255),
                    /** The file's bytes, base64-encoded. */
                    content: z.base64(),
                    kind: z.enum(entityKinds).optional(),
                  })
                  .strict(),
              )
              .min(1)
              .max(20),
          })
          .strict(),
        response: {
          200: z.object({
            ok: z.boolean(),
            dryRun: z.boolean(),
            errors: z.array(problemSchema),
            warnings: z.array(problemSchema),
            tables: z.array(
              z.object({
                file: z.string(),
                kind: z.enum(entityKinds),
                rows: z.number(),
                created: z.number(),
                updated: z.number(),
                unchanged: z.number(),
              }),
            ),
            changes: z
              .array(
                z.object({
                  file: z.string(),
                  line: z.number(),
                  kind: z.enum(entityKinds),
                  key: z.string(),
                  change: z.enum(['create', 'update']),
                }),
              )
              .describe(`The first ${MAX_LISTED_CHANGES} rows added or changed; the tables count them all.`),
            recognition: z
              .object({
                items: z.number(),
                headstampsRead: z.number(),
                recognised: z.number(),
                ambiguous: z.number(),
                unrecognised: z.number(),
                noMaker: z.number(),
              })
              .optional()
              .describe(
                'Items by what became of their producer: recognised, ambiguous between listed producers, not in the reference lists, or not given.',
              ),
          }),
        },
      },
    },
    async (request) => {
      const viewer = viewerOf(request);
      requireThat(may.importFiles(viewer), 'import files');
      // Only the base name: a path in a file name must not reach messages or the file system.
      const inputs = request.body.files.map((f) => ({
        name: f.name.split(/[\\/]/).pop() || 'upload',
        data: Buffer.from(f.content, 'base64'),
        kind: f.kind,
      }));
      return importFiles(store.db, inputs, {
        dryRun: request.body.dryRun,
        geocode: request.body.geocode,
        user: viewer.username,
        limits: importLimits,
      });
    },
  );
}

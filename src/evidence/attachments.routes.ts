import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { viewerOf } from '../server/auth';
import { Invalid } from '../core/errors';
import { unstorableText } from '../core/text';
import { errorSchema, type RouteContext, type TypedApp } from '../server/routing';
import { listAttachments, readAttachment } from './evidence.queries';
import { attach, type AttachTo } from './evidence.service';

const attachmentSchema = z.object({
  id: z.number(),
  sha256: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number(),
  caption: z.string().nullable(),
  item: z.string().nullable(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
});
const refParams = z.object({ ref: z.string().min(1).max(200) });
const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema, 413: errorSchema, 415: errorSchema };

/**
 * The uploaded file of a multipart form, with its optional `caption` field. A second file is
 * refused (the multipart limit of one file) rather than silently dropped.
 */
async function uploadedFile(request: FastifyRequest) {
  let file: { name: string; data: Buffer } | undefined;
  let captionText = '';
  for await (const part of request.parts()) {
    if (part.type === 'file') file = { name: part.filename, data: await part.toBuffer() };
    else if (part.fieldname === 'caption' && typeof part.value === 'string')
      captionText = Array.from(part.value.trim()).slice(0, 1000).join(''); // by character: never half an emoji
  }
  if (!file) throw new Invalid('send the file as multipart/form-data in a field named "file"');
  // A multipart field skips the JSON body's check of its text: the same check, here.
  const problem = unstorableText(captionText);
  if (problem) throw new Invalid(`the caption ${problem}`);
  if (file.data.length === 0) throw new Invalid('the file is empty', undefined, { code: 'file_empty' });
  return { file, caption: captionText || null };
}

export async function attachmentRoutes(app: TypedApp, { store, evidence }: RouteContext) {
  const { db } = store;

  for (const kind of ['incident', 'item'] as const) {
    app.post(
      `/${kind}s/:ref/attachments`,
      {
        schema: {
          tags: ['evidence'],
          description: `Attaches a photo (JPEG, PNG, WebP) or a PDF to an ${kind}; multipart/form-data with the fields "caption" (optional) and "file" (one file a request).`,
          consumes: ['multipart/form-data'],
          params: refParams,
          response: { 201: attachmentSchema, ...errors },
        },
      },
      async (request, reply) => {
        const { file, caption } = await uploadedFile(request);
        const to: AttachTo =
          kind === 'incident' ? { incident: request.params.ref } : { item: request.params.ref };
        return reply.code(201).send(await attach(db, evidence, viewerOf(request), to, file, caption));
      },
    );

    app.get(
      `/${kind}s/:ref/attachments`,
      { schema: { tags: ['evidence'], params: refParams, response: { 200: z.array(attachmentSchema) } } },
      async (request) => listAttachments(db, viewerOf(request), { [kind]: request.params.ref }),
    );
  }

  app.get(
    '/attachments/:id',
    {
      schema: {
        tags: ['evidence'],
        description: 'The file itself, checked against its SHA-256.',
        params: z.object({ id: z.coerce.number().int().positive() }),
      },
    },
    async (request, reply) => {
      const { attachment, data } = await readAttachment(db, evidence, viewerOf(request), request.params.id);
      return reply
        .header('content-type', attachment.mediaType)
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`,
        )
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'")
        .send(data);
    },
  );
}

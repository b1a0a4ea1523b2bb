import { z } from 'zod';
import { viewerOf } from '../server/auth';
import { type RouteContext, type TypedApp } from '../server/routing';
import { linkNetwork, linkQuerySchema } from './links.queries';

const nodeSchema = z.object({
  ref: z.string(),
  date: z.string(),
  type: z.string(),
  country: z.string(),
  admin1: z.string().nullable(),
  actor: z.string().nullable(),
});
const linkSchema = z.object({
  source: z.string(),
  target: z.string(),
  samples: z.array(z.string()),
  actor: z.string().nullable(),
  weight: z.number(),
});

export async function linkRoutes(app: TypedApp, { store, leadSettings }: RouteContext) {
  app.get(
    '/links',
    {
      schema: {
        tags: ['links'],
        description:
          'The incidents of a selection (the filters of GET /incidents, and a sample: its key, or what a person types, which stands for the samples GET /samples/suggest finds, listed in `samples`) linked by the distinctive samples they share, strongest first, up to `limit` links; `truncated` says when there are more. Samples seen at more incidents than the leads engine’s `linkMaxIncidents` (12 when unset) link nothing unless asked for.',
        querystring: linkQuerySchema,
        response: {
          200: z.object({
            nodes: z.array(nodeSchema),
            links: z.array(linkSchema),
            total: z.number().int(),
            truncated: z.boolean(),
            maxIncidentsPerSample: z.number().int(),
            samples: z.array(z.string()).optional(),
          }),
        },
      },
    },
    async (request) =>
      linkNetwork(store.db, viewerOf(request), request.query, leadSettings.linkMaxIncidents ?? 12),
  );
}

import { z } from 'zod';
import { itemViewSchema } from '../items/items.schema';
import { leadViewSchema } from '../leads/leads.schema';
import { viewerOf } from '../server/auth';
import { languageQuery, readerLanguage } from '../server/language';
import { NotFound } from '../core/errors';
import { errorSchema, type RouteContext, type TypedApp } from '../server/routing';
import { sampleProfile } from './samples.queries';

const sampleProfileSchema = z.object({
  sample: z.string(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  items: z.number().int(),
  quantity: z.number().int(),
  incidents: z.array(
    z.object({
      ref: z.string(),
      date: z.string(),
      type: z.string(),
      country: z.string(),
      admin1: z.string().nullable(),
      place: z.string().nullable(),
      lat: z.number().nullable(),
      lon: z.number().nullable(),
      actor: z.string().nullable(),
      items: z.array(z.string()),
    }),
  ),
  regionsByYear: z.record(z.string(), z.array(z.string())),
  countries: z.array(z.string()),
  actors: z.array(z.string()),
  leads: z.array(leadViewSchema),
  records: z.array(itemViewSchema),
});

export async function sampleRoutes(app: TypedApp, { store }: RouteContext) {
  app.get(
    '/samples/:key',
    {
      schema: {
        tags: ['samples'],
        description:
          'Where and when a sample was documented, by whom, its items (the first 500 records) and the leads citing it.',
        params: z.object({ key: z.string().min(1).max(300) }),
        querystring: z.object({ lang: languageQuery }).strict(),
        response: { 200: sampleProfileSchema, 404: errorSchema },
      },
    },
    async (request) => {
      const profile = await sampleProfile(
        store.db,
        viewerOf(request),
        request.params.key,
        readerLanguage(request, request.query.lang),
      );
      if (!profile) throw new NotFound(`sample "${request.params.key}"`);
      return profile;
    },
  );
}

import { z } from 'zod';
import { itemViewSchema } from '../items/items.schema';
import { leadViewSchema } from '../leads/leads.schema';
import { viewerOf } from '../server/auth';
import { languageQuery, readerLanguage } from '../server/language';
import { NotFound } from '../core/errors';
import { errorSchema, type RouteContext, type TypedApp } from '../server/routing';
import { searchText } from '../search/terms';
import { sampleProfile, suggestSamples } from './samples.queries';

const sampleProfileSchema = z.object({
  sample: z.string(),
  label: z.string(),
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

const suggestionSchema = z.object({
  key: z.string(),
  label: z.string(),
  maker: z.string().nullable(),
  incidents: z.number().int(),
  items: z.number().int(),
});

export async function sampleRoutes(app: TypedApp, { store }: RouteContext) {
  app.get(
    '/samples/suggest',
    {
      schema: {
        tags: ['samples'],
        description:
          'The samples matching what a person types (`7.62x39 539 1975`, `Tula 1975`, `munitions Chine 2015`, or a sample key): calibre, producer in any spelling or by headstamp code, model, year, country of manufacture, serial or lot, accents and case forgiven. Among the items the caller may see, the most documented first, each with its label in the reader’s language.',
        querystring: z
          .object({
            q: searchText,
            limit: z.coerce.number().int().min(1).max(50).default(10),
            lang: languageQuery,
          })
          .strict(),
        response: { 200: z.array(suggestionSchema) },
      },
    },
    async (request) =>
      suggestSamples(
        store.db,
        viewerOf(request),
        request.query.q,
        readerLanguage(request, request.query.lang),
        request.query.limit,
      ),
  );

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

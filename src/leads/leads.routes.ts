import { z } from 'zod';
import { viewerOf } from '../server/auth';
import { readerLanguage } from '../server/language';
import { type RouteContext, type TypedApp } from '../server/routing';
import { countLeads, listLeads } from './leads.queries';
import { leadMaxPageSize, leadPageSize, leadQueryStringSchema, leadViewSchema } from './leads.schema';

export async function leadRoutes(app: TypedApp, { store }: RouteContext) {
  app.get(
    '/leads',
    {
      schema: {
        tags: ['leads'],
        description:
          'Leads, strongest first (`sort=date`: newest first), each with the incidents, items and ' +
          `samples it rests on. One page at a time: \`limit\` leads (${leadPageSize} unless given, at ` +
          `most ${leadMaxPageSize}) after \`offset\`; the \`X-Total-Count\` response header gives how ` +
          'many leads match the filters in all. Explanations are in `lang` (`en` or `fr`), else in the ' +
          'language of the `Accept-Language` header, else in English.',
        querystring: leadQueryStringSchema,
        response: { 200: z.array(leadViewSchema) },
      },
    },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const { lang, ...query } = request.query;
      const [leads, total] = await Promise.all([
        listLeads(store.db, viewer, query, readerLanguage(request, lang)),
        countLeads(store.db, viewer, query),
      ]);
      void reply.header('x-total-count', total);
      return leads;
    },
  );
}

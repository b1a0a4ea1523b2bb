import { viewerOf } from '../server/auth';
import { errorSchema, type RouteContext, type TypedApp } from '../server/routing';
import { recogniseItems } from './recognise.queries';
import { recogniseRequestSchema, recogniseResponseSchema } from './recognise.schema';

/** What the register recognises in materiel as typed: any signed-in role, nothing written. */
export async function recogniseRoutes(app: TypedApp, { store: { db } }: RouteContext) {
  app.post(
    '/reference/recognise',
    {
      schema: {
        tags: ['reference'],
        description:
          'Reads the headstamp in each item (markings, or a producer typed as a headstamp) and resolves its producer, model and calibre against the reference lists, as the register would on saving: recognised (name, country, code, year), ambiguous with its candidates, or not recognised. Nothing is written.',
        body: recogniseRequestSchema,
        response: { 200: recogniseResponseSchema, 400: errorSchema },
      },
      bodyLimit: 512 * 1024,
    },
    async (request) => {
      viewerOf(request);
      return recogniseItems(db, request.body);
    },
  );
}

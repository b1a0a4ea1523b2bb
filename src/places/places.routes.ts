import { z } from 'zod';
import { viewerOf } from '../server/auth';
import { errorSchema, type RouteContext, type TypedApp } from '../server/routing';
import { GEONAMES_ATTRIBUTION } from './geonames';
import { findPlaces, townsIn } from './places.queries';
import { placeQuerySchema, placeSchema, townQuerySchema, townSchema } from './places.schema';

export async function placeRoutes(app: TypedApp, { store: { db } }: RouteContext) {
  app.get(
    '/places',
    {
      schema: {
        tags: ['places'],
        description: `Places whose name (or another of their names) starts with \`q\`, accents and case forgiven: exact names first, then those of \`country\`, then the largest. From the offline gazetteer (${GEONAMES_ATTRIBUTION}): populated places of 500 inhabitants or more and seats of administrative divisions.`,
        querystring: placeQuerySchema,
        response: { 200: z.array(placeSchema), 400: errorSchema },
      },
    },
    async (request) => {
      viewerOf(request);
      return findPlaces(db, request.query);
    },
  );

  app.get(
    '/places/towns',
    {
      schema: {
        tags: ['places'],
        description:
          'The largest towns in a map view, as many as can be named at that zoom (large cities from zoom 4, regional towns from zoom 6, villages close up; none below zoom 4), for the names drawn on the maps.',
        querystring: townQuerySchema,
        response: { 200: z.array(townSchema), 400: errorSchema },
      },
    },
    async (request, reply) => {
      viewerOf(request);
      const { zoom, ...bounds } = request.query;
      const towns = await townsIn(bounds, zoom);
      // The same view asks again as the map is panned back and forth.
      void reply.header('cache-control', 'private, max-age=3600');
      return towns.map(({ name, country, lat, lon, population }) => ({
        name,
        country,
        lat,
        lon,
        population,
      }));
    },
  );
}

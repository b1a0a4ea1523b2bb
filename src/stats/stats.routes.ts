import { z } from 'zod';
import { viewerOf } from '../server/auth';
import type { RouteContext, TypedApp } from '../server/routing';
import { registerStats } from './stats.queries';
import { theatreStats } from './theatre.queries';

export async function statsRoutes(app: TypedApp, { store }: RouteContext) {
  app.get(
    '/stats',
    {
      schema: {
        tags: ['statistics'],
        description: 'Counts and theatre statistics over the incidents the caller may see.',
        response: {
          200: z.object({
            register: z.record(z.string(), z.unknown()),
            theatre: z.record(z.string(), z.unknown()),
          }),
        },
      },
    },
    async (request) => {
      const viewer = viewerOf(request);
      const [register, theatre] = [
        await registerStats(store.db, viewer),
        await theatreStats(store.db, viewer),
      ];
      return { register: { ...register }, theatre: { ...theatre } };
    },
  );
}

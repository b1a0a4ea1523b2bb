import { z } from 'zod';
import { viewerOf } from '../server/auth';
import { notFound } from '../server/errors';
import type { RouteContext, TypedApp } from '../server/routing';
import { sampleProfile } from './profile';

export async function sampleRoutes(app: TypedApp, { store }: RouteContext) {
  app.get(
    '/samples/:key',
    {
      schema: {
        tags: ['samples'],
        description: 'Where and when a sample was documented, by whom, and the leads citing it.',
        params: z.object({ key: z.string().min(1).max(300) }),
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async (request) => {
      const profile = await sampleProfile(store.db, viewerOf(request), request.params.key);
      if (!profile) throw notFound(`sample "${request.params.key}"`);
      return { ...profile };
    },
  );
}

import { z } from 'zod';
import { viewerOf } from '../server/auth';
import {
  errorSchema,
  okResponse,
  refParams,
  writeErrors,
  type RouteContext,
  type TypedApp,
} from '../server/routing';
import { listPartners, listReleases, releasesOf } from './releases.queries';
import { setRelease } from './releases.service';

export async function releaseRoutes(app: TypedApp, { store: { db } }: RouteContext) {
  app.get(
    '/incidents/:ref/releases',
    {
      schema: {
        tags: ['releases'],
        params: refParams,
        response: { 200: z.array(z.string()), ...writeErrors },
      },
    },
    async (request) => releasesOf(db, viewerOf(request), request.params.ref),
  );

  app.get(
    '/releases',
    {
      schema: {
        tags: ['releases'],
        description: 'Every release: which partner organisation sees which incident.',
        response: {
          200: z.array(
            z.object({
              incident: z.string(),
              partner: z.string(),
              releasedAt: z.string(),
              releasedBy: z.string().nullable(),
            }),
          ),
          403: errorSchema,
        },
      },
    },
    async (request) => listReleases(db, viewerOf(request)),
  );

  app.get(
    '/partners',
    {
      schema: {
        tags: ['releases'],
        description:
          'The partner organisations known to the mission: those with accounts, and those anything was released to.',
        response: { 200: z.array(z.string()), 403: errorSchema },
      },
    },
    async (request) => listPartners(db, viewerOf(request)),
  );

  for (const [method, released] of [
    ['put', true],
    ['delete', false],
  ] as const) {
    app[method](
      '/incidents/:ref/releases/:partner',
      {
        schema: {
          tags: ['releases'],
          description: released
            ? 'Releases the incident and its items to a partner organisation.'
            : 'Withdraws a release.',
          params: refParams.extend({ partner: z.string().trim().min(1).max(200) }),
          response: { ...okResponse, ...writeErrors },
        },
      },
      async (request) => {
        await setRelease(db, viewerOf(request), request.params.ref, request.params.partner, released);
        return { ok: true as const };
      },
    );
  }
}

import { z } from 'zod';
import { SESSION_COOKIE, setSessionCookie, viewerOf } from '../server/auth';
import { HttpError } from '../server/errors';
import type { RouteContext, TypedApp } from '../server/routing';
import { authenticate, closeSession, createApiToken, openSession } from './sessions.repository';
import { accountSchema } from './users.schema';

export async function authRoutes(app: TypedApp, { store, secureCookies }: RouteContext) {
  const { db } = store;

  app.post(
    '/auth/login',
    {
      // Slows password guessing: ten attempts a minute at one account from one address.
      config: {
        rateLimit: {
          max: 10,
          timeWindow: '1 minute',
          hook: 'preHandler',
          keyGenerator: (request) =>
            `${request.ip} ${String((request.body as { username?: unknown } | undefined)?.username)}`,
        },
      },
      schema: {
        tags: ['auth'],
        body: z
          .object({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) })
          .strict(),
        response: { 200: accountSchema },
      },
    },
    async (request, reply) => {
      const viewer = await authenticate(db, request.body.username, request.body.password);
      if (!viewer) throw new HttpError(401, 'unknown user or wrong password');
      const session = await openSession(db, viewer);
      setSessionCookie(reply, session.token, session.expiresAt, secureCookies);
      return { username: viewer.username, role: viewer.role, partner: viewer.partner };
    },
  );

  app.post('/auth/logout', { schema: { tags: ['auth'] } }, async (request, reply) => {
    const cookie = request.cookies[SESSION_COOKIE];
    const unsigned = cookie ? request.unsignCookie(cookie) : undefined;
    if (unsigned?.valid && unsigned.value) await closeSession(db, unsigned.value);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/auth/me', { schema: { tags: ['auth'], response: { 200: accountSchema } } }, async (request) => {
    const viewer = viewerOf(request);
    return { username: viewer.username, role: viewer.role, partner: viewer.partner };
  });

  app.post(
    '/auth/tokens',
    {
      schema: {
        tags: ['auth'],
        description: 'An API token for scripts, shown once: send it as `Authorization: Bearer <token>`.',
        body: z.object({ name: z.string().trim().min(1).max(100) }).strict(),
        response: { 200: z.object({ token: z.string() }) },
      },
    },
    async (request) => ({ token: await createApiToken(db, viewerOf(request), request.body.name) }),
  );
}

import { z } from 'zod';
import { SESSION_COOKIE, setSessionCookie, viewerOf } from '../server/auth';
import { HttpError } from '../server/errors';
import { errorSchema, type RouteContext, type TypedApp } from '../server/routing';
import { authenticate, closeSession, openSession } from './sessions.repository';
import { TOKEN_DAYS } from './token-lifetime';
import { createApiToken, listApiTokens, revokeApiToken } from './tokens.service';
import { accountSchema, apiTokenSchema } from './users.schema';

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
        description: `An API token for scripts, shown once: send it as \`Authorization: Bearer <token>\`. It expires after \`days\` (${TOKEN_DAYS.default} unless given, at most ${TOKEN_DAYS.max}); partners may not hold one.`,
        body: z
          .object({
            name: z.string().trim().min(1).max(100),
            days: z.number().int().min(1).max(TOKEN_DAYS.max).optional(),
          })
          .strict(),
        response: { 200: apiTokenSchema.extend({ token: z.string() }), 403: errorSchema },
      },
    },
    async (request) => {
      const viewer = viewerOf(request);
      const { token, view } = await createApiToken(db, viewer, request.body, viewer.username);
      return { ...view, token };
    },
  );

  app.get(
    '/auth/tokens',
    {
      schema: {
        tags: ['auth'],
        description:
          'Your API tokens (never their secret), revoked and expired ones included; `all=true` lists every account’s, for administrators.',
        querystring: z.object({ all: z.enum(['true', 'false']).optional() }).strict(),
        response: { 200: z.array(apiTokenSchema), 403: errorSchema },
      },
    },
    async (request) => listApiTokens(db, viewerOf(request), { all: request.query.all === 'true' }),
  );

  app.delete(
    '/auth/tokens/:id',
    {
      schema: {
        tags: ['auth'],
        description: 'Revokes an API token at once: yours, or any for an administrator. Audited.',
        params: z.object({
          id: z.coerce
            .number()
            .int()
            .positive()
            .max(2 ** 31 - 1),
        }),
        response: { 200: apiTokenSchema, 404: errorSchema },
      },
    },
    async (request) => revokeApiToken(db, viewerOf(request), request.params.id),
  );
}

import { z } from 'zod';
import { may, requireThat } from '../access/policy';
import { viewerOf } from '../server/auth';
import { errorSchema, okResponse, type RouteContext, type TypedApp } from '../server/routing';
import { listUsers } from './users.queries';
import { newUserSchema, userEntrySchema } from './users.schema';
import { createUser, setUserDisabled } from './users.service';

export async function userRoutes(app: TypedApp, { store: { db } }: RouteContext) {
  app.post(
    '/users',
    {
      schema: { tags: ['users'], body: newUserSchema, response: { 201: z.object({ username: z.string() }) } },
    },
    async (request, reply) => {
      const viewer = viewerOf(request);
      requireThat(may.manageUsers(viewer), 'manage users');
      const user = await createUser(db, request.body, viewer.username);
      return reply.code(201).send({ username: user.username });
    },
  );

  app.get(
    '/users',
    { schema: { tags: ['users'], response: { 200: z.array(userEntrySchema) } } },
    async (request) => listUsers(db, viewerOf(request)),
  );

  app.patch(
    '/users/:username',
    {
      schema: {
        tags: ['users'],
        description:
          'Disables an account (its sessions end and its API tokens stop at once) or enables it again. Administrators only; audited.',
        params: z.object({ username: z.string().min(1).max(64) }),
        body: z.object({ disabled: z.boolean() }).strict(),
        response: { ...okResponse, 403: errorSchema, 404: errorSchema },
      },
    },
    async (request) => {
      const viewer = viewerOf(request);
      requireThat(may.manageUsers(viewer), 'manage users');
      await setUserDisabled(db, request.params.username, request.body.disabled, viewer.username);
      return { ok: true as const };
    },
  );
}

import { z } from 'zod';
import { may, requireThat } from '../access/policy';
import { viewerOf } from '../server/auth';
import { errorSchema, okResponse, type RouteContext, type TypedApp } from '../server/routing';
import { listUsers } from './users.queries';
import { newUserSchema, userChangesSchema, userEntrySchema } from './users.schema';
import { changeUser, createUser } from './users.service';

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
          'Disables an account (its sessions end and its API tokens stop at once) or enables it again, or changes its role or partner organisation (its sessions end: it signs in again as what it now is). An administrator may not disable or demote themselves, and the last active administrator stays one: 409 with `details.code` (`user.self_disable`, `user.self_demote`, `user.last_administrator`). Administrators only; audited.',
        params: z.object({ username: z.string().min(1).max(64) }),
        body: userChangesSchema,
        response: { ...okResponse, 400: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema },
      },
    },
    async (request) => {
      const viewer = viewerOf(request);
      requireThat(may.manageUsers(viewer), 'manage users');
      await changeUser(db, request.params.username, request.body, viewer);
      return { ok: true as const };
    },
  );
}

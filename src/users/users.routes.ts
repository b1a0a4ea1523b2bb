import { z } from 'zod';
import { may, requireThat } from '../access/policy';
import { viewerOf } from '../server/auth';
import type { RouteContext, TypedApp } from '../server/routing';
import { listUsers } from './users.queries';
import { newUserSchema, userEntrySchema } from './users.schema';
import { createUser } from './users.service';

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
}

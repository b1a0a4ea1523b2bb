import { z } from 'zod';
import { may, requireThat } from '../access/policy';
import { viewerOf } from '../server/auth';
import { NotFound } from '../core/errors';
import type { RouteContext, TypedApp } from '../server/routing';

export async function auditRoutes(app: TypedApp, { store }: RouteContext) {
  app.get(
    '/history/incident/:ref',
    {
      schema: {
        tags: ['audit'],
        description: 'Every change to an incident and its items: who, when, before and after.',
        params: z.object({ ref: z.string().min(1).max(200) }),
        response: {
          200: z.array(
            z.object({
              at: z.string(),
              actor: z.string(),
              action: z.string(),
              entity: z.string(),
              key: z.string(),
              before: z.unknown(),
              after: z.unknown(),
            }),
          ),
        },
      },
    },
    async (request) => {
      const viewer = viewerOf(request);
      requireThat(may.readAudit(viewer), 'read the audit log');
      // Deleted incidents keep their history: readers of the audit log see every incident.
      const incident = await store.db
        .selectFrom('incidents')
        .select('id')
        .where('ref', '=', request.params.ref)
        .executeTakeFirst();
      if (!incident) throw new NotFound(`incident "${request.params.ref}"`);
      const itemRefs = await store.db
        .selectFrom('items')
        .select('ref')
        .where('incident_id', '=', incident.id)
        .execute();
      const rows = await store.db
        .selectFrom('audit_log')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb.and([eb('entity', '=', 'incident'), eb('entity_key', '=', request.params.ref)]),
            ...(itemRefs.length > 0
              ? [
                  eb.and([
                    eb('entity', '=', 'item'),
                    eb(
                      'entity_key',
                      'in',
                      itemRefs.map((r) => r.ref),
                    ),
                  ]),
                ]
              : []),
          ]),
        )
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        at: new Date(r.at).toISOString(),
        actor: r.actor,
        action: r.action,
        entity: r.entity,
        key: r.entity_key,
        before: r.before,
        after: r.after,
      }));
    },
  );
}

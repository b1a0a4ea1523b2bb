import { may, requireThat, type Viewer } from '../access/policy';
import { audited } from '../audit/audit';
import { retryOnUniqueViolation } from '../db/errors';
import type { Db } from '../db/store';
import { findVisible } from '../incidents/incidents.queries';

/** Releases an incident and its items to a partner organisation, or withdraws the release. */
export async function setRelease(db: Db, viewer: Viewer, ref: string, partner: string, released: boolean) {
  requireThat(may.release(viewer), 'release records to partners');
  const incident = await findVisible(db, viewer, ref);
  // The same release set twice at once: the second insert is refused by the key, and its retry
  // finds the release made, so both answer as done. A PUT is idempotent.
  await retryOnUniqueViolation(() =>
    audited(db, viewer.username, async (trx, audit) => {
      const existing = await trx
        .selectFrom('releases')
        .select('partner')
        .where('incident_id', '=', incident.id)
        .where('partner', '=', partner)
        .executeTakeFirst();
      if (Boolean(existing) === released) return;
      if (released) {
        await trx
          .insertInto('releases')
          .values({ incident_id: incident.id, partner, released_by: viewer.userId })
          .execute();
      } else {
        await trx
          .deleteFrom('releases')
          .where('incident_id', '=', incident.id)
          .where('partner', '=', partner)
          .execute();
      }
      audit.record(
        'release',
        `${ref} → ${partner}`,
        released ? 'create' : 'delete',
        released ? null : { partner },
        released ? { partner } : null,
      );
    }),
  );
}

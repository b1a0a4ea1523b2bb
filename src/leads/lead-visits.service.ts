import { may, requireThat, type Viewer } from '../access/policy';
import type { Db } from '../db/store';
import { Invalid } from '../core/errors';
import type { LeadVisit } from './leads.schema';

/**
 * Records that the viewer opened the findings inbox now, and answers when they last did, so the
 * inbox can mark what was found since.
 *
 * Not audited: the audit log is the register's history (what was recorded, decided, released,
 * by whom), hash-chained and kept for good. A visit changes none of it; it is a bookmark of the
 * reader's own, like a session, and one entry per opened page would bury the entries that matter.
 */
export async function recordLeadVisit(db: Db, viewer: Viewer): Promise<LeadVisit> {
  requireThat(may.readLeads(viewer), 'read leads');
  const userId = viewer.userId;
  if (userId === null) throw new Invalid('only a signed-in user has an inbox to visit');
  return db.transaction().execute(async (trx) => {
    // Locked so that visits at once (two tabs) are taken in turn, each answering the one before.
    const previous = await trx
      .selectFrom('lead_inbox_visits')
      .select('visited_at')
      .where('user_id', '=', userId)
      .forUpdate()
      .executeTakeFirst();
    const visitedAt = new Date();
    await trx
      .insertInto('lead_inbox_visits')
      .values({ user_id: userId, visited_at: visitedAt })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ visited_at: visitedAt }))
      .execute();
    return {
      visitedAt: visitedAt.toISOString(),
      previous: previous ? new Date(previous.visited_at).toISOString() : null,
    };
  });
}

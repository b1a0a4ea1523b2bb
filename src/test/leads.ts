import type { Db } from '../db/store';
import { refreshLeads } from '../leads/engine';

class Rollback extends Error {}

/**
 * The findings as stored, and as a full recomputation gives them (rolled back, the store is left
 * as it was): after any refresh, incremental or not, the two must agree.
 */
export async function storedAndRecomputedLeads(db: Db) {
  const leadsOf = async (query: Db) =>
    (await query.selectFrom('leads').selectAll().execute())
      .map(({ id: _id, ...lead }) => lead)
      .sort((a, b) => (`${a.kind} ${a.subject}` < `${b.kind} ${b.subject}` ? -1 : 1));
  const stored = await leadsOf(db);
  let recomputed: typeof stored = [];
  await db
    .transaction()
    .execute(async (trx) => {
      await refreshLeads(trx, { full: true });
      recomputed = await leadsOf(trx);
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return { stored, recomputed };
}

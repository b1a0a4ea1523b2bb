import { may, requireThat, visibleIncidents, type Viewer } from '../access/policy';
import type { Db } from '../db/store';
import { NotFound } from '../core/errors';

export async function releasesOf(db: Db, viewer: Viewer, ref: string): Promise<string[]> {
  requireThat(may.release(viewer), 'see releases');
  const incident = await visibleIncidents(db, viewer)
    .select('incidents.id')
    .where('incidents.ref', '=', ref)
    .executeTakeFirst();
  if (!incident) throw new NotFound(`incident "${ref}"`);
  const rows = await db
    .selectFrom('releases')
    .select('partner')
    .where('incident_id', '=', incident.id)
    .orderBy('partner')
    .execute();
  return rows.map((r) => r.partner);
}

/** Every release of the incidents the viewer sees: which partner sees which incident, since when, by whom. */
export async function listReleases(db: Db, viewer: Viewer) {
  requireThat(may.release(viewer), 'see releases');
  const rows = await visibleIncidents(db, viewer)
    .innerJoin('releases', 'releases.incident_id', 'incidents.id')
    .leftJoin('users', 'users.id', 'releases.released_by')
    .select(['incidents.ref', 'releases.partner', 'releases.released_at', 'users.username'])
    .orderBy('releases.partner')
    .orderBy('incidents.ref')
    .execute();
  return rows.map((r) => ({
    incident: r.ref,
    partner: r.partner,
    releasedAt: new Date(r.released_at).toISOString(),
    releasedBy: r.username,
  }));
}

/**
 * The partner organisations the mission knows: those with accounts, and those incidents or case
 * files were released to. What the release forms offer, so a release goes to the name the
 * partner's accounts carry rather than to a near miss that no one reads.
 */
export async function listPartners(db: Db, viewer: Viewer): Promise<string[]> {
  requireThat(may.release(viewer), 'see releases');
  const rows = await db
    .selectFrom('users')
    .select('partner')
    .where('partner', 'is not', null)
    .union(db.selectFrom('releases').select('partner'))
    .union(db.selectFrom('case_file_releases').select('partner'))
    .execute();
  return rows.flatMap((r) => (r.partner ? [r.partner] : [])).sort((a, b) => a.localeCompare(b));
}

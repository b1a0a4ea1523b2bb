import { may, type Viewer } from '../access/policy';
import type { Db } from '../db/store';

/**
 * The baselines, by country, as the API serves them to every signed-in role; where each came
 * from (a force's own inventory, the person who handed it over) only to those who may see sources.
 */
export async function listBaselines(db: Db, viewer: Viewer) {
  const rows = await db
    .selectFrom('baselines')
    .select([
      'holder',
      'country',
      'category',
      'model',
      'calibre',
      'manufacturer',
      'year',
      'lot',
      'source',
      'sample_key as sample',
    ])
    .orderBy('country')
    .orderBy('natural_key')
    .execute();
  return may.seeSources(viewer) ? rows : rows.map((r) => ({ ...r, source: '' }));
}

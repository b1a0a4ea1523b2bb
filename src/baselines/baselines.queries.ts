import type { Db } from '../db/store';

/** The baselines, by country, as the API serves them to every signed-in role. */
export async function listBaselines(db: Db) {
  return db
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
}

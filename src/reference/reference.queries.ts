import { may, type Viewer } from '../access/policy';
import type { Db } from '../db/store';

// The reference lists every signed-in role reads: field teams pick calibres and producers from them.

export async function listCalibres(db: Db) {
  return db.selectFrom('calibres').select(['key', 'label', 'kind', 'aliases']).orderBy('key').execute();
}

/** The producers; the source of each entry only for those who may see sources, as everywhere. */
export async function listManufacturers(db: Db, viewer: Viewer) {
  const rows = await db
    .selectFrom('manufacturers')
    .select([
      'key',
      'name',
      'country',
      'headstamp_codes as headstampCodes',
      'aliases',
      'makes',
      'confidence',
      'source',
    ])
    .orderBy('key')
    .execute();
  return may.seeSources(viewer) ? rows : rows.map((r) => ({ ...r, source: '' }));
}

export async function listModels(db: Db) {
  return db
    .selectFrom('models')
    .select(['key', 'label', 'category', 'type', 'calibre', 'aliases'])
    .orderBy('key')
    .execute();
}

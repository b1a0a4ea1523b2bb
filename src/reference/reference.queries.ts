import type { Db } from '../db/store';

// The reference lists every signed-in role reads: field teams pick calibres and producers from them.

export async function listCalibres(db: Db) {
  return db.selectFrom('calibres').select(['key', 'label', 'kind', 'aliases']).orderBy('key').execute();
}

export async function listManufacturers(db: Db) {
  return db
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
}

export async function listModels(db: Db) {
  return db
    .selectFrom('models')
    .select(['key', 'label', 'category', 'type', 'calibre', 'aliases'])
    .orderBy('key')
    .execute();
}

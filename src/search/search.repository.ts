import type { Db, Tx } from '../db/store';
import type { SearchReference } from './terms';

/**
 * The reference lists' names, aliases and headstamp codes a search resolves words with. Small
 * (a few hundred rows) and read per search, so an entry added to the lists is found at once.
 */
export async function loadSearchReference(db: Db | Tx): Promise<SearchReference> {
  const [manufacturers, models, calibres] = await Promise.all([
    db.selectFrom('manufacturers').select(['key', 'name', 'aliases', 'headstamp_codes']).execute(),
    db.selectFrom('models').select(['key', 'label', 'aliases']).execute(),
    db.selectFrom('calibres').select(['key', 'label', 'aliases']).execute(),
  ]);
  return {
    manufacturers: manufacturers.map((m) => ({
      key: m.key,
      name: m.name,
      aliases: m.aliases,
      codes: m.headstamp_codes,
    })),
    models,
    calibres,
  };
}

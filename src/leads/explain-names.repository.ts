import type { Db, Tx } from '../db/store';
import { fromLists } from '../db/list-cache';
import type { ExplainNames } from './explain';

/**
 * The reference lists' names a finding's explanation needs, read again only when a list changed
 * (so a reference import shows at once): every page of findings and every incident's page names them.
 */
export function loadExplainNames(db: Db | Tx): Promise<ExplainNames> {
  return fromLists(db, 'explain-names', () => readExplainNames(db));
}

async function readExplainNames(db: Db | Tx): Promise<ExplainNames> {
  const [manufacturers, calibres, models] = await Promise.all([
    db.selectFrom('manufacturers').select(['key', 'name', 'country']).execute(),
    db.selectFrom('calibres').select(['key', 'label']).execute(),
    db.selectFrom('models').select(['key', 'label']).execute(),
  ]);
  return {
    manufacturers: new Map(manufacturers.map((m) => [m.key, { name: m.name, country: m.country }])),
    calibres: new Map(calibres.map((c) => [c.key, c.label])),
    models: new Map(models.map((m) => [m.key, m.label])),
  };
}

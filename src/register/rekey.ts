import type { Tx } from '../db/store';
import type { ChangeLog } from '../records/changes';
import type { MaterielIdentity } from '../records/identity';
import type { Normaliser } from '../reference/normalise';
import { identify, type MaterielText } from '../samples/sample';

const IDENTITY_COLUMNS = [
  'model_key',
  'calibre_key',
  'manufacturer_key',
  'origin_country',
  'sample_key',
  'sample_lot_key',
] as const;
type ItemKeys = Pick<MaterielIdentity, (typeof IDENTITY_COLUMNS)[number]>;
const BASELINE_COLUMNS = ['model_key', 'calibre_key', 'manufacturer_key', 'sample_key'] as const;
type BaselineKeys = Pick<MaterielIdentity, (typeof BASELINE_COLUMNS)[number]>;

const PAGE = 5000;

export interface RekeyReport {
  items: number;
  baselines: number;
}

function pick<T, K extends keyof T>(row: T, columns: readonly K[]): Pick<T, K> {
  return Object.fromEntries(columns.map((c) => [c, row[c]])) as Pick<T, K>;
}

const same = <T extends object>(a: T, b: T, columns: readonly (keyof T)[]) =>
  columns.every((c) => a[c] === b[c]);

/**
 * Keys the stored items and baseline rows again with the reference lists as they are now (after
 * an analyst mapped a value, or a new version of the lists). Only the derived keys change, never
 * what was written; each change is logged, and the leads triggers mark the touched samples so the
 * next refresh moves the findings with them.
 */
export async function rekeyRegister(trx: Tx, normaliser: Normaliser, log: ChangeLog): Promise<RekeyReport> {
  let items = 0;
  for (let after = 0; ;) {
    const rows = await trx
      .selectFrom('items')
      .select(['id', 'ref', 'category', 'type', 'model', 'calibre', 'manufacturer'])
      .select(['country_of_manufacture', 'year', 'lot', ...IDENTITY_COLUMNS])
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    const changed = new Map<string, { keys: ItemKeys; ids: number[] }>();
    for (const row of rows) {
      const keys = pick(identify(row satisfies MaterielText, normaliser).identity, IDENTITY_COLUMNS);
      if (same(row, keys, IDENTITY_COLUMNS)) continue;
      log.record('item_identity', row.ref, 'update', pick(row, IDENTITY_COLUMNS), keys);
      // Items that key alike move together: one statement per new identity, not per item.
      const group = JSON.stringify(keys);
      const entry = changed.get(group) ?? { keys, ids: [] };
      entry.ids.push(row.id);
      changed.set(group, entry);
      items++;
    }
    for (const { keys, ids } of changed.values())
      await trx.updateTable('items').set(keys).where('id', 'in', ids).execute();
  }

  let baselines = 0;
  const baselineRows = await trx
    .selectFrom('baselines')
    .select(['id', 'natural_key', 'category', 'model', 'calibre', 'manufacturer'])
    .select(['country_of_manufacture', 'year', 'lot', ...BASELINE_COLUMNS])
    .orderBy('id')
    .execute();
  for (const row of baselineRows) {
    const keys: BaselineKeys = pick(identify(row, normaliser).identity, BASELINE_COLUMNS);
    if (same(row, keys, BASELINE_COLUMNS)) continue;
    log.record('baseline_identity', row.natural_key, 'update', pick(row, BASELINE_COLUMNS), keys);
    await trx.updateTable('baselines').set(keys).where('id', '=', row.id).execute();
    baselines++;
  }
  return { items, baselines };
}

import type { Db, Tx } from '../db/store';
import type { ChangeLog } from '../records/changes';
import type { MaterielIdentity } from '../records/identity';
import { diffByKey, type Diff } from '../records/diff';
import { materielOf } from '../records/materiel';
import { baselineKey, type BaselineRecord } from './baseline.record';

export async function loadBaselineRecords(db: Db | Tx): Promise<Map<string, BaselineRecord>> {
  const rows = await db
    .selectFrom('baselines')
    .selectAll()
    .orderBy('country')
    .orderBy('holder')
    .orderBy('natural_key')
    .execute();
  return new Map(
    rows.map((row) => [
      row.natural_key,
      {
        holder: row.holder,
        country: row.country,
        category: row.category,
        ...materielOf(row),
        source: row.source,
      },
    ]),
  );
}

export async function writeBaselines(
  trx: Tx,
  incoming: BaselineRecord[],
  identityOf: (record: BaselineRecord) => MaterielIdentity,
  audit: ChangeLog,
): Promise<Diff<BaselineRecord>> {
  const diff = diffByKey(incoming, await loadBaselineRecords(trx), baselineKey);
  const columns = (r: BaselineRecord) => {
    const identity = identityOf(r);
    return {
      ...r,
      natural_key: baselineKey(r),
      model_key: identity.model_key,
      calibre_key: identity.calibre_key,
      manufacturer_key: identity.manufacturer_key,
      sample_key: identity.sample_key,
    };
  };
  for (const record of diff.creates) {
    await trx.insertInto('baselines').values(columns(record)).execute();
    audit.record('baseline', baselineKey(record), 'create', null, record);
  }
  for (const { before, after } of diff.updates) {
    await trx
      .updateTable('baselines')
      .set(columns(after))
      .where('natural_key', '=', baselineKey(after))
      .execute();
    audit.record('baseline', baselineKey(after), 'update', before, after);
  }
  return diff;
}

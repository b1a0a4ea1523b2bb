import type { Db, Tx } from '../db/store';
import type { ChangeLog } from '../records/changes';
import { foldKey } from '../core/text';
import { diffByKey, type Diff } from '../records/diff';
import type { EmbargoRecord } from './embargo.record';

export async function loadEmbargoRecords(db: Db | Tx): Promise<Map<string, EmbargoRecord>> {
  const rows = await db.selectFrom('embargoes').selectAll().orderBy('regime_key').execute();
  const listed = await db
    .selectFrom('embargo_actors')
    .innerJoin('actors', 'actors.id', 'embargo_actors.actor_id')
    .select(['embargo_actors.embargo_id', 'actors.name'])
    .orderBy('embargo_actors.position')
    .execute();
  return new Map(
    rows.map((row) => [
      row.regime_key,
      {
        regime: row.regime,
        scope: row.scope,
        country: row.country,
        actors: listed.filter((l) => l.embargo_id === row.id).map((l) => l.name),
        start: row.start_date,
        end: row.end_date,
      },
    ]),
  );
}

export async function writeEmbargoes(
  trx: Tx,
  incoming: EmbargoRecord[],
  actorIds: (name: string) => number | null,
  audit: ChangeLog,
): Promise<Diff<EmbargoRecord>> {
  const diff = diffByKey(incoming, await loadEmbargoRecords(trx), (r) => foldKey(r.regime));
  const changed = [...diff.creates, ...diff.updates.map((u) => u.after)];
  for (const record of changed) {
    const values = {
      regime: record.regime,
      regime_key: foldKey(record.regime),
      scope: record.scope,
      country: record.country,
      start_date: record.start,
      end_date: record.end,
    };
    const { id } = await trx
      .insertInto('embargoes')
      .values(values)
      .onConflict((oc) => oc.column('regime_key').doUpdateSet(values))
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.deleteFrom('embargo_actors').where('embargo_id', '=', id).execute();
    const actors = record.actors.map((name, position) => ({
      embargo_id: id,
      actor_id: actorIds(name),
      position,
    }));
    const listed = actors.filter(
      (a): a is { embargo_id: number; actor_id: number; position: number } => a.actor_id !== null,
    );
    if (listed.length > 0) await trx.insertInto('embargo_actors').values(listed).execute();
  }
  for (const record of diff.creates) audit.record('embargo', record.regime, 'create', null, record);
  for (const { before, after } of diff.updates)
    audit.record('embargo', after.regime, 'update', before, after);
  return diff;
}

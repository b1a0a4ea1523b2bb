import {
  InsertQueryNode,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemViewer } from '../access/policy';
import type { Store } from '../db/store';
import { countRows, incidentRow, itemRow } from '../test/fixtures';
import { testStore } from '../test/store';
import { createIncidentWithItems } from './register.service';

/** Refuses the first insert into `items`, as a database that drops the connection mid-write would. */
class FailFirstItemsInsert implements KyselyPlugin {
  refused = 0;
  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    if (this.refused === 0 && InsertQueryNode.is(node) && node.into?.table.identifier.name === 'items') {
      this.refused += 1;
      throw new Error('connection lost');
    }
    return node;
  }
  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  }
}

// What the checks before the write cannot foresee (the database refusing a row, a lost
// connection) must undo the incident already written in the same transaction.
describe('an incident and its items written as one', () => {
  let store: Store;
  beforeAll(async () => {
    store = await testStore();
  });
  afterAll(() => store.close());

  it('rolls back the incident when writing its items fails after the incident was written', async () => {
    const before = await countRows(store.db);
    const failing = new FailFirstItemsInsert();
    const ref = '240320 IED find, Gao';
    const save = (db: Store['db']) =>
      createIncidentWithItems(db, systemViewer, incidentRow({ ref }), [
        itemRow({ ref: 'ROLLED-1', incident_ref: '' }),
      ]);
    await expect(save(store.db.withPlugin(failing))).rejects.toThrow('connection lost');
    expect(failing.refused).toBe(1);
    expect(await countRows(store.db)).toEqual(before);
    expect(
      await store.db.selectFrom('incidents').select('id').where('ref', '=', ref).executeTakeFirst(),
    ).toBeUndefined();

    // The same, once the database answers again, is written whole.
    await save(store.db);
    const after = await countRows(store.db);
    expect([after.incidents, after.items]).toEqual([before.incidents + 1, before.items + 1]);
  });
});

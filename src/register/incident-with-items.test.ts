import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemViewer } from '../access/policy';
import type { Store } from '../db/store';
import * as itemsRepository from '../items/items.repository';
import { defaultLeadSettings } from '../leads/settings';
import { countRows, incidentRow, itemRow } from '../test/fixtures';
import { testStore } from '../test/store';
import { createIncidentWithItems } from './register.service';

// What the checks before the write cannot foresee (the database refusing a row, a lost
// connection) must undo the incident already written in the same transaction.
vi.mock('../items/items.repository', async (original) => {
  const actual = await original<typeof itemsRepository>();
  return { ...actual, writeItems: vi.fn(actual.writeItems) };
});

describe('an incident and its items written as one', () => {
  let store: Store;
  beforeAll(async () => {
    store = await testStore();
  });
  afterAll(() => store.close());

  it('rolls back the incident when writing its items fails after the incident was written', async () => {
    const before = await countRows(store.db);
    vi.mocked(itemsRepository.writeItems).mockRejectedValueOnce(new Error('connection lost'));
    const ref = '240320 IED find, Gao';
    await expect(
      createIncidentWithItems(
        store.db,
        systemViewer,
        incidentRow({ ref }),
        [itemRow({ ref: 'ROLLED-1', incident_ref: '' })],
        defaultLeadSettings,
      ),
    ).rejects.toThrow('connection lost');
    expect(vi.mocked(itemsRepository.writeItems)).toHaveBeenCalledTimes(1);
    expect(await countRows(store.db)).toEqual(before);
    expect(
      await store.db.selectFrom('incidents').select('id').where('ref', '=', ref).executeTakeFirst(),
    ).toBeUndefined();

    // The same, once the database answers again, is written whole.
    await createIncidentWithItems(
      store.db,
      systemViewer,
      incidentRow({ ref }),
      [itemRow({ ref: 'ROLLED-1', incident_ref: '' })],
      defaultLeadSettings,
    );
    const after = await countRows(store.db);
    expect([after.incidents, after.items]).toEqual([before.incidents + 1, before.items + 1]);
  });
});

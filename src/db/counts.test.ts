import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditExport } from '../audit/audit';
import { testStore } from '../test/store';
import { countOnce, KeptWhileUnchanged } from './counts';
import type { Store } from './store';

describe('counting a selection once per state of the store', () => {
  let store: Store;
  beforeAll(async () => {
    store = await testStore();
  });
  afterAll(() => store.close());

  /** A count that says how many times it ran. */
  const counter = (value: () => number) => {
    const counted = { runs: 0, count: () => Promise.resolve((counted.runs++, value())) };
    return counted;
  };

  it('counts once while nothing changes, again after any audited write or change to the findings', async () => {
    let n = 7;
    const c = counter(() => n);
    expect(await countOnce(store.db, 'incidents|all|{}', c.count)).toBe(7);
    n = 8;
    expect(await countOnce(store.db, 'incidents|all|{}', c.count)).toBe(7);
    expect(c.runs).toBe(1);

    await auditExport(store.db, 'test', { what: 'anything the audit log records' });
    expect(await countOnce(store.db, 'incidents|all|{}', c.count)).toBe(8);
    expect(c.runs).toBe(2);

    n = 9;
    await store.db.insertInto('leads_pending').values({ everything: true }).execute();
    expect(await countOnce(store.db, 'incidents|all|{}', c.count)).toBe(9);
    await store.db.deleteFrom('leads_pending').execute();
    n = 10;
    expect(await countOnce(store.db, 'incidents|all|{}', c.count)).toBe(10);
    expect(c.runs).toBe(4);
  });

  it('keeps each selection apart, and counts every time inside a transaction', async () => {
    const a = counter(() => 1);
    const b = counter(() => 2);
    expect(await countOnce(store.db, 'incidents|all|{"type":"seizure"}', a.count)).toBe(1);
    expect(await countOnce(store.db, 'incidents|reviewer|{"type":"seizure"}', b.count)).toBe(2);
    expect(await countOnce(store.db, 'incidents|all|{"type":"seizure"}', a.count)).toBe(1);
    await store.db.transaction().execute(async (trx) => {
      expect(await countOnce(trx, 'incidents|all|{"type":"seizure"}', a.count)).toBe(1);
      expect(await countOnce(trx, 'incidents|all|{"type":"seizure"}', a.count)).toBe(1);
    });
    expect([a.runs, b.runs]).toEqual([3, 1]);
  });

  it('keeps at most its size of selections, dropping the one set longest ago', async () => {
    const kept = new KeptWhileUnchanged<string>(2);
    const runs: string[] = [];
    const value = (name: string) => () => Promise.resolve((runs.push(name), `page ${name}`));
    expect(await kept.get(store.db, 'a', value('a'))).toBe('page a');
    await kept.get(store.db, 'b', value('b'));
    await kept.get(store.db, 'a', value('a'));
    await kept.get(store.db, 'c', value('c'));
    expect(await kept.get(store.db, 'b', value('b'))).toBe('page b');
    expect(await kept.get(store.db, 'a', value('a'))).toBe('page a');
    expect(runs).toEqual(['a', 'b', 'c', 'a']);
  });
});

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../db/store';
import { testStore } from '../test/store';
import { manufacturers } from './data/manufacturers';
import { manufacturerRow, syncBuiltinReference } from './reference.repository';

describe('the reference lists shipped with Headstamp, written at every opening of the store', () => {
  let store: Store;
  const maker = manufacturers[0]!;
  const version = async () =>
    (await sql<{ version: number }>`select version from list_versions`.execute(store.db)).rows[0]!.version;
  const nameHeld = async () =>
    (
      await store.db
        .selectFrom('manufacturers')
        .select('name')
        .where('key', '=', maker.key)
        .executeTakeFirstOrThrow()
    ).name;

  beforeAll(async () => {
    store = await testStore();
  });
  afterAll(() => store.close());

  it('writes nothing when the store already holds them: the lists keep their version', async () => {
    const before = await version();
    await syncBuiltinReference(store.db);
    await syncBuiltinReference(store.db);
    expect(await version()).toBe(before);
  });

  it('writes back a shipped entry that differs, and raises the lists’ version once', async () => {
    await store.db
      .updateTable('manufacturers')
      .set({ name: 'A name changed by hand' })
      .where('key', '=', maker.key)
      .execute();
    const changed = await version();
    await syncBuiltinReference(store.db);
    expect(await nameHeld()).toBe(maker.name);
    expect(await version()).toBeGreaterThan(changed);
    const written = await version();
    await syncBuiltinReference(store.db);
    expect(await version()).toBe(written);
  });

  it('puts back a shipped entry that is missing, and keeps the entries users added', async () => {
    await store.db.deleteFrom('manufacturers').where('key', '=', maker.key).execute();
    await store.db
      .insertInto('manufacturers')
      .values(manufacturerRow({ ...maker, key: 'zz-added-by-a-user', name: 'Added by a user' }))
      .execute();
    await syncBuiltinReference(store.db);
    expect(await nameHeld()).toBe(maker.name);
    const keys = (await store.db.selectFrom('manufacturers').select('key').execute()).map((r) => r.key);
    expect(keys).toContain('zz-added-by-a-user');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemViewer } from '../access/policy';
import type { Store } from '../db/store';
import { createIncident } from '../incidents/incidents.service';
import { createItem } from '../items/items.service';
import { saveMapping } from '../reference/reference.repository';
import { actorRow, csvFile, incidentRow, itemRow } from '../test/fixtures';
import { testStore } from '../test/store';
import { importFiles } from '../transfer/import';
import { loadExplainNames } from '../leads/explain-names.repository';
import { checkedLists } from './lists';
import { writeRecord } from './register.service';

// Writes are checked against the actors and reference lists kept in memory (lists.ts); any change
// to them, however it is written and by whichever process, must be seen by the next write.
describe('the lists a write is checked against, and the names findings are told with', () => {
  let store: Store;
  beforeAll(async () => {
    store = await testStore();
  });
  afterAll(() => store.close());

  it('are read once while nothing changes them', async () => {
    const first = await checkedLists(store.db);
    expect(await checkedLists(store.db)).toBe(first);
  });

  it('are read again after an actor is added behind their back, as by another process', async () => {
    await checkedLists(store.db);
    await store.db
      .insertInto('actors')
      .values({ name: 'Ansaroul Islam', name_key: 'ansaroul islam', aliases: [] })
      .execute();
    expect((await checkedLists(store.db)).actors.resolve('ANSAROUL ISLAM')?.name).toBe('Ansaroul Islam');
    // And a write naming it is accepted at once.
    await writeRecord(
      store.db,
      systemViewer,
      'incidents',
      incidentRow({ ref: 'L-1', actor: 'Ansaroul Islam' }),
    );
    const row = await store.db
      .selectFrom('incidents')
      .innerJoin('actors', 'actors.id', 'incidents.actor_id')
      .select('actors.name')
      .where('incidents.ref', '=', 'L-1')
      .executeTakeFirstOrThrow();
    expect(row.name).toBe('Ansaroul Islam');
  });

  it('forget an actor renamed or deleted since they were read', async () => {
    await store.db
      .insertInto('actors')
      .values({ name: 'Groupe Temporaire', name_key: 'groupe temporaire', aliases: [] })
      .execute();
    expect((await checkedLists(store.db)).actors.resolve('Groupe Temporaire')).toBeDefined();
    await store.db.deleteFrom('actors').where('name_key', '=', 'groupe temporaire').execute();
    expect((await checkedLists(store.db)).actors.resolve('Groupe Temporaire')).toBeUndefined();
    await expect(
      writeRecord(
        store.db,
        systemViewer,
        'incidents',
        incidentRow({ ref: 'L-2', actor: 'Groupe Temporaire' }),
      ),
    ).rejects.toMatchObject({ details: [expect.objectContaining({ code: 'unknown_actor' })] });
  });

  it('follow a reference mapping added after they were read', async () => {
    await checkedLists(store.db);
    await saveMapping(store.db, { field: 'calibre', written: 'kalash short', target: '7.62x39' }, 'analyst');
    await createIncident(store.db, systemViewer, incidentRow({ ref: 'L-3', date: '2020-01-01' }));
    await createItem(
      store.db,
      systemViewer,
      itemRow({ ref: 'L-3-1', incident_ref: 'L-3', category: 'ammunition', calibre: 'Kalash short' }),
    );
    const item = await store.db
      .selectFrom('items')
      .select('calibre_key')
      .where('ref', '=', 'L-3-1')
      .executeTakeFirstOrThrow();
    expect(item.calibre_key).toBe('7.62x39');
  });

  it('keep nothing a rolled-back transaction saw of its own changes', async () => {
    await checkedLists(store.db);
    await expect(
      store.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('actors')
          .values({ name: 'Jamais Écrit', name_key: 'jamais ecrit', aliases: [] })
          .execute();
        // Inside the transaction its own change is seen…
        expect((await checkedLists(trx)).actors.resolve('Jamais Écrit')).toBeDefined();
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    // …and after the rollback, by no one.
    expect((await checkedLists(store.db)).actors.resolve('Jamais Écrit')).toBeUndefined();
  });

  it('are not changed by an import that brings actors of its own', async () => {
    const before = await checkedLists(store.db);
    const report = await importFiles(
      store.db,
      [
        csvFile('actors.csv', [actorRow({ name: 'Nouveau Groupe', aliases: '', parent: '', from: '' })]),
        csvFile('incidents.csv', [incidentRow({ ref: 'L-4', actor: 'Nouveau Groupe' })]),
      ],
      { user: 'analyst', dryRun: true },
    );
    expect(report.errors).toEqual([]);
    expect(report.ok).toBe(true);
    expect(before.actors.resolve('Nouveau Groupe')).toBeUndefined();
    expect((await checkedLists(store.db)).actors.resolve('Nouveau Groupe')).toBeUndefined();
  });

  it("name a manufacturer in findings' explanations by its name as renamed since they were read", async () => {
    const maker = await store.db
      .selectFrom('manufacturers')
      .select(['key', 'name'])
      .executeTakeFirstOrThrow();
    const first = await loadExplainNames(store.db);
    expect(await loadExplainNames(store.db)).toBe(first);
    await store.db
      .updateTable('manufacturers')
      .set({ name: 'Arsenal Renommé' })
      .where('key', '=', maker.key)
      .execute();
    expect((await loadExplainNames(store.db)).manufacturers.get(maker.key)?.name).toBe('Arsenal Renommé');
  });
});

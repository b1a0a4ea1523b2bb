import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Store } from '../db/store';
import { demoFiles } from '../demo/load';
import { testStore } from '../test/store';
import { importFiles } from '../transfer/import';
import { firstAppearances, sampleStandings, storedLinkSamples } from './facts.repository';

/** `materiel_incidents` as its triggers keep it, and as the register gives it when recomputed. */
async function keptAndRecomputed(db: Db) {
  const kept = await sql<Record<string, unknown>>`
    SELECT kind, key, date::text, incident_id, marked FROM materiel_incidents
     ORDER BY kind, key, incident_id`.execute(db);
  const recomputed = await sql<Record<string, unknown>>`
    SELECT k.kind, k.key, incidents.date::text, incidents.id AS incident_id,
           bool_or(items.lot IS NOT NULL OR items.serial_key IS NOT NULL) AS marked
      FROM live_items items JOIN live_incidents incidents ON incidents.id = items.incident_id
     CROSS JOIN LATERAL (VALUES ('sample', items.sample_key), ('model', items.model_key),
                                ('calibre', items.calibre_key)) AS k(kind, key)
     WHERE k.key IS NOT NULL
     GROUP BY k.kind, k.key, incidents.date, incidents.id
     ORDER BY 1, 2, 4`.execute(db);
  return { kept: kept.rows, recomputed: recomputed.rows };
}

describe('where each sample, model and calibre is documented', () => {
  let store: Store;
  let db: Db;
  beforeAll(async () => {
    store = await testStore();
    db = store.db;
    expect((await importFiles(db, demoFiles({ incidents: 60 }), { user: 'test' })).errors).toEqual([]);
  });
  afterAll(() => store.close());

  const expectInStep = async () => {
    const { kept, recomputed } = await keptAndRecomputed(db);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept).toEqual(recomputed);
  };
  const someItem = () =>
    db
      .selectFrom('items')
      .select(['id', 'incident_id', 'sample_key'])
      .where('sample_key', 'is not', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();

  it('is kept in step with the register by an import', expectInStep);

  it('follows an item that changes sample, gains a serial number and moves to another incident', async () => {
    const item = await someItem();
    const other = await db
      .selectFrom('incidents')
      .select('id')
      .where('id', '<>', item.incident_id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    await db
      .updateTable('items')
      .set({ sample_key: 'ammo:7.62x39:moved:2001', serial: 'SN 1', incident_id: other.id })
      .where('id', '=', item.id)
      .execute();
    await expectInStep();
  });

  it('follows an incident that moves in time, is deleted and comes back', async () => {
    const { incident_id: id } = await someItem();
    await db.updateTable('incidents').set({ date: '2001-02-03' }).where('id', '=', id).execute();
    await expectInStep();
    await db.updateTable('incidents').set({ deleted_at: new Date() }).where('id', '=', id).execute();
    await expectInStep();
    await db.updateTable('incidents').set({ deleted_at: null }).where('id', '=', id).execute();
    await expectInStep();
  });

  it('forgets the items and incidents removed for good', async () => {
    const item = await someItem();
    await db.deleteFrom('items').where('id', '=', item.id).execute();
    await expectInStep();
    await db.deleteFrom('items').where('incident_id', '=', item.incident_id).execute();
    await db.deleteFrom('incidents').where('id', '=', item.incident_id).execute();
    await expectInStep();
  });

  it('answers where a sample stands and when a type first appeared as the items do', async () => {
    const { sample_key: key } = await someItem();
    const standing = (await sampleStandings(db, [key!, 'ammo:nowhere:none:1900'])).get(key!);
    const { rows } = await sql<{ incidents: number; first_seen: string }>`
      SELECT count(DISTINCT items.incident_id)::integer AS incidents, min(incidents.date)::text AS first_seen
        FROM live_items items JOIN live_incidents incidents ON incidents.id = items.incident_id
       WHERE items.sample_key = ${key}`.execute(db);
    expect(standing).toMatchObject({
      sampleKey: key,
      incidents: rows[0]!.incidents,
      firstSeen: rows[0]!.first_seen,
    });
    expect((await sampleStandings(db, ['ammo:nowhere:none:1900'])).size).toBe(0);

    const { calibre_key: calibre } = await db
      .selectFrom('items')
      .select('calibre_key')
      .where('calibre_key', 'is not', null)
      .executeTakeFirstOrThrow();
    const first = (await firstAppearances(db, [`calibre:${calibre}`])).get(`calibre:${calibre}`);
    const { rows: at } = await sql<{ id: number }>`
      SELECT items.id FROM live_items items JOIN live_incidents incidents ON incidents.id = items.incident_id
       WHERE items.calibre_key = ${calibre}
         AND incidents.date = (SELECT min(i.date) FROM live_items x JOIN live_incidents i ON i.id = x.incident_id
                                WHERE x.calibre_key = ${calibre})
       ORDER BY items.id`.execute(db);
    expect(first?.itemIds).toEqual(at.map((r) => r.id));
  });

  it('names every sample of a stored supply a touched sample belongs to, those no finding cites too', async () => {
    // A supply of four samples told one cluster citing two of them; its other two only its list
    // names. Taking an item of the uncited common cartridge away may split the supply, and the
    // rare lot it bound must then be recomputed though no finding cites it.
    const finding = (subject: string, samples: string[], evidence: Record<string, unknown>) => ({
      kind: 'linked_incidents',
      subject,
      part: 'link',
      incident_ids: [1, 2],
      item_ids: [],
      sample_keys: samples,
      score: 0.5,
      date: '2020-01-01',
      explanation: 'test',
      evidence: JSON.stringify(evidence),
    });
    const supply = [
      'ammo:9x19:test-a:2003',
      'ammo:5.56x45:test-common:1979',
      'weapon:G3:test-a:2002',
      'ammo:7.62x51:test-b:2009',
    ];
    await db
      .insertInto('leads')
      .values([
        finding('group:ammo:7.62x51:test-b:2009', ['ammo:7.62x51:test-b:2009', 'ammo:9x19:test-a:2003'], {
          supply: supply[0],
          supplySamples: supply,
        }),
        finding('group:ammo:9x19:test-other:2010', ['ammo:9x19:test-other:2010'], {
          supply: 'ammo:9x19:test-other:2010',
          supplySamples: ['ammo:9x19:test-other:2010'],
        }),
      ])
      .execute();
    expect((await storedLinkSamples(db, ['ammo:5.56x45:test-common:1979'])).sort()).toEqual(
      supply.toSorted(),
    );
    expect((await storedLinkSamples(db, ['ammo:7.62x51:test-b:2009'])).sort()).toEqual(supply.toSorted());
    expect(await storedLinkSamples(db, ['ammo:9x19:test-other:2010'])).toEqual(['ammo:9x19:test-other:2010']);
    expect(await storedLinkSamples(db, ['ammo:9x19:nowhere:2000'])).toEqual([]);
  });
});

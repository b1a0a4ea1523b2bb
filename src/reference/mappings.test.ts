import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emptyRegister, registerFiles, smallRegister } from '../test/fixtures';
import { startServer, type Client, type TestServer } from '../test/server';
import { importFiles } from '../transfer/import';
import { rekeyIfReferenceChanged } from './reference.service';
import { settleLeads } from '../leads/queue';

let server: TestServer;
let analyst: Client;

/** The small register, with the two casings of the linked incidents' lot written "Kolosok". */
function registerWithKolosok() {
  const register = smallRegister();
  register.items = register.items.map((item) =>
    item.manufacturer === '61'
      ? { ...item, manufacturer: 'Kolosok', country_of_manufacture: 'SU', markings: '' }
      : item,
  );
  return registerFiles(register);
}

const sampleKeys = async () =>
  (await server.store.db.selectFrom('items').select('sample_key').orderBy('ref').execute()).map(
    (r) => r.sample_key,
  );
const findingSubjects = async () =>
  (await server.store.db.selectFrom('leads').select('subject').orderBy('subject').execute()).map(
    (l) => l.subject,
  );

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  await emptyRegister(server.store.db);
  const report = await importFiles(server.store.db, registerWithKolosok(), { user: 'test' });
  expect(report.errors).toEqual([]);
  await settleLeads(server.store.db);
  analyst = await server.signIn('analyst');
});

describe('mapping a value to a reference entry', () => {
  it('keys the stored samples again and moves their findings with them', async () => {
    expect(await sampleKeys()).toContain('ammo:7.62x39:~su-kolosok:2015');
    expect(await findingSubjects()).toContain('group:ammo:7.62x39:~su-kolosok:2015');

    const mapped = await analyst.post('/reference/mappings', {
      field: 'manufacturer',
      written: 'KOLOSOK',
      target: 'su-539',
    });

    expect(mapped.status).toBe(200);
    await settleLeads(server.store.db);
    expect(mapped.body).toEqual({ items: 2, baselines: 0 });
    const keys = await sampleKeys();
    expect(keys.filter((k) => k === 'ammo:7.62x39:su-539:2015')).toHaveLength(2);
    expect(keys.some((k) => k?.includes('kolosok'))).toBe(false);
    const subjects = await findingSubjects();
    expect(subjects).toContain('group:ammo:7.62x39:su-539:2015');
    expect(subjects.some((s) => s.includes('kolosok'))).toBe(false);
  });

  it('reads later imports through the mapping', async () => {
    await analyst.post('/reference/mappings', {
      field: 'manufacturer',
      written: 'Kolosok',
      target: 'su-539',
    });
    const item = await analyst.post('/items', {
      ...smallRegister().items[0],
      ref: 'M-00099',
      category: 'ammunition',
      model: '',
      calibre: '7.62x39',
      manufacturer: 'kolosok',
      country_of_manufacture: 'SU',
      year: '1975',
      serial: '',
      markings: '',
    });
    expect(item.status).toBe(201);
    const stored = await server.store.db
      .selectFrom('items')
      .select('sample_key')
      .where('ref', '=', 'M-00099')
      .executeTakeFirstOrThrow();
    expect(stored.sample_key).toBe('ammo:7.62x39:su-539:1975');
  });

  it('audits the mapping and each re-keyed item in the same transaction', async () => {
    await analyst.post('/reference/mappings', {
      field: 'manufacturer',
      written: 'Kolosok',
      target: 'su-539',
    });
    const entries = await server.store.db
      .selectFrom('audit_log')
      .select(['entity', 'entity_key', 'action'])
      .where('entity', 'in', ['reference_mapping', 'item_identity'])
      .orderBy('id')
      .execute();
    expect(entries.map((e) => e.entity)).toEqual(['reference_mapping', 'item_identity', 'item_identity']);
    expect(entries[0]).toMatchObject({ entity_key: 'manufacturer:kolosok', action: 'create' });
  });

  it('keys the samples back when the mapping is removed', async () => {
    await analyst.post('/reference/mappings', {
      field: 'manufacturer',
      written: 'Kolosok',
      target: 'su-539',
    });
    const removed = await analyst.delete('/reference/mappings?field=manufacturer&written=kolosok');
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ items: 2, baselines: 0 });
    expect(await sampleKeys()).toContain('ammo:7.62x39:~su-kolosok:2015');
    expect((await analyst.get('/reference/mappings')).body).toEqual([]);
  });

  it.each([
    ['an entry that does not exist', { field: 'manufacturer', written: 'Kolosok', target: 'su-9999' }],
    ['a list that does not exist', { field: 'actor', written: 'Kolosok', target: 'su-539' }],
    ['a value with no letters or digits', { field: 'manufacturer', written: '?!', target: 'su-539' }],
    ['an empty value', { field: 'manufacturer', written: '  ', target: 'su-539' }],
    [
      'a value of 10,000 characters',
      { field: 'manufacturer', written: 'x'.repeat(10_000), target: 'su-539' },
    ],
    ['a model mapped to a producer', { field: 'model', written: 'Kolosok', target: 'su-539' }],
  ])('refuses %s and changes nothing', async (_, body) => {
    const before = await sampleKeys();
    const answer = await analyst.post('/reference/mappings', body);
    expect(answer.status).toBe(400);
    expect(await sampleKeys()).toEqual(before);
    expect((await analyst.get('/reference/mappings')).body).toEqual([]);
  });

  it('answers 404 when removing a mapping that does not exist', async () => {
    const answer = await analyst.delete('/reference/mappings?field=manufacturer&written=nothing');
    expect(answer.status).toBe(404);
  });
});

describe('a change of the reference lists', () => {
  it('keys the stored samples again when an administrator adds the producer they name', async () => {
    const admin = await server.signIn('administrator');
    const added = await admin.post('/reference/manufacturers', {
      key: 'su-kolosok-works',
      name: 'Kolosok works',
      country: 'SU',
      makes: ['ammunition'],
      aliases: ['Kolosok'],
      source: 'test entry',
      confidence: 'low',
    });
    try {
      expect(added.status).toBe(201);
      await settleLeads(server.store.db);
      expect(await sampleKeys()).toContain('ammo:7.62x39:su-kolosok-works:2015');
      expect(await findingSubjects()).toContain('group:ammo:7.62x39:su-kolosok-works:2015');
    } finally {
      // The reference lists outlive the emptying of the register between tests.
      await server.store.db.deleteFrom('manufacturers').where('key', '=', 'su-kolosok-works').execute();
    }
  });

  it('keys the stored samples again when the store next opens', async () => {
    const { db } = server.store;
    // As if the store had been keyed by an older list in which "Kolosok" was su-539.
    await db
      .updateTable('items')
      .set({ sample_key: 'ammo:7.62x39:su-539:2015' })
      .where('manufacturer', '=', 'Kolosok')
      .execute();
    await db.deleteFrom('reference_state').execute();

    const report = await rekeyIfReferenceChanged(db);

    expect(report).toEqual({ items: 2, baselines: 0 });
    expect(await sampleKeys()).toContain('ammo:7.62x39:~su-kolosok:2015');
    expect(await rekeyIfReferenceChanged(db)).toBeUndefined();
  });
});

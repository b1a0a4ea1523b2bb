import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvFile, itemRow, KIDAL } from '../test/fixtures';
import { type Client, startRegisterServer, type TestServer } from '../test/server';
import { importFiles } from '../transfer/import';
import type { Recognition } from './recognise';

describe('POST /reference/recognise and the register: what was recognised in items as typed', () => {
  let server: TestServer;
  let analyst: Client;
  beforeAll(async () => {
    ({ server, analyst } = await startRegisterServer());
  });
  afterAll(() => server.close());

  const recognised = async (items: unknown[], incidentDate = '2021-08-14') => {
    const response = await analyst.post<{ items: Recognition[] }>('/reference/recognise', {
      incidentDate,
      items,
    });
    expect(response.status).toBe(200);
    return response.body.items;
  };

  it('says what it recognised, what is ambiguous or unknown, as the form shows it', async () => {
    const [tula, rifle, unknown, freeModel] = await recognised([
      { category: 'ammunition', calibre: '7.62x39', markings: '539 75' },
      { category: 'weapon', model: 'AKM', manufacturer: 'Tula', year: '' },
      { category: 'ammunition', manufacturer: 'Usine de Kidal', country_of_manufacture: 'Mali' },
      { category: 'weapon', model: 'AK 30-round magazine' },
    ]);
    expect(tula!.maker).toMatchObject({ status: 'recognised', key: 'su-539', country: 'SU', code: '539' });
    expect(tula!.year).toBe(1975);
    expect(rifle!.maker).toMatchObject({ status: 'recognised', key: 'ru-tula-arms' });
    expect(unknown!.maker).toMatchObject({ status: 'unrecognised', key: '~ml-usine-de-kidal' });
    expect(freeModel!.model).toMatchObject({ known: false });
  });

  it('reads leniently what the form has not checked yet', async () => {
    const [item] = await recognised([
      { category: 'munition', markings: '539 75', year: '19', country_of_manufacture: 'Atlantis' },
    ]);
    expect(item!.maker).toMatchObject({ key: 'su-539' });
  });

  it('bounds a headstamp’s year by an incident known only to the month or the year', async () => {
    // "75" after an incident of 1974 cannot be 1975: it is not read as a year of this century either.
    const markings = { category: 'ammunition', calibre: '7.62x39', markings: '539 75' };
    expect((await recognised([markings], '2016-09'))[0]!.year).toBe(1975);
    expect((await recognised([markings], '1974'))[0]!.year).not.toBe(1975);
  });

  it('refuses a body that is not items, or an incident date that is no date', async () => {
    const response = await analyst.post('/reference/recognise', { items: 'x' });
    expect(response.status).toBe(400);
    for (const incidentDate of ['2016-13', '09/2016x', 'yesterday', '2016-02-30'])
      expect(
        (await analyst.post('/reference/recognise', { incidentDate, items: [{ category: 'ammunition' }] }))
          .status,
      ).toBe(400);
  });

  it('fills an item written through the API from its headstamp, keeping the markings as typed', async () => {
    const response = await analyst.post('/items', {
      ...itemRow({
        ref: 'HS-1',
        incident_ref: KIDAL,
        manufacturer: '',
        year: '',
        country_of_manufacture: '',
      }),
      markings: '539/75',
    });
    expect(response.status).toBe(201);
    const row = await server.store.db
      .selectFrom('items')
      .select(['manufacturer', 'year', 'markings', 'manufacturer_key', 'sample_key'])
      .where('ref', '=', 'HS-1')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      manufacturer: '539',
      year: 1975,
      markings: '539/75',
      manufacturer_key: 'su-539',
      sample_key: 'ammo:7.62x39:su-539:1975',
    });
  });

  it('addresses tracing of a Soviet plant’s cartridge to the state where the plant stands today', async () => {
    const created = await analyst.post('/items', {
      ...itemRow({
        ref: 'HS-2',
        incident_ref: KIDAL,
        manufacturer: '',
        year: '',
        country_of_manufacture: '',
      }),
      calibre: '7.62x54R',
      markings: 'USSR 270 81',
    });
    expect(created.status).toBe(201);
    const item = await analyst.get<{ record: Record<string, string>; tracingCountry: string | null }>(
      '/items/HS-2',
    );
    expect(item.body.record).toMatchObject({
      manufacturer: '270',
      country_of_manufacture: 'SU',
      year: '1981',
    });
    expect(item.body.tracingCountry).toBe('UA');
  });

  it('reads a spreadsheet column headed "headstamp" (or "culot") as the markings, and fills from it', async () => {
    const csv = [
      'ref,incident_ref,category,calibre,headstamp,quantity',
      `HS-3,"${KIDAL}",ammunition,7.62x39,ИК 86,4`,
    ].join('\n');
    const report = await importFiles(server.store.db, [csvFile('items.csv', csv)], { user: 'test' });
    expect(report.errors).toEqual([]);
    const row = await server.store.db
      .selectFrom('items')
      .select(['markings', 'manufacturer', 'year', 'manufacturer_key'])
      .where('ref', '=', 'HS-3')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ markings: 'ИК 86', manufacturer: 'ИК', year: 1986, manufacturer_key: 'ba-igman' });
  });

  it('counts recognised, ambiguous and unrecognised producers in an import preview, and warns of conflicts', async () => {
    const items = [
      itemRow({
        ref: 'P-1',
        incident_ref: KIDAL,
        manufacturer: '',
        year: '',
        country_of_manufacture: '',
        markings: '539 75',
      }),
      itemRow({
        ref: 'P-2',
        incident_ref: KIDAL,
        manufacturer: 'Usine de Kidal',
        country_of_manufacture: 'ML',
        markings: '',
      }),
      itemRow({ ref: 'P-3', incident_ref: KIDAL, manufacturer: '61', year: '2014', markings: '61 15' }),
    ];
    const report = await importFiles(server.store.db, [csvFile('items.csv', items)], {
      user: 'test',
      dryRun: true,
    });
    expect(report.ok).toBe(true);
    expect(report.recognition).toEqual({
      items: 3,
      headstampsRead: 2,
      recognised: 2,
      ambiguous: 0,
      unrecognised: 1,
      noMaker: 0,
    });
    expect(report.warnings.map((w) => `${w.line}: ${w.column}: ${w.message}`)).toContain(
      '4: year: year is "2014" but the headstamp reads "2015": kept as given; check the item',
    );
  });
});

import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvFile, incidentRow, itemRow, registerFiles } from '../test/fixtures';
import { type Client, startServer, type TestServer } from '../test/server';
import { importFiles } from '../transfer/import';
import type { ConventionReport, ReportYears, SdgIndicator } from './reports.schema';

const SEIZURE = '220310 Seizure, Gao';
const COLLECTION = '220601 Weapons collection, Ménaka';
const NIGER = '220415 Seizure, Niamey';
const YEAR_2022 = 'from=2022-01-01&to=2022-12-31';

describe('convention registers and the SDG 16.4.2 indicator', () => {
  let server: TestServer;
  let analyst: Client;
  const weapon = (ref: string, incident: string, overrides: Record<string, string> = {}) =>
    itemRow({
      ref,
      incident_ref: incident,
      category: 'weapon',
      type: 'assault rifle',
      model: 'AKM',
      manufacturer: 'Izhmash',
      country_of_manufacture: 'RU',
      year: '1978',
      serial: `SN-${ref}`,
      markings: 'star in triangle',
      quantity: '1',
      condition: 'serviceable',
      ...overrides,
    });

  beforeAll(async () => {
    server = await startServer();
    const register = registerFiles();
    expect((await importFiles(server.store.db, register, { user: 'test' })).errors).toEqual([]);
    analyst = await server.signIn('analyst', { username: 'amina' });
    const incidents = [
      incidentRow({ ref: SEIZURE, date: '2022-03-10', type: 'Seizure', admin1: 'Gao', place: 'Gao' }),
      incidentRow({
        ref: COLLECTION,
        date: '2022-06-01',
        type: 'Weapons collection',
        admin1: 'Ménaka',
        place: 'Ménaka',
      }),
      incidentRow({
        ref: NIGER,
        date: '2022-04-15',
        type: 'Seizure',
        country: 'NE',
        admin1: 'Niamey',
        place: 'Niamey',
        lat: '13.51',
        lon: '2.11',
      }),
    ];
    for (const incident of incidents) expect((await analyst.post('/incidents', incident)).status).toBe(201);
    const items = [
      // Several rifles of one model without serial numbers read: one line with a quantity.
      weapon('W-1', SEIZURE, { quantity: '3', serial: '' }),
      weapon('W-2', SEIZURE, {
        model: 'MAS 36',
        year: '1890',
        manufacturer: 'MAS',
        country_of_manufacture: 'FR',
      }),
      itemRow({ ref: 'A-1', incident_ref: SEIZURE, quantity: '500' }),
      weapon('W-3', COLLECTION, { quantity: '5', serial: '' }),
      weapon('W-4', NIGER),
    ];
    for (const item of items) {
      const created = await analyst.post('/items', item);
      expect([item.ref, created.status, created.body]).toEqual([item.ref, 201, created.body]);
    }
    // A weapon recovered in 2015 and destroyed in 2022 is declared as destroyed in 2022.
    expect(
      (
        await analyst.post('/items/M-00001/custody', {
          event: 'destroyed',
          at: '2022-11-20T09:00:00Z',
          by: 'UNMAS',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await analyst.post('/items/W-3/custody', {
          event: 'transferred',
          at: '2022-06-02T09:00:00Z',
          by: 'DDR section',
          to: 'CNLPAL',
        })
      ).status,
    ).toBe(201);
  });
  afterAll(() => server.close());

  it('lists the weapons seized, collected and destroyed in the period, with totals', async () => {
    const report = await analyst.get<ConventionReport>(`/reports/weapons-register?${YEAR_2022}`);
    expect(report.status).toBe(200);
    expect(report.body.rows.map((r) => [r.action, r.item_ref, r.date, r.quantity])).toEqual([
      ['seized', 'W-1', '2022-03-10', '3'],
      ['seized', 'W-4', '2022-04-15', '1'],
      ['collected', 'W-3', '2022-06-01', '5'],
      ['destroyed', 'M-00001', '2022-11-20', '1'],
    ]);
    expect(report.body.totals).toEqual({ seized: 4, collected: 5, destroyed: 1 });
    expect(report.body.rows.find((r) => r.item_ref === 'W-3')?.custody).toBe('Transferred → CNLPAL');
  });

  it('narrows the register to a country and writes it in French', async () => {
    const report = await analyst.get<ConventionReport>(
      `/reports/weapons-register?${YEAR_2022}&country=Niger&lang=fr`,
    );
    expect(
      report.body.rows.map((r) => [r.item_ref, r.country, r.incident_type, r.type, r.country_of_manufacture]),
    ).toEqual([['W-4', 'Niger', 'Saisie', 'Fusil d’assaut', 'Russie']]);
    const french = await analyst.get<ConventionReport>(`/reports/weapons-register?${YEAR_2022}&lang=fr`);
    expect(french.body.rows.find((r) => r.item_ref === 'W-3')?.custody).toBe('Transféré → CNLPAL');
  });

  it('writes the register as CSV and as an XLSX workbook with a sheet of totals', async () => {
    const csv = await fetch(`${server.url}/reports/weapons-register/file?${YEAR_2022}&format=csv`, {
      headers: { cookie: analyst.cookie },
    });
    expect(csv.headers.get('content-disposition')).toContain('weapons-register-2022-01-01-2022-12-31.csv');
    const rows = parse(await csv.text(), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.item_ref, r.serial])).toEqual([
      ['W-1', ''],
      ['W-4', 'SN-W-4'],
      ['W-3', ''],
      ['M-00001', 'SN-11-4471'],
    ]);

    const xlsx = await fetch(`${server.url}/reports/weapons-register/file?${YEAR_2022}&format=xlsx`, {
      headers: { cookie: analyst.cookie },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['register', 'totals']);
    expect(workbook.getWorksheet('register')!.rowCount).toBe(5);
    const totals = workbook.getWorksheet('totals')!;
    expect([2, 3, 4].map((r) => [totals.getCell(r, 1).value, totals.getCell(r, 2).value])).toEqual([
      ['seized', 4],
      ['collected', 5],
      ['destroyed', 1],
    ]);
  });

  it('writes a register longer than a batch whole: each weapon once, in order, ties of one day and moment included', async () => {
    const cache = incidentRow({ ref: '230505 Arms cache, Gao', date: '2023-05-05', type: 'Arms cache' });
    const weapons = Array.from({ length: 620 }, (_, i) =>
      weapon(`C-${String(i).padStart(4, '0')}`, cache.ref!, { serial: '' }),
    );
    expect(
      (
        await importFiles(
          server.store.db,
          [csvFile('incidents.csv', [cache]), csvFile('items.csv', weapons)],
          { user: 'test' },
        )
      ).errors,
    ).toEqual([]);
    // 300 destroyed on one day, half of them at one same moment.
    const ids = await server.store.db
      .selectFrom('items')
      .select(['id', 'ref'])
      .where('ref', 'like', 'C-%')
      .orderBy('ref')
      .limit(300)
      .execute();
    await server.store.db
      .insertInto('custody_events')
      .values(
        ids.map((item, i) => ({
          item_id: item.id,
          event: 'destroyed',
          at:
            i % 2 === 0
              ? '2023-09-01T10:00:00.123456Z'
              : `2023-09-01T11:00:00.${String(i).padStart(6, '0')}Z`,
          by_whom: 'UNMAS',
          recorded_by: 'test',
        })),
      )
      .execute();
    const csv = await fetch(
      `${server.url}/reports/weapons-register/file?from=2023-01-01&to=2023-12-31&format=csv`,
      {
        headers: { cookie: analyst.cookie },
      },
    );
    const rows = parse(await csv.text(), { columns: true, bom: true }) as Record<string, string>[];
    const recovered = rows.filter((r) => r.action !== 'destroyed').map((r) => r.item_ref);
    const destroyed = rows.filter((r) => r.action === 'destroyed').map((r) => r.item_ref);
    expect(recovered).toEqual(weapons.map((w) => w.ref).sort());
    const even = ids.filter((_, i) => i % 2 === 0).map((i) => i.ref);
    const odd = ids.filter((_, i) => i % 2 === 1).map((i) => i.ref);
    expect(destroyed).toEqual([...even, ...odd]);
  });

  it('computes SDG 16.4.2 from the arms whose point of diversion a trace established', async () => {
    const before = (await analyst.get<SdgIndicator>(`/reports/sdg-16-4-2?${YEAR_2022}`)).body;
    // W-1 (3), W-4 (1), W-3 (5); the 1890 rifle is an antique and ammunition is not arms.
    expect(before).toMatchObject({ arms: 9, established: 0, proportion: 0, traceRequested: 0 });
    expect(before.byContext).toEqual({
      seized: { arms: 4, established: 0 },
      found: { arms: 0, established: 0 },
      surrendered: { arms: 5, established: 0 },
    });

    const traced = await analyst.post<{ ref: string }>('/tracing-requests', {
      items: ['W-1', 'W-4'],
      addresseeCountry: 'RU',
      addressee: 'Ministry of Foreign Affairs',
      channel: 'bilateral',
      purpose: 'To establish how the rifles reached the sellers in Gao and Niamey.',
    });
    const ref = traced.body.ref;
    await analyst.post(`/tracing-requests/${ref}/events`, { event: 'sent', on: '2022-07-01' });
    const midway = (await analyst.get<SdgIndicator>(`/reports/sdg-16-4-2?${YEAR_2022}`)).body;
    expect(midway).toMatchObject({ arms: 9, established: 0, traceRequested: 4 });

    await analyst.post(`/tracing-requests/${ref}/events`, {
      event: 'answer',
      on: '2022-09-01',
      note: 'Exported 1979',
    });
    await analyst.put(`/tracing-requests/${ref}/outcome`, {
      outcome: 'Exported in 1979 to the national army; lost in 2012.',
      diversionEstablished: true,
      diversionPoint: 'Loss from national stocks, 2012',
      establishedBy: 'trace',
    });
    const after = (await analyst.get<SdgIndicator>(`/reports/sdg-16-4-2?${YEAR_2022}`)).body;
    expect(after).toMatchObject({ arms: 9, established: 4, establishedBy: { trace: 4, authority: 0 } });
    expect(after.proportion).toBeCloseTo(4 / 9);
    expect(after.byContext.seized).toEqual({ arms: 4, established: 4 });
    const mali = (await analyst.get<SdgIndicator>(`/reports/sdg-16-4-2?${YEAR_2022}&country=ML`)).body;
    expect(mali).toMatchObject({ arms: 8, established: 3 });
    const empty = (await analyst.get<SdgIndicator>('/reports/sdg-16-4-2?from=1990-01-01&to=1990-12-31')).body;
    expect(empty).toMatchObject({ arms: 0, proportion: null });
  });

  it('audits every register produced', async () => {
    const before = await server.store.db
      .selectFrom('audit_log')
      .select('id')
      .where('entity', '=', 'export')
      .execute();
    await analyst.get(`/reports/weapons-register?${YEAR_2022}`);
    const entries = await server.store.db
      .selectFrom('audit_log')
      .select(['actor', 'after'])
      .where('entity', '=', 'export')
      .orderBy('id')
      .execute();
    expect(entries).toHaveLength(before.length + 1);
    expect(entries.at(-1)).toMatchObject({
      actor: 'amina',
      after: { report: 'convention-register', rows: 4 },
    });
  });

  it('answers bad periods and parameters with a clear error', async () => {
    for (const query of [
      'from=2022-12-31&to=2022-01-01',
      'from=2022-02-30&to=2022-12-31',
      'from=2022-01-01',
      `${YEAR_2022}&country=Atlantis`,
      `${YEAR_2022}&format=pdf`,
      `${YEAR_2022}&from=2021-01-01`,
      `${YEAR_2022}&lang=de`,
      "from=2022-01-01'--&to=2022-12-31",
    ]) {
      const answer = await analyst.get<{ error: string }>(`/reports/weapons-register?${query}`);
      expect([query, answer.status]).toEqual([query, 400]);
      expect(answer.body.error).toBeTruthy();
    }
    expect((await analyst.get(`/reports/weapons-register/file?${YEAR_2022}&format=pdf`)).status).toBe(400);
  });

  it('lists the years that have weapons recovered or destroyed, and only those', async () => {
    const answer = await analyst.get<ReportYears>('/reports/years');
    expect(answer.status).toBe(200);
    const { years } = answer.body;
    expect(years).toContain(2022);
    expect(years).toEqual([...new Set(years)].sort((a, b) => a - b));
    const first = years[0]!;
    const last = years[years.length - 1]!;
    for (let year = first - 1; year <= last + 1; year++) {
      const report = await analyst.get<ConventionReport>(
        `/reports/weapons-register?from=${year}-01-01&to=${year}-12-31`,
      );
      expect([year, report.body.rows.length > 0]).toEqual([year, years.includes(year)]);
    }
  });

  it('keeps reports to the analysis cell', async () => {
    for (const role of ['reviewer', 'documenter', 'partner'] as const) {
      const client = await server.signIn(role);
      expect((await client.get('/reports/years')).status).toBe(403);
      expect((await client.get(`/reports/weapons-register?${YEAR_2022}`)).status).toBe(403);
      expect((await client.get(`/reports/sdg-16-4-2?${YEAR_2022}`)).status).toBe(403);
    }
  });
});

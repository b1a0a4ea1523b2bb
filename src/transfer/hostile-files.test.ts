import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, csv, incidentRow, noRows, xlsxFile } from '../test/fixtures';
import { startServer, type TestServer } from '../test/server';
import { formatProblem, importFiles, type ImportInput } from './import';
import type { ReadLimits } from './read-table';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const importWith = (inputs: ImportInput[], limits?: ReadLimits) =>
  importFiles(server.store.db, inputs, { user: 'test', limits, dryRun: false });

/** A workbook whose one sheet is `rows` identical rows: highly compressible, as a zip bomb is. */
function bombWorkbook(rows: number): Uint8Array {
  const row = (n: number) =>
    `<row r="${n}"><c r="A${n}" t="inlineStr"><is><t>${'B'.repeat(60)}</t></is></c></row>`;
  const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${Array.from({ length: rows }, (_, i) => row(i + 1)).join('')}</sheetData></worksheet>`;
  return zipSync(
    {
      '[Content_Types].xml': strToU8('<Types/>'),
      'xl/workbook.xml': strToU8(
        '<workbook xmlns:r="r"><sheets><sheet name="incidents" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
      'xl/worksheets/sheet1.xml': strToU8(sheet),
    },
    { level: 9 },
  );
}

/** Rewrites the uncompressed sizes a zip declares (local headers and directory) to `size`. */
function declareSize(zip: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(zip);
  const view = new DataView(out.buffer);
  for (let i = 0; i + 4 <= out.length; i++) {
    const signature = view.getUint32(i, true);
    if (signature === 0x04034b50) view.setUint32(i + 22, size, true);
    if (signature === 0x02014b50) view.setUint32(i + 24, size, true);
  }
  return out;
}

const small: ReadLimits = { maxRows: 1000, maxExpandedBytes: 2 * 1024 * 1024 };

describe('hostile workbooks and files', () => {
  it('refuses a zip bomb by the size it declares, at once, and writes nothing', async () => {
    const bomb = bombWorkbook(40_000); // ≈ 4.6 MB of sheet XML in ≈ 200 KB
    expect(bomb.length).toBeLessThan(400_000);
    const started = performance.now();
    const report = await importWith([{ name: 'bomb.xlsx', data: bomb }], small);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(report.errors.map(formatProblem)).toEqual([
      'bomb.xlsx: the workbook expands to 5 MB by its own account, more than the 2 MB one import may hold (HEADSTAMP_IMPORT_MAX_MB): it may be a zip bomb, or split it into smaller workbooks; nothing was written',
    ]);
    expect(await countRows(server.store.db)).toEqual(noRows);
  });

  it('refuses a zip bomb that lies about its size, counting what it inflates', async () => {
    const liar = declareSize(bombWorkbook(40_000), 1000);
    const report = await importWith([{ name: 'liar.xlsx', data: liar }], small);
    expect(report.errors.map(formatProblem)).toEqual([
      'liar.xlsx: the workbook expands to more than it declares (over 2 MB), more than the 2 MB one import may hold (HEADSTAMP_IMPORT_MAX_MB): it may be a zip bomb, or split it into smaller workbooks; nothing was written',
    ]);
  });

  it('refuses, through the API with the default limits, a workbook declaring 2 GB', async () => {
    const admin = await server.signIn('administrator', { username: 'admin-bomb' });
    const answer = await admin.post<{ ok: boolean; errors: { message: string }[] }>('/import', {
      dryRun: true,
      files: [
        {
          name: 'bomb.xlsx',
          content: Buffer.from(declareSize(bombWorkbook(10), 2 ** 31 - 1)).toString('base64'),
        },
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.body.ok).toBe(false);
    expect(answer.body.errors[0]!.message).toMatch(
      /^the workbook expands to \d+ MB by its own account, more than the 100 MB one import may hold/,
    );
  });

  it('refuses a workbook of more rows than allowed, reading no further', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => incidentRow({ ref: `R${i}` }));
    const workbook = await xlsxFile('register.xlsx', { incidents: rows });
    const report = await importWith([workbook], { ...small, maxRows: 29 });
    expect(report.errors.map(formatProblem)).toEqual([
      'register.xlsx: the import holds more than 29 rows, the most one import may hold (HEADSTAMP_IMPORT_MAX_ROWS): split it into smaller imports; nothing was written',
    ]);
    expect((await countRows(server.store.db)).incidents).toBe(0);
  });

  it('refuses an over-long CSV file, and counts the rows of all the files of one import together', async () => {
    const rows = (from: number) => Array.from({ length: 20 }, (_, i) => incidentRow({ ref: `R${from + i}` }));
    const one = { name: 'incidents.csv', data: Buffer.from(csv(rows(0))) };
    const two = { name: 'incidents-2.csv', data: Buffer.from(csv(rows(100))), kind: 'incidents' as const };
    expect((await importWith([one], { ...small, maxRows: 19 })).errors.map(formatProblem)).toEqual([
      'incidents.csv: the import holds more than 19 rows, the most one import may hold (HEADSTAMP_IMPORT_MAX_ROWS): split it into smaller imports; nothing was written',
    ]);
    const both = await importWith([one, two], { ...small, maxRows: 30 });
    expect(both.errors.map((e) => e.file)).toEqual(['incidents-2.csv']);
    expect((await countRows(server.store.db)).incidents).toBe(0);
  });

  it('answers /healthz at once while a write holds the embedded store, and from the store after', async () => {
    const origin = server.url.replace('/api/v1', '');
    const health = async () => (await fetch(`${origin}/healthz`)).json();
    if (server.store.kind !== 'pglite')
      return expect(await health()).toEqual({ ok: true, store: 'postgres' });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const writing = server.store.db.transaction().execute(() => held);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await health()).toEqual({ ok: true, store: 'pglite', busy: true });
    release();
    await writing;
    // The findings worker may take the store for a moment once the write lets go.
    await expect.poll(health).toEqual({ ok: true, store: 'pglite' });
  });

  it('keeps /healthz answering while a large legal file is read', async () => {
    // 20,000 rows of 9 fields, read and checked in a worker thread, written in statements of a
    // hundred rows with the event loop turning between them. Generous bound for a shared machine;
    // the latencies measured are in docs/benchmarks.md (bench/healthz.ts).
    const text = `ref,date,type,country,admin1,place,lat,lon,summary\n${Array.from(
      { length: 20_000 },
      (_, i) => `R${i},2021-01-01,IED,ML,Mopti,Sévaré,14.5,-4.1,a summary of some length ${i}`,
    ).join('\n')}\n`;
    const admin = await server.signIn('administrator', { username: 'admin-big' });
    const importing = admin.post('/import', {
      dryRun: true,
      files: [{ name: 'incidents.csv', content: Buffer.from(text).toString('base64') }],
    });
    const origin = server.url.replace('/api/v1', '');
    let worst = 0;
    let done = false;
    void importing.finally(() => (done = true));
    while (!done) {
      const started = performance.now();
      expect((await fetch(`${origin}/healthz`)).status).toBe(200);
      worst = Math.max(worst, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await importing).status).toBe(200);
    console.log(`/healthz: worst ${Math.round(worst)} ms during a 20,000-row dry run`);
    expect(worst).toBeLessThan(5_000);
  });
});

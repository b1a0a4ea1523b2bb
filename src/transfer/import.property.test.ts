import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../db/store';
import { entityKinds } from '../records/entity';
import { specs } from '../register/specs';
import { countRows, registerFiles, xlsxFile } from '../test/fixtures';
import { testStore } from '../test/store';
import { exportTables, toCsv } from './export';
import { importFiles, type ImportInput } from './import';

/**
 * Random and hostile files given to the importer: whatever they hold, the answer is a report
 * (written, or refused with its problems listed), never an exception, and a refused import
 * leaves the register exactly as it was. Runs are few, so the suite stays fast; a failure prints
 * its seed and the smallest input that shows it.
 */

const columns = [...new Set(entityKinds.flatMap((kind) => specs[kind].columns.map((c) => c.name)))];
const HOSTILE = [
  '=1+1',
  "-1+cmd|' /C calc'!A0",
  '\u0000',
  '"',
  '"unclosed',
  '\r\n',
  ';',
  ',',
  '\ufeff',
  '\ud800',
  '🔫',
  'NaN',
  '-0',
  '9'.repeat(40),
  '2021-02-30',
  '   ',
  '\\',
  '%_',
  'KIDAL',
  '210814 IED attack, Kidal',
  'M-00001',
  'ML',
  'ammunition',
];
const cell = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom(...columns),
);
const name = fc.constantFrom(
  'incidents.csv',
  'items.csv',
  'actors.csv',
  'baseline.csv',
  'embargoes.csv',
  'notes.csv',
  'x.txt',
);

/** A CSV file as people and tools write them, and as attackers do: any header, any cells, any separator. */
const csvInput: fc.Arbitrary<ImportInput> = fc
  .record({
    name,
    header: fc.oneof(fc.shuffledSubarray(columns, { minLength: 1 }), fc.array(cell, { maxLength: 6 })),
    rows: fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 6 }),
    delimiter: fc.constantFrom(',', ';', '\t'),
    bom: fc.boolean(),
  })
  .map(({ name, header, rows, delimiter, bom }) => ({
    name,
    data: Buffer.from(
      (bom ? '\ufeff' : '') + [header, ...rows].map((r) => r.join(delimiter)).join('\r\n'),
      'utf8',
    ),
  }));
const bytesInput = fc.record({ name, data: fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)) });

/** A real workbook of random sheets and cells, sometimes cut short or with bytes flipped. */
const xlsxInput: fc.Arbitrary<Promise<ImportInput>> = fc
  .record({
    sheets: fc.dictionary(
      fc.oneof(
        fc.constantFrom('incidents', 'items', 'actors', 'baselines'),
        fc.string({ minLength: 1, maxLength: 8 }),
      ),
      fc.array(fc.dictionary(fc.constantFrom(...columns), cell, { maxKeys: 6 }), { maxLength: 4 }),
      { minKeys: 1, maxKeys: 3 },
    ),
    damage: fc.oneof(
      fc.constant(null),
      fc.record({ cut: fc.nat() }),
      fc.record({ flip: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
    ),
  })
  .map(async ({ sheets, damage }) => {
    // A sheet name Excel refuses is not what this tests: ExcelJS would throw before the importer.
    const safe = Object.fromEntries(
      Object.entries(sheets).map(([sheet, rows], i) => [
        `${sheet.replace(/[\\/?*[\]:']/g, '')}${i}`.slice(0, 31),
        rows,
      ]),
    );
    const { data } = await xlsxFile('register.xlsx', safe);
    const bytes = Buffer.from(data);
    if (damage && 'cut' in damage)
      return { name: 'register.xlsx', data: bytes.subarray(0, damage.cut % bytes.length) };
    if (damage && 'flip' in damage) bytes[damage.flip % bytes.length] = damage.byte;
    return { name: 'register.xlsx', data: bytes };
  });

describe('the importer given random and hostile files', () => {
  let store: Store;
  beforeAll(async () => {
    store = await testStore();
    expect((await importFiles(store.db, registerFiles(), { user: 'test' })).errors).toEqual([]);
  });
  afterAll(() => store.close());

  const snapshot = async () => {
    const tables = await exportTables(store.db);
    return { rows: await countRows(store.db), files: entityKinds.map((kind) => toCsv(kind, tables[kind])) };
  };

  /** Imports the files; a refusal must list its problems and change nothing. */
  async function importChecked(inputs: ImportInput[], dryRun: boolean) {
    const before = await snapshot();
    const report = await importFiles(store.db, inputs, { user: 'property', dryRun });
    expect(report.ok).toBe(report.errors.length === 0);
    for (const problem of report.errors) expect(problem.message).toEqual(expect.any(String));
    if (!report.ok || dryRun) expect(await snapshot()).toEqual(before);
  }

  it('answers any CSV or bytes with a report, and writes nothing it refuses', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(csvInput, bytesInput), { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        (inputs, dryRun) => importChecked(inputs, dryRun),
      ),
      { numRuns: 40 },
    );
  });

  it('answers any workbook, whole or damaged, with a report, and writes nothing it refuses', async () => {
    await fc.assert(
      fc.asyncProperty(xlsxInput, fc.boolean(), async (input, dryRun) =>
        importChecked([await input], dryRun),
      ),
      { numRuns: 25 },
    );
  });
});

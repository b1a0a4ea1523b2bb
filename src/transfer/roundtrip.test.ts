import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../db/store';
import { demoFiles } from '../demo/load';
import {
  countRows,
  emptyRegister,
  incidentRow,
  itemRow,
  registerFiles,
  smallRegister,
} from '../test/fixtures';
import { testStore } from '../test/store';
import { canonicalFile, entityKinds, type EntityKind } from '../records/entity';
import { systemViewer } from '../access/policy';
import { deleteIncident, restoreIncident } from '../incidents/incidents.service';
import { deleteItem, restoreItem } from '../items/items.service';
import { exportTables, toCsv, toXlsx, type ExportedTables } from './export';
import { formatProblem, importFiles, type ImportInput } from './import';

/**
 * What the register exports, imported into an empty store, must export again byte for byte:
 * the canonical files lose nothing and the importer reads back all that the exporter writes.
 */

let source: Store;
let target: Store;
let demoExport: ExportedTables;

beforeAll(async () => {
  [source, target] = await Promise.all([testStore(), testStore()]);
  const report = await importFiles(source.db, demoFiles({ incidents: 120 }), { user: 'test' });
  expect(report.errors.map(formatProblem)).toEqual([]);
  demoExport = await exportTables(source.db);
});

beforeEach(async () => {
  await emptyRegister(target.db);
});

afterAll(async () => {
  await Promise.all([source.close(), target.close()]);
});

const csvFiles = (tables: ExportedTables, delimiter?: string): ImportInput[] =>
  entityKinds.map((kind) => ({
    name: canonicalFile[kind],
    data: Buffer.from(toCsv(kind, tables[kind], delimiter), 'utf8'),
  }));

const asCsv = (tables: ExportedTables): Record<EntityKind, string> =>
  Object.fromEntries(entityKinds.map((kind) => [kind, toCsv(kind, tables[kind])])) as Record<
    EntityKind,
    string
  >;

async function importIntoTarget(inputs: ImportInput[]): Promise<ExportedTables> {
  const report = await importFiles(target.db, inputs, { user: 'test' });
  expect(report.errors.map(formatProblem)).toEqual([]);
  expect(report.ok).toBe(true);
  return exportTables(target.db);
}

describe('round trip of the demo register', () => {
  it('exports every kind of the demo set (non-empty) from the source store', () => {
    for (const kind of entityKinds) expect(demoExport[kind].length, kind).toBeGreaterThan(0);
  });

  it('re-imports its CSV export into an empty store and exports byte-identical CSV for every kind', async () => {
    const again = await importIntoTarget(csvFiles(demoExport));
    const [before, after] = [asCsv(demoExport), asCsv(again)];
    for (const kind of entityKinds) expect(after[kind], kind).toBe(before[kind]);
    expect(await countRows(target.db)).toEqual(await countRows(source.db));
  });

  it('round-trips through an XLSX workbook to the same CSV', async () => {
    const workbook = await toXlsx(demoExport);
    const again = await importIntoTarget([{ name: 'register.xlsx', data: workbook }]);
    const [before, after] = [asCsv(demoExport), asCsv(again)];
    for (const kind of entityKinds) expect(after[kind], kind).toBe(before[kind]);
  });

  it('re-imports a semicolon-separated export (French Excel) to the same register', async () => {
    const files = csvFiles(demoExport, ';');
    expect(Buffer.from(files[1]!.data).toString('utf8').split('\r\n')[0]).toMatch(
      /^\uFEFFref;date;type;country;/,
    );
    const again = await importIntoTarget(files);
    const [before, after] = [asCsv(demoExport), asCsv(again)];
    for (const kind of entityKinds) expect(after[kind], kind).toBe(before[kind]);
  });

  it('finds nothing to change when its own export is imported back into the same store', async () => {
    const before = await countRows(source.db);
    const report = await importFiles(source.db, csvFiles(demoExport), { user: 'test' });
    expect(report.errors.map(formatProblem)).toEqual([]);
    for (const table of report.tables) {
      expect([table.kind, table.created, table.updated, table.unchanged]).toEqual([
        table.kind,
        0,
        0,
        table.rows,
      ]);
    }
    expect(await countRows(source.db)).toEqual(before);
  });
});

describe('round trip of a register with deleted records', () => {
  it('leaves deleted incidents and items out of its export, which imports back with nothing to change', async () => {
    const incident = demoExport.incidents[0]!.ref!;
    const item = demoExport.items.findLast((i) => i.incident_ref !== incident)!.ref!;
    const itemsOfIncident = demoExport.items.filter((i) => i.incident_ref === incident).map((i) => i.ref);
    await deleteIncident(source.db, systemViewer, incident, 'entered twice');
    await deleteItem(source.db, systemViewer, item, 'counted twice');
    const exported = await exportTables(source.db);
    expect(exported.incidents.map((i) => i.ref)).not.toContain(incident);
    expect(exported.items.map((i) => i.ref)).not.toEqual(expect.arrayContaining([item]));
    expect(exported.items.filter((i) => itemsOfIncident.includes(i.ref))).toEqual([]);
    expect(exported.items).toHaveLength(demoExport.items.length - itemsOfIncident.length - 1);

    const before = await countRows(source.db);
    const report = await importFiles(source.db, csvFiles(exported), { user: 'test' });
    expect(report.errors.map(formatProblem)).toEqual([]);
    expect(report.tables.every((t) => t.created === 0 && t.updated === 0)).toBe(true);
    expect(await countRows(source.db)).toEqual(before);

    await restoreIncident(source.db, systemViewer, incident);
    await restoreItem(source.db, systemViewer, item);
    expect(asCsv(await exportTables(source.db))).toEqual(asCsv(demoExport));
  });
});

describe('round trip of awkward cells', () => {
  const awkward = () => {
    const register = smallRegister();
    register.incidents.push(
      incidentRow({
        ref: '210901 IED attack, "Route 5"; Gao',
        summary: '=HYPERLINK("http://evil.example","x"), then; more',
        target: '+1+HYPERLINK("http://evil.example")',
        source: '@SUM(A1)',
        place: "-1+cmd|' /C calc'!A0",
        admin1: 'Ménaka; Gao',
        lat: '-0.5',
        lon: '+2.25',
      }),
    );
    register.items.push(
      itemRow({
        ref: 'M-0099',
        incident_ref: '210901 IED attack, "Route 5"; Gao',
        notes: "'; DROP TABLE items; --",
        lot: '0539',
        markings: "'=already quoted",
      }),
    );
    return register;
  };

  it.each([
    ['comma-separated CSV', ','],
    ['semicolon-separated CSV', ';'],
    ['tab-separated CSV', '\t'],
  ])('keeps formula-like, quoted and separator-laden cells through %s', async (_label, delimiter) => {
    await importIntoTarget(registerFiles(awkward()));
    const first = await exportTables(target.db);
    await emptyRegister(target.db);
    const again = await importIntoTarget(csvFiles(first, delimiter));
    expect(asCsv(again)).toEqual(asCsv(first));
    const incident = again.incidents.find((r) => r.ref === '210901 IED attack, "Route 5"; Gao');
    expect(incident).toMatchObject({
      summary: '=HYPERLINK("http://evil.example","x"), then; more',
      target: '+1+HYPERLINK("http://evil.example")',
      source: '@SUM(A1)',
      place: "-1+cmd|' /C calc'!A0",
      lat: '-0.5',
      lon: '2.25',
    });
    expect(again.items.find((r) => r.ref === 'M-0099')).toMatchObject({
      notes: "'; DROP TABLE items; --",
      lot: '0539',
      // A spreadsheet's text prefix: the first import reads it as one, like a spreadsheet.
      markings: '=already quoted',
    });
    // In the file every such cell is guarded but negative coordinates, which stay numbers.
    const cells = toCsv('incidents', first.incidents, delimiter)
      .split(/\r\n/)
      .join(delimiter)
      .split(delimiter);
    const unguarded = cells.filter((c) => /^"?[=+\-@]/.test(c));
    expect(unguarded).toContain('-0.5');
    expect(unguarded.filter((c) => !/^-\d+(\.\d+)?$/.test(c))).toEqual([]);
  });

  it('keeps them through an XLSX workbook', async () => {
    await importIntoTarget(registerFiles(awkward()));
    const first = await exportTables(target.db);
    await emptyRegister(target.db);
    const again = await importIntoTarget([{ name: 'register.xlsx', data: await toXlsx(first) }]);
    expect(asCsv(again)).toEqual(asCsv(first));
  });
});

describe('export order', () => {
  it('sorts rows by their text byte for byte, whatever collation the database uses', async () => {
    // A linguistic collation (a server's en_US or ICU) puts "Al-Mourabitoun" before "AQIM" and
    // "Ansar-Dine" after "Ansar Eddine"; PGlite's "C" does not. Exports must not depend on the store.
    const register = smallRegister();
    register.actors = ['Ansar-Dine', 'Al-Mourabitoun', 'AQIM', 'Ansar Eddine', 'ansar al-sharia'].map(
      (name) => ({
        name,
        aliases: '',
        parent: '',
        from: '',
        to: '',
      }),
    );
    register.incidents = register.incidents.map((row) => ({ ...row, actor: '', attribution: '' }));
    register.embargoes = register.embargoes.filter((row) => row.scope === 'territory');
    register.baselines = ['fama', 'FAMa', 'Garde nationale', 'gendarmerie'].map((holder) => ({
      ...register.baselines[0]!,
      holder,
      model: holder === 'fama' ? 'Type 56' : 'AKM',
    }));
    await importIntoTarget(registerFiles(register));
    const exported = await exportTables(target.db);
    expect(exported.actors.map((r) => r.name)).toEqual([
      'AQIM',
      'Al-Mourabitoun',
      'Ansar Eddine',
      'Ansar-Dine',
      'ansar al-sharia',
    ]);
    expect(exported.baselines.map((r) => r.holder)).toEqual([
      'FAMa',
      'Garde nationale',
      'fama',
      'gendarmerie',
    ]);
  });
});

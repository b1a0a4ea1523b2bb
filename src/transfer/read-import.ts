import { basename, extname } from 'node:path';
import { entityKinds, type EntityKind, type Table } from '../records/entity';
import { parseTables, type ReadRows } from '../register/parse';
import type { ImportReport } from '../register/report';
import { kindFromName } from '../register/specs';
import { readCsv, readXlsx, RowBudget, type ReadLimits, type ReadResult } from './read-table';

export interface ImportInput {
  /** The file name as the user knows it; its extension says CSV or XLSX. */
  name: string;
  data: Uint8Array;
  /** Overrides the kind read from the file name (CSV only). */
  kind?: EntityKind;
}

async function readInput(input: ImportInput, budget: RowBudget): Promise<ReadResult> {
  const extension = extname(input.name).toLowerCase();
  if (extension === '.xlsx') return readXlsx(input.name, input.data, budget);
  if (extension === '.csv' || extension === '.txt' || extension === '.tsv')
    // The kind comes from the file's own name: a folder such as `incident-2021/` must not decide it.
    return readCsv(input.name, basename(input.name), input.data, budget);
  return {
    errors: [
      {
        message: `cannot import a ${extension || 'extension-less'} file: give a .csv file or an .xlsx workbook`,
      },
    ],
  };
}

/**
 * Reads the files of one import into tables, and their rows by their records' schemas, every
 * problem into `report`. No database: a large import runs this in a worker thread (import.ts).
 */
export async function readImport(
  inputs: ImportInput[],
  limits: ReadLimits | undefined,
  report: ImportReport,
): Promise<ReadRows> {
  // One allowance for all the files: twenty files of the most rows each would be twenty times it.
  const budget = new RowBudget(limits);
  const tables: { kind: EntityKind; table: Table }[] = [];
  if (inputs.length === 0) report.errors.push({ file: '', message: 'no file to import' });
  for (const input of inputs) {
    const result = await readInput(input, budget);
    if ('errors' in result) {
      report.errors.push(...result.errors.map((e) => ({ file: input.name, ...e })));
      // Past the limit, reading the other files would only spend the time the limit saves.
      if (result.errors.some((e) => e.message === budget.refusal)) break;
      continue;
    }
    report.warnings.push(...result.warnings.map((w) => ({ file: input.name, ...w })));
    for (const table of result.tables) {
      const kind =
        (extname(input.name).toLowerCase() !== '.xlsx' ? input.kind : undefined) ?? kindFromName(table.name);
      if (!kind) {
        const what = table.source.endsWith(']') ? 'sheet' : 'file';
        const message = `cannot tell what this ${what} holds: name it ${entityKinds.join(', ')}${what === 'file' ? ' (or give --kind)' : ''}`;
        if (what === 'sheet')
          report.warnings.push({ file: table.source, message: `${message}; the sheet was skipped` });
        else report.errors.push({ file: table.source, message });
        continue;
      }
      tables.push({ kind, table });
    }
  }
  return parseTables(tables, report);
}

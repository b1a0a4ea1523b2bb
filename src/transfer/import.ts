import { startWorkerThread } from '../core/worker-thread';
import type { Db } from '../db/store';
import type { ReadRows } from '../register/parse';
import { emptyReport, writeParsed } from '../register/register.service';
import type { ImportOptions, ImportReport } from '../register/report';
import type { ReadLimits } from './read-table';
import { readImport, type ImportInput } from './read-import';

// The importer's report is the register's.
export {
  formatProblem,
  MAX_LISTED_CHANGES,
  type ImportOptions,
  type ImportProblem,
  type ImportReport,
  type RowChange,
} from '../register/report';
export type { ImportInput } from './read-import';

/**
 * From this many bytes of files, they are read and checked in a worker thread: reading 100,000
 * rows held the server's thread for seconds. Below it, starting a worker (a few hundred
 * milliseconds) would cost more than it saves.
 */
export const WORKER_MIN_BYTES = 256 * 1024;

/**
 * Reads canonical CSV files and XLSX workbooks and writes them all-or-nothing: any bad row
 * rejects the whole import with every problem listed, and the store is left as it was.
 */
export async function importFiles(
  db: Db,
  inputs: ImportInput[],
  options: ImportOptions & { limits?: ReadLimits },
): Promise<ImportReport> {
  const report = emptyReport(options);
  const bytes = inputs.reduce((sum, input) => sum + input.data.byteLength, 0);
  const read =
    bytes >= WORKER_MIN_BYTES
      ? await readInWorker(inputs, options.limits, report)
      : await readImport(inputs, options.limits, report);
  return writeParsed(db, read, report, options);
}

/** `readImport` in a worker thread; the report it fills is copied back into `report`. */
function readInWorker(
  inputs: ImportInput[],
  limits: ReadLimits | undefined,
  report: ImportReport,
): Promise<ReadRows> {
  return new Promise((resolve, reject) => {
    const worker = startWorkerThread(import.meta.url, 'import.worker', { inputs, limits, report });
    let answered = false;
    worker.once('message', (result: { read: ReadRows; report: ImportReport }) => {
      answered = true;
      Object.assign(report, result.report);
      resolve(result.read);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the import's reader stopped (exit code ${code}) before answering`));
    });
  });
}

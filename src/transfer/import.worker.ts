import { parentPort, workerData } from 'node:worker_threads';
import type { ImportReport } from '../register/report';
import type { ReadLimits } from './read-table';
import { readImport, type ImportInput } from './read-import';

// An import's files read and checked row by row off the server's thread (import.ts starts it):
// the rows and the report go back to the thread that writes them.
const { inputs, limits, report } = workerData as {
  inputs: ImportInput[];
  limits: ReadLimits | undefined;
  report: ImportReport;
};
const read = await readImport(inputs, limits, report);
parentPort!.postMessage({ read, report });

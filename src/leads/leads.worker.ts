import { parentPort, workerData } from 'node:worker_threads';
import { connectStore } from '../db/store';
import { leadsThreadData, startLeadsWorker, type LeadsThreadMessage } from './queue';

// The findings' refresh on a PostgreSQL store, in a thread of its own with its own connections
// (queue.ts, `startLeadsThread`): the server's thread answers requests while it runs.
const { databaseUrl, settings, pollMs } = leadsThreadData.parse(workerData);
const port = parentPort!;
const send = (message: LeadsThreadMessage) => port.postMessage(message);
const store = await connectStore({ databaseUrl, purpose: 'findings worker' });
const worker = startLeadsWorker(store.db, settings, { pollMs, log: (line) => send({ log: line }) });
port.once('message', () => {
  void worker
    .stop()
    .finally(() => store.close())
    .finally(() => port.close());
});

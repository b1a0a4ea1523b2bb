import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts the worker thread whose module is `name` (`import.worker`, `leads.worker`) in the folder of
 * `base` (the caller's `import.meta.url`). The compiled CLI has each worker beside its bundle
 * (scripts/build-cli.js, one entry point per worker); run from the TypeScript sources (tests,
 * tsx), the worker compiles its module with tsx as it loads it.
 */
export function startWorkerThread(base: string, name: string, workerData: unknown): Worker {
  const compiled = new URL(`./${name}.js`, base);
  if (existsSync(fileURLToPath(compiled))) return new Worker(compiled, { workerData });
  const source = JSON.stringify(new URL(`./${name}.ts`, base).href);
  return new Worker(
    `import('tsx/esm/api').then(({ register }) => { register(); return import(${source}); });`,
    { eval: true, workerData },
  );
}

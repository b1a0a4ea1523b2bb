import { spawn } from 'node:child_process';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { openStore } from '../register/store';

const BIN = fileURLToPath(new URL('../../bin/headstamp.js', import.meta.url));

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `headstamp …` as a user runs it, in `work`, on the embedded store of `work/<storeFolder>` and
 * the evidence of `work/evidence` (never a server the environment names).
 */
export function runHeadstamp(work: string, storeFolder: string, ...args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HEADSTAMP_DATA_DIR: join(work, storeFolder),
    HEADSTAMP_EVIDENCE_DIR: join(work, 'evidence'),
    NO_COLOR: '1',
  };
  delete env.DATABASE_URL;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, cwd: work });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Makes `dataDir` a migrated, empty embedded store, as the first command run on it would (a copy
 * of the one the global set-up made: migrating a store on disk costs a process 5–10 s of CPU).
 * For the tests of what commands do on a store, not of a command's first start.
 */
export async function commandLineStore(dataDir: string): Promise<void> {
  const template = inject('pgliteDataDir');
  // Without the global set-up (another configuration): migrated here.
  if (!template) return (await openStore({ dataDir })).close();
  await cp(template, dataDir, { recursive: true, errorOnExist: true, force: false });
}

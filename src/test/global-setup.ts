import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openStore } from '../register/store';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A tarball of a migrated, seeded, empty PGlite store (`dumpDataDir`), for `testStore`. */
    pgliteTemplate: string | undefined;
    /** A migrated, seeded, empty database on the TEST_DATABASE_URL server, to copy with TEMPLATE. */
    postgresTemplate: string | undefined;
    /**
     * The data directory of a migrated, seeded, empty embedded store on disk, for the tests that
     * run the command line (always on the embedded store) to copy (`commandLineStore`).
     */
    pgliteDataDir: string;
  }
}

/**
 * Migrates one store before any test file runs, so that every test store is a copy of it rather
 * than a fresh migration (seconds each on PGlite, where each test file otherwise migrated its own).
 * The template is built from the migrations of this checkout at every run: it cannot go stale.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The tests that run `bin/headstamp.js` run the compiled CLI: compiled once here, not by each.
  await promisify(execFile)(process.execPath, [
    fileURLToPath(new URL('../../scripts/build-cli.js', import.meta.url)),
  ]);
  const folder = await mkdtemp(join(tmpdir(), 'headstamp-test-template-'));
  const dataDir = join(folder, 'data');
  project.provide('pgliteDataDir', dataDir);
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `headstamp_template_${randomBytes(6).toString('hex')}`;
    await onServer(serverUrl, (admin) => admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`));
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    await Promise.all([
      openStore({ databaseUrl: url.toString() }).then((store) => store.close()),
      openStore({ dataDir }).then((store) => store.close()),
    ]);
    project.provide('pgliteTemplate', undefined);
    project.provide('postgresTemplate', name);
    return async () => {
      await onServer(serverUrl, (admin) =>
        admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`),
      );
      await rm(folder, { recursive: true, force: true });
    };
  }
  const file = join(folder, 'store.tar');
  const store = await openStore({ dataDir: 'memory://' });
  const dump = await store.dump!();
  await store.close();
  await writeFile(file, new Uint8Array(await dump.arrayBuffer()));
  // The same store on disk, loaded from the dump rather than migrated a second time.
  await (await openStore({ dataDir, template: dump })).close();
  project.provide('pgliteTemplate', file);
  project.provide('postgresTemplate', undefined);
  return () => rm(folder, { recursive: true, force: true });
}

async function onServer(serverUrl: string, use: (admin: pg.Client) => Promise<unknown>): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await use(admin);
  } finally {
    await admin.end();
  }
}

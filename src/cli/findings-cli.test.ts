import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leadsStatus } from '../leads/queue';
import { openStore } from '../register/store';
import { commandLineStore, runHeadstamp } from '../test/cli';
import { csv, registerFiles, smallRegister } from '../test/fixtures';

/** The command line's rule for the findings queue (docs/leads.md, "The queue"). */
describe('the findings after a command that writes', { timeout: 600_000 }, () => {
  let work: string;
  const headstamp = (...args: string[]) => runHeadstamp(work, 'store', ...args);
  /** Where the findings stand in the store the commands use, read once they have exited. */
  const findings = async () => {
    const store = await openStore({ dataDir: join(work, 'store') });
    try {
      const leads = await store.db.selectFrom('leads').select('id').execute();
      return { ...(await leadsStatus(store.db)), leads: leads.length };
    } finally {
      await store.close();
    }
  };

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'headstamp-findings-'));
    await commandLineStore(join(work, 'store'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('brings them up to date before an import exits', async () => {
    const paths = registerFiles().map(({ name, data }) => {
      const path = join(work, name);
      writeFileSync(path, data);
      return path;
    });
    const run = await headstamp('import', ...paths);
    expect(run.code, run.stderr).toBe(0);
    const after = await findings();
    expect(after).toMatchObject({ updating: false, pending: 0 });
    expect(after.leads).toBeGreaterThan(0);
  });

  it('leaves them queued with --defer-findings, and the next command that reads them catches up', async () => {
    const items = join(work, 'items.csv');
    writeFileSync(items, csv([{ ...smallRegister().items[0]!, ref: 'M-DEFERRED', serial: '' }]));
    const run = await headstamp('import', '--defer-findings', items);
    expect(run.code, run.stderr).toBe(0);
    expect(await findings()).toMatchObject({ updating: true });

    const read = await headstamp('leads', '--json');
    expect(read.code, read.stderr).toBe(0);
    expect(JSON.parse(read.stdout).length).toBeGreaterThan(0);
    expect(await findings()).toMatchObject({ updating: false, pending: 0 });
  });
});

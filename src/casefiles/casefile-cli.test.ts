import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemViewer } from '../access/policy';
import { openStore } from '../register/store';
import { commandLineStore, runHeadstamp } from '../test/cli';
import { registerFiles } from '../test/fixtures';
import { importFiles } from '../transfer/import';
import { addMembers, createCaseFile } from './casefiles.service';

/** `headstamp casefile pdf|package` as a user runs it, on an embedded store in a temporary folder. */
describe('headstamp casefile', () => {
  let work: string;
  let id: number;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'headstamp-casefile-cli-'));
    await commandLineStore(join(work, 'store'));
    const store = await openStore({ dataDir: join(work, 'store') });
    try {
      expect((await importFiles(store.db, registerFiles(), { user: 'test' })).errors).toEqual([]);
      const created = await createCaseFile(store.db, systemViewer, {
        title: 'Douilles 61 15',
        finding: 'Le même lot à Sévaré et à Kidal.',
        classification: 'internal',
        handling: null,
      });
      await addMembers(store.db, systemViewer, created.id, {
        incidents: [],
        items: ['M-00003', 'M-00004'],
        photos: [],
        leads: [],
        samples: [],
      });
      id = created.id;
    } finally {
      await store.close();
    }
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const headstamp = (...args: string[]) => runHeadstamp(work, 'store', ...args);

  it('writes a case file as a PDF and as a package', async () => {
    const pdf = await headstamp('casefile', 'pdf', String(id), '--out', 'case.pdf');
    expect(pdf.stderr).toBe('');
    expect(pdf.code).toBe(0);
    const text = execFileSync('pdftotext', [join(work, 'case.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('Le même lot à Sévaré et à Kidal.');
    expect(text).toContain('INTERNAL');
    const zip = await headstamp('casefile', 'package', String(id), '--out', 'case.zip');
    expect(zip.code).toBe(0);
    const entries = unzipSync(new Uint8Array(readFileSync(join(work, 'case.zip'))));
    expect(Object.keys(entries).sort()).toEqual([
      'case-file.json',
      'case-file.schema.json',
      'incidents.csv',
      'items.csv',
    ]);
  }, 60_000);

  it('says so for a case file that does not exist or a number that is not one, and writes nothing', async () => {
    const missing = await headstamp('casefile', 'pdf', '999', '--out', 'missing.pdf');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('no case file 999');
    const bad = await headstamp('casefile', 'pdf', '1; rm -rf', '--out', 'bad.pdf');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('a case file number');
    expect(() => readFileSync(join(work, 'missing.pdf'))).toThrow();
    expect(() => readFileSync(join(work, 'bad.pdf'))).toThrow();
  }, 60_000);
});

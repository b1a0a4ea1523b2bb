import { systemViewer } from '../access/policy';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../db/store';
import { registerStats } from '../stats/stats.queries';
import { testStore } from '../test/store';
import { importFiles } from './import';

/** The CSV blocks of docs/import-format.md, by file name. */
function documentedFiles(): { name: string; data: Uint8Array }[] {
  const doc = readFileSync(new URL('../../docs/import-format.md', import.meta.url), 'utf8');
  return [...doc.matchAll(/`(\w+\.csv)`\n```csv\n([\s\S]*?)```/g)].map(([, name, body]) => ({
    name: name!,
    data: Buffer.from(body!, 'utf8'),
  }));
}

describe('the import format documentation', () => {
  let store: Store;
  beforeEach(async () => {
    store = await testStore();
  });
  afterEach(() => store.close());

  it('gives an example a user can copy and import as it stands', async () => {
    const files = documentedFiles();
    expect(files.map((f) => f.name)).toEqual(['actors.csv', 'incidents.csv', 'items.csv']);
    const report = await importFiles(store.db, files, { user: 'test' });
    expect(report.errors).toEqual([]);
    expect(report.ok).toBe(true);
    const stats = await registerStats(store.db, systemViewer);
    expect(stats.incidents.total).toBe(2);
    expect(stats.items.total).toBe(3);
    expect(stats.actors.total).toBe(2);
  });
});

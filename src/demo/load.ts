import type { Db } from '../db/store';
import { canonicalFile, entityKinds } from '../records/entity';
import { toCsv } from '../transfer/export';
import { importFiles, type ImportReport } from '../transfer/import';
import { generateDemo, type DemoOptions } from './generate';

/** The demo set as the canonical CSV files a user would import. */
export function demoFiles(options?: DemoOptions): { name: string; data: Uint8Array }[] {
  const tables = generateDemo(options);
  return entityKinds.map((kind) => ({
    name: canonicalFile[kind],
    data: Buffer.from(toCsv(kind, tables[kind]), 'utf8'),
  }));
}

/** Loads the demo set through the ordinary importer, only into an empty register. */
export async function loadDemoIfEmpty(db: Db, options?: DemoOptions): Promise<ImportReport | undefined> {
  const existing = await db.selectFrom('incidents').select('id').limit(1).executeTakeFirst();
  if (existing) return undefined;
  return importFiles(db, demoFiles(options), { user: 'headstamp-demo' });
}

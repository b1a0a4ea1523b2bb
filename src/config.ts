import { resolve } from 'node:path';
import { z } from 'zod';
import type { StoreOptions } from './db/store';

const environment = z.object({
  DATABASE_URL: z.string().url().optional(),
  HEADSTAMP_DATA_DIR: z.string().min(1).optional(),
});

/**
 * Where the register lives: a PostgreSQL server when DATABASE_URL is set, else the embedded
 * store in HEADSTAMP_DATA_DIR (default ./data/store).
 */
export function storeOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): StoreOptions {
  const parsed = environment.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `bad configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const { DATABASE_URL, HEADSTAMP_DATA_DIR } = parsed.data;
  if (DATABASE_URL) return { databaseUrl: DATABASE_URL };
  const dataDir = HEADSTAMP_DATA_DIR ?? 'data/store';
  return { dataDir: dataDir.startsWith('memory://') ? dataDir : resolve(dataDir) };
}

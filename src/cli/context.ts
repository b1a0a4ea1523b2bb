import { userInfo } from 'node:os';
import { basename } from 'node:path';
import { ZodError } from 'zod';
import {
  auditSettingsFromEnv,
  configuredEnvironment,
  importLimitsFromEnv,
  serverConfigFromEnv,
  storeOptionsFromEnv,
} from '../config';
import type { Store, StoreOptions } from '../db/store';
import { leadSettingsFromEnv } from '../leads/settings';
import { formatProblem, type ImportReport } from '../register/report';

/**
 * What a command does with the findings (docs/leads.md, "The queue"): one that reads them brings
 * them up to date first; one that writes the register brings them up to date with its changes
 * before it exits, unless told to leave that to the server (`--defer-findings`).
 */
export type FindingsUse = 'read' | 'write' | 'defer';

/** Runs one command's work on the configured store, closed whatever happens (PGlite must flush). */
export async function withStore<T>(
  run: (store: Store) => Promise<T>,
  findings?: FindingsUse,
  open: Pick<StoreOptions, 'longLived'> = {},
): Promise<T> {
  // Loaded by the commands that open the store, not at start: `headstamp --help` loads no database.
  const [{ openStore }, { loadAuditKey }, { settleLeads }] = await Promise.all([
    import('../register/store'),
    import('../audit/audit-key'),
    import('../leads/queue'),
  ]);
  const env = configuredEnvironment();
  const options = storeOptionsFromEnv(env);
  const auditKey = loadAuditKey(auditSettingsFromEnv(env, options).key);
  const store = await openStore({ ...options, ...open, auditKey });
  try {
    if (findings === 'read') await settleLeads(store.db, leadSettings());
    const result = await run(store);
    if (findings === 'write') await settleLeads(store.db, leadSettings());
    return result;
  } finally {
    await store.close();
  }
}

/** The option of the commands that write: their findings left to the server's worker. */
export const deferFindingsOption = [
  '--defer-findings',
  'return once the changes are written, leaving the findings to `headstamp serve` (or to the next command that reads them) instead of bringing them up to date before exiting',
] as const;

export const serverConfig = () => serverConfigFromEnv(configuredEnvironment());

export const auditSettings = () => {
  const env = configuredEnvironment();
  return auditSettingsFromEnv(env, storeOptionsFromEnv(env));
};

/** The PostgreSQL server configured, if any (else the embedded store). */
export const databaseUrl = () => storeOptionsFromEnv(configuredEnvironment()).databaseUrl;

export const importLimits = () => importLimitsFromEnv(configuredEnvironment());

export const leadSettings = () => leadSettingsFromEnv(configuredEnvironment());

/** Who acts, for the audit log, when `--user` does not say. */
export function defaultUser(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

/** A refused option value, named as the command line names the option. */
export function invalidOptions(error: ZodError, option: (field: PropertyKey | undefined) => string): Error {
  return new Error(error.issues.map((i) => `--${option(i.path[0])}: ${i.message}`).join('; '));
}

export function printImportReport(report: ImportReport) {
  for (const warning of report.warnings) console.error(`warning: ${formatProblem(warning)}`);
  for (const error of report.errors) console.error(formatProblem(error));
  if (!report.ok) {
    console.error(`\nNothing was written: ${report.errors.length} problem(s) to fix, then import again.`);
    return;
  }
  for (const t of report.tables) {
    console.log(
      `${t.file} (${t.kind}): ${t.rows} rows — ${t.created} new, ${t.updated} changed, ${t.unchanged} unchanged`,
    );
  }
  if (report.dryRun) console.log('Dry run: the files are valid; nothing was written.');
}

/**
 * Prints why a command failed, on one line. A domain error (src/core/errors.ts) or any other
 * error says its message as it is; a refused input says where, field by field, as the API does.
 */
export function printError(error: unknown): void {
  const message =
    error instanceof ZodError
      ? error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')
      : error instanceof Error
        ? error.message
        : String(error);
  const code = (error as NodeJS.ErrnoException).code;
  console.error(
    code === 'ENOENT'
      ? `headstamp: no such file: ${basename((error as NodeJS.ErrnoException).path ?? '')}`
      : `headstamp: ${message}`,
  );
}

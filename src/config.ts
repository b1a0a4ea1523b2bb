import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
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

const serverEnvironment = z.object({
  HEADSTAMP_HOST: z.string().min(1).default('127.0.0.1'),
  HEADSTAMP_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Signs session cookies; without it sessions end when the server stops. */
  HEADSTAMP_SECRET: z.string().min(32, 'use at least 32 characters').optional(),
  /** Set to 1 behind a TLS proxy so cookies are sent over HTTPS only. */
  HEADSTAMP_SECURE_COOKIES: z.enum(['0', '1']).default('0'),
  /** Structured JSON logs of every request on standard output. */
  HEADSTAMP_LOG: z.enum(['0', '1']).default('1'),
  /** Where photos and documents are kept, by SHA-256. */
  HEADSTAMP_EVIDENCE_DIR: z.string().min(1).default('data/evidence'),
  /** Largest photo or document, in megabytes. */
  HEADSTAMP_MAX_UPLOAD_MB: z.coerce.number().positive().max(1024).default(20),
});

const importEnvironment = z.object({
  /** Rows one import may hold, all its files together. */
  HEADSTAMP_IMPORT_MAX_ROWS: z.coerce.number().int().positive().default(100_000),
  /** Megabytes an XLSX workbook may expand to (its zip parts inflated). */
  HEADSTAMP_IMPORT_MAX_MB: z.coerce.number().positive().max(4096).default(100),
});

/** Bounds of one import (CLI, API, web), against zip bombs and imports that would hold the server. */
export function importLimitsFromEnv(env: NodeJS.ProcessEnv = process.env) {
  const parsed = importEnvironment.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `bad configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return {
    maxRows: parsed.data.HEADSTAMP_IMPORT_MAX_ROWS,
    maxExpandedBytes: Math.round(parsed.data.HEADSTAMP_IMPORT_MAX_MB * 1024 * 1024),
  };
}

export function serverConfigFromEnv(env: NodeJS.ProcessEnv = process.env) {
  const parsed = serverEnvironment.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `bad configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const e = parsed.data;
  return {
    host: e.HEADSTAMP_HOST,
    port: e.HEADSTAMP_PORT,
    secret: e.HEADSTAMP_SECRET,
    secureCookies: e.HEADSTAMP_SECURE_COOKIES === '1',
    log: e.HEADSTAMP_LOG === '1',
    evidenceDir: resolve(e.HEADSTAMP_EVIDENCE_DIR),
    maxUploadBytes: Math.round(e.HEADSTAMP_MAX_UPLOAD_MB * 1024 * 1024),
  };
}

const configFile = z.record(z.string(), z.union([z.string(), z.number()]));
const SETTING = /^(DATABASE_URL|HEADSTAMP_[A-Z_]+)$/;

/**
 * The settings in effect: those of a JSON file (HEADSTAMP_CONFIG, or ./headstamp.config.json
 * when present) with the same names as the environment variables, overridden by the environment.
 */
export function configuredEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const path =
    env.HEADSTAMP_CONFIG ?? (existsSync('headstamp.config.json') ? 'headstamp.config.json' : undefined);
  if (!path) return env;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(
      `cannot read the configuration file ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const parsed = configFile.safeParse(json);
  if (!parsed.success) {
    throw new Error(
      `${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const unknown = Object.keys(parsed.data).filter((key) => !SETTING.test(key));
  if (unknown.length > 0) throw new Error(`${path}: not a Headstamp setting: ${unknown.join(', ')}`);
  const fromFile = Object.fromEntries(Object.entries(parsed.data).map(([k, v]) => [k, String(v)]));
  return { ...fromFile, ...env };
}

const auditEnvironment = z.object({
  /** The audit key itself (at least 32 characters); else HEADSTAMP_AUDIT_KEY_FILE is used. */
  HEADSTAMP_AUDIT_KEY: z.string().min(32, 'use at least 32 characters').optional(),
  /** The audit key's file, created with a random key on first start. */
  HEADSTAMP_AUDIT_KEY_FILE: z.string().min(1).optional(),
  /** Where signed checkpoints of the audit log's head are written. */
  HEADSTAMP_AUDIT_CHECKPOINTS: z.string().min(1).optional(),
  /** How often the server writes a checkpoint, in minutes (0: only at start). */
  HEADSTAMP_CHECKPOINT_MINUTES: z.coerce
    .number()
    .min(0)
    .max(7 * 24 * 60)
    .default(60),
});

export interface AuditSettings {
  key: { value?: string; file?: string };
  /** Absent for a store in memory: nothing outlives the process to check against. */
  checkpointDir?: string;
  checkpointMinutes: number;
}

/**
 * The audit key and checkpoints live outside the store, beside it by default: for an embedded
 * store in the folder that holds its data directory (`data/audit.key`, `data/audit-checkpoints/`
 * for `data/store`); for a PostgreSQL server in `data/` of the working directory.
 */
export function auditSettingsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  store: StoreOptions = storeOptionsFromEnv(env),
): AuditSettings {
  const parsed = auditEnvironment.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `bad configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const e = parsed.data;
  const inMemory = !store.databaseUrl && (store.dataDir ?? 'memory://').startsWith('memory://');
  const beside = store.databaseUrl || !store.dataDir ? resolve('data') : dirname(resolve(store.dataDir));
  return {
    key: {
      value: e.HEADSTAMP_AUDIT_KEY,
      file: e.HEADSTAMP_AUDIT_KEY_FILE
        ? resolve(e.HEADSTAMP_AUDIT_KEY_FILE)
        : inMemory
          ? undefined
          : resolve(beside, 'audit.key'),
    },
    checkpointDir: e.HEADSTAMP_AUDIT_CHECKPOINTS
      ? resolve(e.HEADSTAMP_AUDIT_CHECKPOINTS)
      : inMemory
        ? undefined
        : resolve(beside, 'audit-checkpoints'),
    checkpointMinutes: e.HEADSTAMP_CHECKPOINT_MINUTES,
  };
}
